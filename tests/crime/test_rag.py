"""The RAG rules, exhaustively, including the police figures of the Q1 2021/22 pack."""

from decimal import Decimal

import pytest

from crime import rag
from crime.models import Measure, Polarity


@pytest.mark.parametrize(
    ("change", "expected"),
    [("-20", "green"), ("11", "amber"), ("15", "amber"), ("-49", "green"),  # the pack's police figures
     ("0", "green"), ("5", "green"), ("5.1", "amber"), ("20", "amber"), ("20.1", "red"), ("150", "red")],
)  # fmt: skip
def test_change_ratings_reproduce_the_pack(change, expected):
    assert rag.change_rating(Measure(), Decimal(change)) == expected


@pytest.mark.parametrize(("change", "expected"), [("10", "green"), ("-5", "green"), ("-10", "amber"), ("-30", "red")])
def test_when_higher_is_better_a_fall_is_the_worsening(change, expected):
    assert rag.change_rating(Measure(polarity=Polarity.HIGHER_IS_BETTER), Decimal(change)) == expected


def test_no_rating_without_a_baseline():
    assert rag.change_rating(Measure(), None) is None


@pytest.mark.parametrize("rank", range(1, 33))
def test_ranking_tables_are_banded_in_thirds(rank):
    expected = "green" if rank <= 11 else "amber" if rank <= 21 else "red"
    assert rag.ranking_band(rank, 32) == expected
