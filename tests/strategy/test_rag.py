"""The strategy RAG rules, exhaustively."""

import itertools

import pytest

from strategy import rag

RATINGS = ["green", "amber", "red", ""]


@pytest.mark.parametrize("ratings", list(itertools.product(RATINGS, repeat=3)))
def test_a_priority_takes_its_worst_rated_return(ratings):
    rated = [r for r in ratings if r]
    expected = None if not rated else "red" if "red" in rated else "amber" if "amber" in rated else "green"
    assert rag.priority_rating(ratings) == expected


@pytest.mark.parametrize(
    ("current", "previous", "expected"),
    [("green", "amber", "improved"), ("red", "amber", "worsened"), ("amber", "amber", "unchanged"),
     ("green", None, None), (None, "red", None)],
)  # fmt: skip
def test_direction_against_last_quarter(current, previous, expected):
    assert rag.direction(current, previous) == expected


@pytest.mark.parametrize(("current", "previous"), list(itertools.product(["green", "amber", "red"], repeat=2)))
def test_only_a_worsening_needs_a_reason(current, previous):
    order = ["green", "amber", "red"]
    assert rag.needs_reason(current, previous) is (order.index(current) > order.index(previous))
