"""The strategy cycle: a new strategy started from the last one's priorities, and its quarterly return schedule.

Copying copies, never moves: the earlier strategy keeps every priority and part, and its partners' returns stay
with it (a return is evidence against the strategy it was made to; the new strategy starts with none).
"""

import datetime

from django.db import transaction
from django.utils.text import slugify

from strategy.models import Priority, ReturnDeadline, Strategy, SubPriority, SuccessMeasure, Workstream

# The parts of a priority, each copied field by field (position keeps their order).
PART_FIELDS = {
    SubPriority: ["title", "description", "position", "source_ref"],
    Workstream: ["title", "description", "position", "source_ref"],
    SuccessMeasure: ["title", "description", "position", "source_ref", "target", "baseline"],
}
PRIORITY_FIELDS = ["number", "title", "introduction", "aim", "lead_partner_id", "substantive_quarter", "monitoring"]
DEADLINE_DAY = 15


def latest_strategy(partnership):
    """The partnership's strategy that started last: the one a new strategy copies its priorities from."""
    return Strategy.objects.filter(partnership=partnership).order_by("-starts_on").first()


def unique_slug(title):
    """A slug for the title, numbered when another strategy has it already."""
    base = slugify(title)[:90] or "strategy"
    slug, n = base, 1
    while Strategy.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


@transaction.atomic
def create(strategy, copy_from=None):
    """Save a new strategy; with `copy_from`, a copy of each of its priorities and their parts."""
    strategy.slug = strategy.slug or unique_slug(strategy.title)
    strategy.save()
    if copy_from is not None:
        for priority in copy_from.priorities.order_by("number"):
            copy_priority(priority, strategy)
    return strategy


def copy_priority(priority, strategy):
    """A new priority of `strategy` like `priority`, with copies of its sub-priorities, workstreams and success
    measures. Returns are not copied."""
    copied = Priority.objects.create(
        strategy=strategy,
        source_ref=f"Copied from {priority.strategy}",
        **{name: getattr(priority, name) for name in PRIORITY_FIELDS},
    )
    for model, fields in PART_FIELDS.items():
        model.objects.bulk_create(
            model(priority=copied, **{name: getattr(part, name) for name in fields})
            for part in model.objects.filter(priority=priority).order_by("position")
        )
    return copied


def default_due_on(quarter):
    """A quarter's returns are due on the 15th of the month after it ends: a fortnight to write them up, and
    (with boards meeting in the quarter after) time to put them in the pack."""
    last = quarter.last_month
    return datetime.date(last.year + last.month // 12, last.month % 12 + 1, DEADLINE_DAY)


def schedule(strategy):
    """[(Quarter, the ReturnDeadline set for it or None, the proposed date)] for each quarter the strategy covers."""
    deadlines = {(d.financial_year, d.quarter): d for d in strategy.return_deadlines.all()}
    return [(q, deadlines.get((q.year, q.number)), default_due_on(q)) for q in strategy.quarters]


def deadlines_for(quarter, partnerships):
    """The quarter's return deadlines in the strategies of `partnerships`, with each strategy's partnership."""
    return ReturnDeadline.objects.filter(
        strategy__partnership__in=partnerships, financial_year=quarter.year, quarter=quarter.number
    ).select_related("strategy__partnership")


@transaction.atomic
def move(row, siblings, field, offset):
    """Swap `row` with its neighbour up (-1) or down (+1) among `siblings` by `field` (number or position).

    The siblings are read afresh and locked until the swap is saved: two officers reordering at once take turns,
    each swapping from the order the other left (not from the places their pages showed), and a row removed
    meanwhile moves nothing."""
    ordered = list(siblings.select_for_update().order_by(field))
    index = next((i for i, each in enumerate(ordered) if each.pk == row.pk), None)
    if index is None or not 0 <= index + offset < len(ordered):
        return
    row, other = ordered[index], ordered[index + offset]
    mine, theirs = getattr(row, field), getattr(other, field)
    # Out of the way first: (priority, position) is unique.
    type(row).objects.filter(pk=row.pk).update(**{field: 30000})
    type(row).objects.filter(pk=other.pk).update(**{field: mine})
    type(row).objects.filter(pk=row.pk).update(**{field: theirs})
    for each, value in ((row, theirs), (other, mine)):
        setattr(each, field, value)
        each.save(update_fields=[field])  # a save, so the new place is in each row's history


def next_in(siblings, field):
    """The next free number or position among `siblings`."""
    last = siblings.order_by(f"-{field}").values_list(field, flat=True).first()
    return (last or 0) + 1


def why_not_removable(row):
    """A priority or sub-priority partners have made returns against stays: removing it would delete the returns
    with it (and what the board was told). None when it may go."""
    if hasattr(row, "updates") and row.updates.exists():
        return f"{row} has partners' returns against it, so it cannot be removed."
    return None
