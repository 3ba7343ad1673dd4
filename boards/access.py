"""Who may see which meetings and which business. Every view asks here; nothing decides access elsewhere.

Every question is asked for a partnership (docs/decisions/0018-roles-per-partnership.md): a role held in one
partnership says nothing about another's business. `where` is a Partnership, its pk, or any row that says which
partnership it belongs to (a meeting, an agenda item, a minute, an action, a pack: `sbp.roles.partnership_key`).
Published business of every partnership is public.

What a reader may see *inside* a meeting (Part 2 business) is the redaction policy, `boards/redaction.py`:
this module says which reader a user is in a partnership, and the policy decides for that reader.
"""

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q

from boards import redaction
from boards.models import Action, Meeting, SearchDocument
from sbp.roles import BOARD_READERS, RECORD_KEEPERS, RoleName, has_role, has_role_anywhere, partnerships_where

# The open data API (boards/api, ADR 0027) asks every question as this user, whoever is signed in: it serves
# exactly what the public sees, so its answers are the same for everyone and may be cached.
PUBLIC_USER = AnonymousUser()

# Roles that read everything, Part 2 (exempt) business and unpublished drafts included.
FULL_READERS = (RoleName.OFFICER, RoleName.DEMOCRATIC_SERVICES, RoleName.BOARD_MEMBER)


def sees_exempt_business(user, where):
    """Part 2 papers and minutes reach only the partnership's officers, democratic services and board members."""
    return has_role(user, where, *FULL_READERS)


def sees_unpublished(user, where):
    """Draft agendas and unapproved minutes: the partnership's full readers, and its partners for Part 1 business."""
    return has_role(user, where, *BOARD_READERS)


def reader(user, where):
    """The user as the redaction policy sees them in a partnership."""
    return redaction.Reader(exempt=sees_exempt_business(user, where), drafts=sees_unpublished(user, where))


def meeting_record(user, meeting):
    """The meeting's agenda, minutes and declarations as this user may see them. The public read minutes only
    once a later meeting has approved them as a correct record."""
    return redaction.record(reader(user, meeting), meeting, minutes_public=meeting.are_minutes_approved)


def is_public(meeting):
    """The public may open a meeting once its agenda is published (or it was held): only then may a search
    engine or a calendar be told of it."""
    return meeting.is_agenda_published


def with_public_minutes(meetings):
    """The meetings whose minutes the public read (meeting_record's rule, as a filter): those approved."""
    return meetings.filter(minutes_status=Meeting.MinutesStatus.APPROVED)


def public_people(people):
    """The people the public read of: board members and their alternates (every pack prints the membership), the
    contact officers of published agendas and those the public minutes list as attending."""
    published = visible_meetings(PUBLIC_USER, Meeting.objects.all())
    return people.filter(
        Q(memberships__isnull=False)
        | Q(alternate_for_memberships__isnull=False)
        | Q(meetings_as_contact__in=published)
        | Q(attendances__meeting__in=with_public_minutes(published))
    ).distinct()


def can_view_meeting(user, meeting):
    return is_public(meeting) or sees_unpublished(user, meeting)


def visible_meetings(user, meetings):
    """Published meetings of every partnership, and the drafts of the partnerships where the user reads them."""
    return meetings.published_or_of(partnerships_where(user, *BOARD_READERS))


def meetings_with_attendance_for(user, board):
    """The board's held meetings whose attendance the user may read (attendance statistics count only these): the
    redaction policy shows attendance with the minutes, so the public count a meeting once its minutes are
    approved, and the partnership's readers as soon as it is recorded."""
    held = board.meetings.filter(status=Meeting.Status.HELD)
    if redaction.shows_attendance(reader(user, board), minutes_public=False):
        return held
    return held.filter(minutes_status=Meeting.MinutesStatus.APPROVED)


def public_meetings(meetings):
    """What a public calendar, feed or board page lists, whoever asks: the meetings the public may open (a
    calendar app subscribes signed out, and a link to a calendar is passed on)."""
    return meetings.published()


def can_edit(user, where):
    """The partnership's officers and Democratic Services keep its record: agendas, attendance, minutes, actions."""
    return has_role(user, where, *RECORD_KEEPERS)


def boards_to_start(user, boards):
    """The boards with no meeting yet whose first meeting the user may make: their partnership's record keepers'."""
    return boards.without_meetings().filter(partnership__in=partnerships_where(user, *RECORD_KEEPERS))


def can_publish_and_approve(user, where):
    """Only the partnership's Democratic Services publish its agendas and approve its minutes."""
    return has_role(user, where, RoleName.DEMOCRATIC_SERVICES)


def can_see_actions(user, where=None):
    """The register (where=None) opens to anyone who reads some partnership's business, and lists only theirs."""
    return has_role_anywhere(user, *BOARD_READERS) if where is None else sees_unpublished(user, where)


def action_readers(action):
    """Who may see an action (for saying so when refusing): the full readers when the redaction policy withholds
    it from everyone else, else the board's readers."""
    return FULL_READERS if redaction.withholds(redaction.PUBLIC, action.minute.agenda_item) else BOARD_READERS


def can_see_action(user, action):
    return can_see_actions(user, action) and redaction.shows_action(reader(user, action), action)


def can_update_action(user, action):
    """The partnership's officers update any of its actions; its partners update the actions owned by their own
    organisation that they may see (never a Part 2 action, whoever owns it)."""
    if not can_see_action(user, action):
        return False
    if can_edit(user, action):
        return True
    if not has_role(user, action, RoleName.PARTNER) or action.owner_organisation_id is None:
        return False
    person = getattr(user, "person", None)
    return person is not None and person.organisation_id == action.owner_organisation_id


def can_download_pack(user, meeting, restricted):
    """Anyone who may open the meeting has its public pack; the restricted pack carries Part 2 papers."""
    return can_view_meeting(user, meeting) and (not restricted or sees_exempt_business(user, meeting))


def visible_actions(user, actions):
    """The actions of the partnerships where the user reads the board's business, each partnership's as its
    reader may see them (actions minuted under Part 2 business stay with those who may see it)."""
    if user.is_superuser and user.is_active:  # every role everywhere: every action
        return actions
    shown = Q(pk__in=[])
    for partnership in partnerships_where(user, *BOARD_READERS):
        shown |= Q(minute__meeting__board__partnership=partnership) & redaction.shown_actions(reader(user, partnership))
    return actions.filter(shown)


def meetings_with_actions_for(user):
    """The meetings whose actions the user may list: every meeting of the partnerships where they read them."""
    return Meeting.objects.filter(board__partnership__in=partnerships_where(user, *BOARD_READERS))


def matters_arising(user, meeting):
    """The meeting's matters arising as the user may see them in its partnership: on a published meeting's page
    the public read its Part 1 actions, as the public pack prints them."""
    return redaction.actions(reader(user, meeting), Action.objects.outstanding_for(meeting))


def can_see_paper(user, item):
    return can_view_meeting(user, item.meeting) and redaction.shows_papers(reader(user, item), item)


def can_see_dashboard(user, where):
    """A partnership's dashboard is a working paper of its board."""
    return sees_unpublished(user, where)


def searchable(user, documents):
    """The index entries (boards.search) the user may find, each partnership's as its reader may see them. Where
    the user reads the board's business: every meeting, actions included (the register's rule, as visible_actions
    has it), as the redaction policy shows them to that reader. Elsewhere the public's: published meetings only,
    and no actions. An action's entry carries its minute's agenda item (boards/search_schema.py), so the policy's
    rule for an item reaches the action through it, as redaction.shown_actions does on the register.

    Asked of the index's own columns, not of the actions' table: a subquery of the actions the user may see cost
    a board member's search a fifth of its time (bench/search.py)."""
    if user.is_superuser and user.is_active:  # every role everywhere: every meeting and action
        return documents.filter(redaction.shown_documents(reader(user, None)))
    readers = partnerships_where(user, *BOARD_READERS)
    shown = (
        Q(meeting__in=public_meetings(Meeting.objects.all()).values("pk"))
        & ~Q(kind=SearchDocument.Kind.ACTION)
        & redaction.shown_documents(redaction.PUBLIC)
    )
    if readers:  # (the public's condition names no partnership: an empty list still costs a join)
        shown &= ~Q(meeting__board__partnership__in=readers)
    for partnership in readers:
        shown |= Q(meeting__board__partnership=partnership) & redaction.shown_documents(reader(user, partnership))
    return documents.filter(shown)
