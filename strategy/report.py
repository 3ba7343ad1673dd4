"""The strategy report for one quarter: every priority of a strategy, its partners' returns as numbered sections,
and its rating."""

from dataclasses import dataclass

from strategy import rag
from strategy.models import ProgressUpdate


@dataclass(frozen=True)
class Section:
    """One return as the report prints it: "N. heading", the RAG status beside it."""

    number: int
    update: ProgressUpdate


@dataclass(frozen=True)
class PartnerReturns:
    partner: object
    sections: list


@dataclass(frozen=True)
class PriorityProgress:
    priority: object
    rating: str | None  # the rolled-up rating (strategy.rag.priority_rating), None when nothing is rated
    updates: list
    partners: list  # [PartnerReturns] in the order partners first returned (partners_in_order)
    sub_priorities: list  # [(number, SubPriority)], as numbered()


def numbered(sub_priorities):
    """[(number, sub-priority)]: a priority's sub-priorities numbered 1, 2, ... in position order (positions may
    have gaps), the numbers its returns' sections take."""
    return list(enumerate(sorted(sub_priorities, key=lambda sub: sub.position), 1))


def sections(updates, sub_priorities):
    """One partner's returns against a priority as numbered sections, as the seed pack prints them: a return
    against a sub-priority takes the sub-priority's number (numbered(): "3. ASB" is 3 for every partner), first to
    last; returns against the whole priority follow, numbered on from the last sub-priority in position order."""
    numbers = {sub.pk: number for number, sub in numbered(sub_priorities)}
    against_sub = sorted((u for u in updates if u.sub_priority_id in numbers), key=lambda u: numbers[u.sub_priority_id])
    whole = sorted((u for u in updates if u.sub_priority_id not in numbers), key=lambda u: u.position)
    return [Section(numbers[u.sub_priority_id], u) for u in against_sub] + [
        Section(len(numbers) + place, u) for place, u in enumerate(whole, 1)
    ]


def partners_in_order(updates, sub_priorities):
    """[PartnerReturns], each partner once, in the order of its first return's position: the partner that
    returned first is printed first, whoever leads the priority."""
    by_partner = {}
    for update in sorted(updates, key=lambda u: u.position):
        by_partner.setdefault(update.partner_id, []).append(update)
    return [PartnerReturns(found[0].partner, sections(found, sub_priorities)) for found in by_partner.values()]


def priority_progress(priority, updates):
    """One priority's PriorityProgress from the quarter's `updates` against it (its sub_priorities prefetched or
    read)."""
    subs = list(priority.sub_priorities.all())
    return PriorityProgress(priority, rag.priority_rating([u.rag for u in updates]), updates,
                            partners_in_order(updates, subs), numbered(subs))  # fmt: skip


def quarter_updates(quarter):
    return (
        ProgressUpdate.objects.for_quarter(quarter.year, quarter.number)
        .select_related("partner", "sub_priority")
        .prefetch_related("metrics")
    )


def priority_report(priority, quarter):
    """The quarter's returns against one priority (the substantive item on it), as a PriorityProgress."""
    return priority_progress(priority, list(quarter_updates(quarter).filter(priority=priority)))


def quarter_report(strategy, quarter):
    """[PriorityProgress] in priority order, each with the quarter's returns against it and its rating."""
    by_priority = {}
    for update in quarter_updates(quarter).filter(priority__strategy=strategy):
        by_priority.setdefault(update.priority_id, []).append(update)
    priorities = strategy.priorities.order_by("number").prefetch_related("sub_priorities")
    return [priority_progress(priority, by_priority.get(priority.pk, [])) for priority in priorities]
