"""The agenda's rules: numbering items and sub-items, moving and removing them, and the next meeting's copy."""

import string
from dataclasses import dataclass
from enum import StrEnum

from django.db import transaction
from django.db.models import F, TextChoices
from django.utils.dateformat import format as format_date

from boards import minutes, tasks
from boards.models import AgendaItem, Meeting, Minute, Report
from strategy.models import ProgressUpdate
from strategy.quarters import Quarter

# Rows are shifted this far out of the way while renumbering, so the unique constraints never see a clash.
SHIFT = 1000
SUB_ITEM_LETTERS = string.ascii_lowercase  # 4a to 4z: a sub-item's letter is one character


class TooManySubItems(ValueError):
    """An item would take a 27th sub-item, which has no letter."""

    message = f"An item can have at most {len(SUB_ITEM_LETTERS)} sub-items (a to z): add this one as a main item."


def labels(sub_item_flags):
    """Item numbers for a run of items: a main item takes the next number, a sub-item the next letter under it.

    [False, False, True, True, False] -> [(1, ""), (2, ""), (2, "a"), (2, "b"), (3, "")]. A sub-item with no
    main item above it becomes a main item.
    """
    result, number, letter = [], 0, 0
    for is_sub_item in sub_item_flags:
        if is_sub_item and number:
            letter += 1
            if letter > len(SUB_ITEM_LETTERS):
                raise TooManySubItems(TooManySubItems.message)
            result.append((number, SUB_ITEM_LETTERS[letter - 1]))
        else:
            number, letter = number + 1, 0
            result.append((number, ""))
    return result


@dataclass(frozen=True)
class Place:
    """Where a new item goes: at the start or end of the agenda, after a main item and its sub-items, or as the
    last sub-item of a main item."""

    class Kind(StrEnum):
        START = "start"
        END = "end"
        AFTER = "after"
        UNDER = "under"

    kind: Kind
    item: AgendaItem | None = None


def blocks(items):
    """The agenda in blocks, each a main item followed by its sub-items: what moves and is removed together.

    [1, 2, 2a, 2b, 3] -> [[1], [2, 2a, 2b], [3]]. A sub-item with no main item above it starts a block, as
    `labels` makes it a main item.
    """
    result = []
    for item in items:
        if item.is_sub_item and result:
            result[-1].append(item)
        else:
            result.append([item])
    return result


def places(items):
    """Every place a new item can go on this agenda, in agenda order: the start, after each main item (and its
    sub-items), as a sub-item of each main item, the end."""
    found = [Place(Place.Kind.START)]
    for block in blocks(items):
        found += [Place(Place.Kind.UNDER, block[0]), Place(Place.Kind.AFTER, block[0])]
    return [*found[:-1], Place(Place.Kind.END)] if len(found) > 1 else [Place(Place.Kind.END)]


def inserted(items, new, place):
    """The agenda's items with `new` put at `place`, and whether it is a sub-item there."""
    if place.kind == Place.Kind.START:
        return [new, *items], False
    if place.kind == Place.Kind.END:
        return [*items, new], False
    grouped = blocks(items)
    index = next(i for i, block in enumerate(grouped) if block[0] == place.item)
    grouped[index] = [*grouped[index], new]
    return [item for block in grouped for item in block], place.kind == Place.Kind.UNDER


def moved(items, item, offset):
    """The agenda's items with `item` moved one place up (-1) or down (+1).

    A main item moves with its sub-items, past the whole neighbouring block, so 4, 4a, 4b become 5, 5a, 5b
    (letters kept); a sub-item moves among its main item's sub-items only, and never out from under it. At
    either end nothing moves.
    """
    grouped = blocks(items)
    if item.is_sub_item:
        block = next(block for block in grouped if item in block)
        subs = block[1:]
        grouped[grouped.index(block)] = [block[0], *swapped(subs, subs.index(item), offset)]
    else:
        grouped = swapped(grouped, next(i for i, block in enumerate(grouped) if block[0] == item), offset)
    return [row for block in grouped for row in block]


def swapped(rows, index, offset):
    """`rows` with the row at `index` swapped with its neighbour at `offset`, unless that is off either end."""
    target = index + offset
    if not 0 <= target < len(rows):
        return rows
    rows = list(rows)
    rows[index], rows[target] = rows[target], rows[index]
    return rows


def removal(items, item):
    """What removing `item` removes: a main item goes with its sub-items; a sub-item goes alone."""
    if item.is_sub_item:
        return [item]
    return next(block for block in blocks(items) if block[0] == item)


def minuted(rows):
    """Whether any of the items has minutes: such an item stays, because its minute takes its Part 1 or Part 2
    standing from the item, and removing the item would leave an exempt minute public."""
    return Minute.objects.filter(agenda_item__in=rows).exists()


class Paper(TextChoices):
    DOCUMENT = "document", "its paper (PDF)"
    FRONT_SHEET = "front_sheet", "its report front sheet"


def papers_of(item):
    """The papers that leave the agenda, and so the pack, with an item: its uploaded PDF and its front sheet."""
    found = [Paper.DOCUMENT] if item.document else []
    return [*found, Paper.FRONT_SHEET] if Report.objects.filter(agenda_item=item).exists() else found


@transaction.atomic
def apply_order(meeting, items):
    """Save `items` (all of the meeting's items, any new one unsaved) in this order, renumbered."""
    meeting.agenda_items.update(position=F("position") + SHIFT, number=F("number") + SHIFT)
    for position, (item, (number, suffix)) in enumerate(
        zip(items, labels(i.is_sub_item for i in items), strict=True), 1
    ):
        item.position, item.number, item.suffix = position, number, suffix
        if item.pk is None:
            item.save()
        else:
            item.save(update_fields=["position", "number", "suffix"])
    # Minute numbers follow the agenda's order until the minutes are approved.
    minutes.renumber_meeting(meeting)


def ordered(meeting):
    """The meeting's items in agenda order, locked until the transaction ends: two officers reordering at once
    then take turns rather than each renumbering from a stale order."""
    return list(meeting.agenda_items.select_for_update().order_by("position"))


@transaction.atomic
def add(meeting, item, place):
    """Add a new item at `place`, renumbering the items after it."""
    items = ordered(meeting)
    if place.item is not None:
        # The form chose among the items as they were; one removed since leaves the new item at the end.
        found = next((row for row in items if row.pk == place.item.pk), None)
        place = Place(place.kind, found) if found else Place(Place.Kind.END)
    order, as_sub_item = inserted(items, item, place)
    item.meeting = meeting
    # A provisional letter so that labels() sees a sub-item; apply_order gives it its real one.
    item.suffix = "a" if as_sub_item else ""
    apply_order(meeting, order)
    return item


def append(meeting, item, as_sub_item):
    """Add a new item at the end of the agenda, or as the last sub-item of the last main item."""
    last = blocks(list(meeting.agenda_items.order_by("position")))[-1:]
    if as_sub_item and last:
        return add(meeting, item, Place(Place.Kind.UNDER, last[0][0]))
    return add(meeting, item, Place(Place.Kind.END))


@transaction.atomic
def move(item, offset):
    """Move an item (a main item with its sub-items) up (-1) or down (+1) one place, renumbered."""
    items = ordered(item.meeting)
    current = next((row for row in items if row.pk == item.pk), None)
    if current is None:  # removed by another request while this one waited for the lock
        return
    order = moved(items, current, offset)
    if order != items:
        apply_order(item.meeting, order)


@transaction.atomic
def remove(item):
    """Remove an item with its sub-items (see `removal`) and close the gap; [] when it is gone already (a second
    click, or another officer, got there first while this request waited for the lock)."""
    meeting = item.meeting
    items = ordered(meeting)
    current = next((row for row in items if row.pk == item.pk), None)
    if current is None:
        return []
    gone = removal(items, current)
    AgendaItem.objects.filter(pk__in=[row.pk for row in gone]).delete()
    apply_order(meeting, [row for row in items if row not in gone])
    return gone


def standing_title(kind, title, previous):
    """Retitle the standing items that name the previous meeting, in the agenda's capitals."""
    held_on = format_date(previous.starts_at, "jS F Y").upper()
    if kind == AgendaItem.StandingKind.MINUTES:
        return f"MINUTES OF THE MEETING HELD ON {held_on}"
    if kind == AgendaItem.StandingKind.MATTERS_ARISING:
        return f"MATTERS ARISING FROM THE MEETING ON {held_on}"
    return title


# A new board's first agenda: the standing items every meeting has, in the usual order.
DEFAULT_AGENDA = [
    AgendaItem.StandingKind.WELCOME,
    AgendaItem.StandingKind.MINUTES,
    AgendaItem.StandingKind.MATTERS_ARISING,
    AgendaItem.StandingKind.AOB,
    AgendaItem.StandingKind.NEXT_MEETING,
]


@transaction.atomic
def create_meeting(meeting, standing_items):
    """Save a new meeting (a board's first, or one more), with the default agenda's standing items if asked."""
    meeting.save()
    kinds = DEFAULT_AGENDA if standing_items else []
    for position, kind in enumerate(kinds, 1):
        AgendaItem.objects.create(
            meeting=meeting, number=position, position=position, title=kind.label.upper(),
            kind=AgendaItem.Kind.STANDING, standing_kind=kind,
        )  # fmt: skip
    return meeting


@transaction.atomic
def create_next_meeting(previous, starts_at, venue, mode, web_link=""):
    """A new meeting of the same board, carrying the previous meeting's standing items, renumbered."""
    meeting = Meeting.objects.create(
        board=previous.board,
        starts_at=starts_at,
        venue=venue,
        mode=mode,
        web_link=web_link,
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
    packs are built as the papers stand and become the published packs. False, doing nothing, when it already is
    (two publishers at once: the conditional update lets only the first through, so members are emailed once)."""
    if not Meeting.objects.filter(pk=meeting.pk, agenda_published_at__isnull=True).update(agenda_published_at=when):
        return False
    meeting.agenda_published_at = when
    meeting.status = Meeting.Status.PUBLISHED
    meeting.save(update_fields=["agenda_published_at", "status"])
    quarter = Quarter.containing(meeting.starts_at.date())
    # Only this partnership's returns: another's board has not been given them.
    ProgressUpdate.objects.of(meeting.board.partnership_id).mark_presented(quarter.year, quarter.number, when)
    tasks.publish_packs(meeting, when)
    return True
