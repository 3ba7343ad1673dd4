"""The agenda's rules: numbering items and sub-items, moving and removing them, and the next meeting's copy."""

import string

from django.db import transaction
from django.db.models import F
from django.utils.dateformat import format as format_date

from boards import minutes, tasks
from boards.models import AgendaItem, Meeting
from strategy.models import ProgressUpdate
from strategy.quarters import Quarter

# Rows are shifted this far out of the way while renumbering, so the unique constraints never see a clash.
SHIFT = 1000


def labels(sub_item_flags):
    """Item numbers for a run of items: a main item takes the next number, a sub-item the next letter under it.

    [False, False, True, True, False] -> [(1, ""), (2, ""), (2, "a"), (2, "b"), (3, "")]. A sub-item with no
    main item above it becomes a main item.
    """
    result, number, letter = [], 0, 0
    for is_sub_item in sub_item_flags:
        if is_sub_item and number:
            letter += 1
            result.append((number, string.ascii_lowercase[letter - 1]))
        else:
            number, letter = number + 1, 0
            result.append((number, ""))
    return result


@transaction.atomic
def apply_order(meeting, items):
    """Save `items` (all of the meeting's items) in this order, renumbered."""
    meeting.agenda_items.update(position=F("position") + SHIFT, number=F("number") + SHIFT)
    for position, (item, (number, suffix)) in enumerate(
        zip(items, labels(i.is_sub_item for i in items), strict=False), 1
    ):
        item.position, item.number, item.suffix = position, number, suffix
        item.save(update_fields=["position", "number", "suffix"])
    # Minute numbers follow the agenda's order until the minutes are approved.
    minutes.renumber_meeting(meeting)


def append(meeting, item, as_sub_item):
    """Add a new item at the end of the agenda."""
    existing = list(meeting.agenda_items.order_by("position"))
    flags = [i.is_sub_item for i in existing] + [as_sub_item]
    item.meeting = meeting
    item.number, item.suffix = labels(flags)[-1]
    item.position = len(existing) + 1
    item.save()
    return item


def move(item, offset):
    """Move an item up (-1) or down (+1) one place; sub-items keep being sub-items where they land."""
    items = list(item.meeting.agenda_items.order_by("position"))
    index = items.index(item)
    target = index + offset
    if 0 <= target < len(items):
        items[index], items[target] = items[target], items[index]
        apply_order(item.meeting, items)


@transaction.atomic
def remove(item):
    meeting = item.meeting
    item.delete()
    apply_order(meeting, list(meeting.agenda_items.order_by("position")))


def standing_title(kind, title, previous):
    """Retitle the standing items that name the previous meeting, in the agenda's capitals."""
    held_on = format_date(previous.starts_at, "jS F Y").upper()
    if kind == AgendaItem.StandingKind.MINUTES:
        return f"MINUTES OF THE MEETING HELD ON {held_on}"
    if kind == AgendaItem.StandingKind.MATTERS_ARISING:
        return f"MATTERS ARISING FROM THE MEETING ON {held_on}"
    return title


@transaction.atomic
def create_next_meeting(previous, starts_at, venue, mode):
    """A new meeting of the same board, carrying the previous meeting's standing items, renumbered."""
    meeting = Meeting.objects.create(
        board=previous.board,
        starts_at=starts_at,
        venue=venue,
        mode=mode,
        contact_officer=previous.contact_officer,
        public_notice=previous.public_notice,
    )
    standing = previous.agenda_items.filter(kind=AgendaItem.Kind.STANDING).order_by("position")
    for position, (item, (number, _)) in enumerate(zip(standing, labels([False] * len(standing)), strict=False), 1):
        AgendaItem.objects.create(
            meeting=meeting,
            number=number,
            position=position,
            title=standing_title(item.standing_kind, item.title, previous),
            kind=item.kind,
            standing_kind=item.standing_kind,
            context="" if item.standing_kind == AgendaItem.StandingKind.NEXT_MEETING else item.context,
        )
    return meeting


@transaction.atomic
def publish(meeting, when):
    """Publish the agenda: a dated event, kept in the meeting's history. The quarter's partner returns to the
    partnership's strategy are now as presented: later changes show as revisions (strategy.views). Both agenda
    packs are built as the papers stand and become the published packs."""
    meeting.agenda_published_at = when
    meeting.status = Meeting.Status.PUBLISHED
    meeting.save(update_fields=["agenda_published_at", "status"])
    quarter = Quarter.containing(meeting.starts_at.date())
    # Only this partnership's returns: another's board has not been given them.
    ProgressUpdate.objects.of(meeting.board.partnership_id).mark_presented(quarter.year, quarter.number, when)
    tasks.publish_packs(meeting, when)
