"""The strategy report for one quarter: every priority of a strategy, its partners' returns and its rating."""

from dataclasses import dataclass

from strategy import rag
from strategy.models import ProgressUpdate


@dataclass(frozen=True)
class PriorityProgress:
    priority: object
    rating: str | None  # the rolled-up rating (strategy.rag.priority_rating), None when nothing is rated
    updates: list


def quarter_report(strategy, quarter):
    """[PriorityProgress] in priority order, each with the quarter's returns against it and its rating."""
    updates = (
        ProgressUpdate.objects.filter(priority__strategy=strategy)
        .for_quarter(quarter.year, quarter.number)
        .select_related("partner", "sub_priority")
        .prefetch_related("metrics")
    )
    by_priority = {}
    for update in updates:
        by_priority.setdefault(update.priority_id, []).append(update)
    return [
        PriorityProgress(priority, rag.priority_rating([u.rag for u in by_priority.get(priority.pk, [])]),
                         by_priority.get(priority.pk, []))
        for priority in strategy.priorities.order_by("number")
    ]  # fmt: skip
