"""Is a change real: the Poisson test of two counts, and a RAG rule that waits for a real change."""

import math
from decimal import Decimal

import pytest

from crime import rag
from crime.models import Measure
from sbp.rag import Rag
from sbp.significance import Signal, signal, z_score


@pytest.mark.parametrize(
    ("current", "baseline"), [(725, 631), (10, 7), (1000, 700), (0, 4), (4, 0), (0, 0), (723, 576)]
)
def test_the_z_score_is_root_two_times_the_difference_of_the_square_roots(current, baseline):
    expected = math.sqrt(2) * (math.sqrt(current) - math.sqrt(baseline))
    assert abs(float(z_score(current, baseline)) - expected) <= 0.005


def test_the_same_percentage_is_noise_in_small_counts_and_real_in_large_ones():
    # Both are +43%: board members read them alike; only the large counts are beyond normal variation.
    assert signal(z_score(10, 7)) == Signal.NONE
    assert signal(z_score(1000, 700)) == Signal.RISE
    assert signal(z_score(700, 1000)) == Signal.FALL


def test_two_is_the_threshold_either_way():
    assert signal(Decimal("2.00")) == Signal.RISE
    assert signal(Decimal("1.99")) == Signal.NONE
    assert signal(Decimal("-2.00")) == Signal.FALL
    assert signal(None) is None
    assert z_score(None, 5) is None


def test_a_measure_that_needs_a_real_change_stays_amber_until_there_is_one():
    waits = Measure(needs_signal=True)
    assert rag.change_rating(waits, Decimal("43"), Signal.NONE) == Rag.AMBER
    assert rag.change_rating(waits, Decimal("-30"), Signal.NONE) == Rag.AMBER
    assert rag.change_rating(waits, Decimal("43"), Signal.RISE) == Rag.RED
    assert rag.change_rating(waits, Decimal("-30"), Signal.FALL) == Rag.GREEN
    # A measure that does not wait rates the percentage alone, as the pack does.
    assert rag.change_rating(Measure(), Decimal("43"), Signal.NONE) == Rag.RED
