"""A board's membership over time: members join and leave on dates, and leaving ends a membership rather than
deleting it, so past meetings' records and packs still name who was on the board then."""

from django.db.models import Max
from django.utils import timezone

from boards.models import Role

# One of each at a time on a board (a database constraint too).
SINGLE_ROLES = (Role.CHAIRMAN, Role.VICE_CHAIRMAN)


def members_on_the_day(meeting):
    """The people on the meeting's board on the day of the meeting, each once, by name: the one rule for who is
    told of its agenda, its minutes and its calling off (boards/notices.py, boards/announcements.py)."""
    day = timezone.localtime(meeting.starts_at).date()
    memberships = meeting.board.memberships.current_on(day).select_related("person").order_by("person__name")
    return list({membership.person_id: membership.person for membership in memberships}.values())


def next_position(board):
    """A new member goes to the foot of the printed list; officers reorder by editing positions."""
    return (board.memberships.aggregate(last=Max("position"))["last"] or 0) + 1


def current_and_past(board, day):
    """(members on `day` or yet to join, members who had left by then), each in printed order."""
    memberships = list(board.memberships.select_related("person__organisation", "representing", "alternate"))
    left = [m for m in memberships if m.end_date is not None and m.end_date < day]
    return [m for m in memberships if m not in left], left


def holder_of(board, role, membership):
    """The open membership already holding a single role (Chairman, Vice-Chairman) that `membership` would take
    too, or None."""
    if role not in SINGLE_ROLES:
        return None
    return board.memberships.filter(role=role, end_date__isnull=True).exclude(pk=membership.pk).first()


def open_membership_of(board, person, membership):
    """The person's other open membership of the board, or None: a person is a member once at a time."""
    return board.memberships.filter(person=person, end_date__isnull=True).exclude(pk=membership.pk).first()
