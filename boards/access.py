"""Who may see which meetings and which business. Every view asks here; nothing decides access elsewhere."""

from sbp.roles import RoleName, has_role

# Roles that read everything, Part 2 (exempt) business and unpublished drafts included.
FULL_READERS = (RoleName.OFFICER, RoleName.DEMOCRATIC_SERVICES, RoleName.BOARD_MEMBER)


def sees_exempt_business(user):
    """Part 2 papers and minutes reach only officers, democratic services and board members."""
    return has_role(user, *FULL_READERS)


def sees_unpublished(user):
    """Draft agendas and unapproved minutes: the full readers, and partners for Part 1 business."""
    return has_role(user, *FULL_READERS, RoleName.PARTNER)


def can_view_meeting(user, meeting):
    """The public may open a meeting once its agenda is published."""
    return meeting.is_agenda_published or sees_unpublished(user)


def can_view_minutes(user, meeting):
    """The public read minutes only once a later meeting has approved them as a correct record."""
    return meeting.are_minutes_approved or sees_unpublished(user)


def visible_meetings(user, meetings):
    return meetings if sees_unpublished(user) else meetings.published()
