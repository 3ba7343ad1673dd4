"""Who may see which meetings and which business. Every view asks here; nothing decides access elsewhere.

What a reader may see *inside* a meeting (Part 2 business) is the redaction policy, `boards/redaction.py`:
this module says which reader a user is, and the policy decides for that reader.
"""

from boards import redaction
from sbp.roles import BOARD_READERS, RECORD_KEEPERS, RoleName, has_role

# Roles that read everything, Part 2 (exempt) business and unpublished drafts included.
FULL_READERS = (RoleName.OFFICER, RoleName.DEMOCRATIC_SERVICES, RoleName.BOARD_MEMBER)


def sees_exempt_business(user):
    """Part 2 papers and minutes reach only officers, democratic services and board members."""
    return has_role(user, *FULL_READERS)


def sees_unpublished(user):
    """Draft agendas and unapproved minutes: the full readers, and partners for Part 1 business."""
    return has_role(user, *BOARD_READERS)


def reader(user):
    """The user as the redaction policy sees them."""
    return redaction.Reader(exempt=sees_exempt_business(user), drafts=sees_unpublished(user))


def meeting_record(user, meeting):
    """The meeting's agenda, minutes and declarations as this user may see them. The public read minutes only
    once a later meeting has approved them as a correct record."""
    return redaction.record(reader(user), meeting, minutes_public=meeting.are_minutes_approved)


def can_view_meeting(user, meeting):
    """The public may open a meeting once its agenda is published."""
    return meeting.is_agenda_published or sees_unpublished(user)


def visible_meetings(user, meetings):
    return meetings if sees_unpublished(user) else meetings.published()


def can_edit(user):
    """Officers and Democratic Services keep the record: agendas, attendance, minutes, actions."""
    return has_role(user, *RECORD_KEEPERS)


def can_publish_and_approve(user):
    """Only Democratic Services publish agendas and approve minutes."""
    return has_role(user, RoleName.DEMOCRATIC_SERVICES)


def can_see_actions(user):
    return sees_unpublished(user)


def action_readers(action):
    """Who may see an action (for saying so when refusing): the full readers when the redaction policy withholds
    it from everyone else, else the board's readers."""
    return FULL_READERS if redaction.withholds(redaction.PUBLIC, action.minute.agenda_item) else BOARD_READERS


def can_see_action(user, action):
    return can_see_actions(user) and redaction.shows_action(reader(user), action)


def can_update_action(user, action):
    """Officers update any action; a partner updates the actions owned by their own organisation that they may
    see (never a Part 2 action, whoever owns it)."""
    if not can_see_action(user, action):
        return False
    if can_edit(user):
        return True
    if not has_role(user, RoleName.PARTNER) or action.owner_organisation_id is None:
        return False
    person = getattr(user, "person", None)
    return person is not None and person.organisation_id == action.owner_organisation_id


def can_download_pack(user, meeting, restricted):
    """Anyone who may open the meeting has its public pack; the restricted pack carries Part 2 papers."""
    return can_view_meeting(user, meeting) and (not restricted or sees_exempt_business(user))


def visible_actions(user, actions):
    """Actions minuted under Part 2 business stay with those who may see it."""
    return redaction.actions(reader(user), actions)


def can_see_paper(user, item):
    return can_view_meeting(user, item.meeting) and redaction.shows_papers(reader(user), item)
