"""The RAG rules for strategy priorities and partner returns. Each rule is a function; its docstring is the rule."""

from sbp.rag import Rag

SEVERITY = {Rag.GREEN: 0, Rag.AMBER: 1, Rag.RED: 2}


def priority_rating(ratings):
    """Worst rating wins: a priority is rated by the worst of its returns for the quarter, sub-priority and
    priority-level alike. Returns without a rating do not count; with no rated return it is not rated."""
    rated = [rating for rating in ratings if rating]
    return max(rated, key=SEVERITY.__getitem__) if rated else None


def direction(current, previous):
    """Improved, worsened or unchanged against last quarter's rating; None when either quarter is not rated."""
    if not current or not previous:
        return None
    change = SEVERITY[current] - SEVERITY[previous]
    return "improved" if change < 0 else "worsened" if change > 0 else "unchanged"


def needs_reason(rating, previous):
    """A return whose rating is worse than the same partner's last rating for the same item must say why."""
    return direction(rating, previous) == "worsened"
