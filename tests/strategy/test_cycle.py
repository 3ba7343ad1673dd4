"""The strategy cycle: a new strategy copies the last one's priorities (never moves them), and the return schedule."""

import datetime

import pytest

from sbp.models import Partnership
from strategy import cycle
from strategy.models import Priority, ProgressUpdate, Strategy, SubPriority, SuccessMeasure, Workstream
from strategy.quarters import Quarter
from tests.conftest import BROMLEY

pytestmark = pytest.mark.django_db


def demo_strategy():
    return Strategy.objects.get(partnership__slug=BROMLEY, starts_on="2020-04-01")


def new_strategy(copy=True):
    strategy = Strategy(
        partnership=Partnership.objects.get(slug=BROMLEY),
        title="Community Safety Strategy 2023 to 2026",
        starts_on=datetime.date(2023, 4, 1),
        ends_on=datetime.date(2026, 3, 31),
    )
    return cycle.create(strategy, copy_from=demo_strategy() if copy else None)


def parts_of(strategy):
    """Every priority and part of a strategy as plain values, for comparing a copy with its original."""
    rows = []
    for priority in strategy.priorities.order_by("number"):
        rows.append((priority.number, priority.title, priority.aim, priority.lead_partner_id))
        for model in (SubPriority, Workstream, SuccessMeasure):
            rows += [(model.__name__, p.position, p.title, p.description)
                     for p in model.objects.filter(priority=priority).order_by("position")]  # fmt: skip
    return rows


def test_a_new_strategy_copies_every_priority_and_part_of_the_last_one():
    SuccessMeasure.objects.filter(priority__strategy=demo_strategy()).update(target="10% fewer", baseline="412")
    copied = new_strategy()
    assert parts_of(copied) == parts_of(demo_strategy())
    assert len(parts_of(copied)) > 20
    assert set(SuccessMeasure.objects.filter(priority__strategy=copied).values_list("target", "baseline")) == {
        ("10% fewer", "412")
    }
    assert copied.slug == "community-safety-strategy-2023-to-2026"


def test_copying_leaves_the_original_untouched_and_copies_no_returns():
    original = demo_strategy()
    before = parts_of(original)
    priority_pks = set(original.priorities.values_list("pk", flat=True))
    returns = ProgressUpdate.objects.filter(priority__strategy=original).count()
    copied = new_strategy()
    assert parts_of(original) == before
    assert set(original.priorities.values_list("pk", flat=True)) == priority_pks
    assert ProgressUpdate.objects.filter(priority__strategy=original).count() == returns > 0
    assert ProgressUpdate.objects.filter(priority__strategy=copied).count() == 0
    assert not copied.priorities.filter(pk__in=priority_pks).exists()


def test_a_new_strategy_without_copying_starts_empty():
    assert new_strategy(copy=False).priorities.count() == 0


def test_a_second_strategy_whose_title_slugs_the_same_gets_its_own_slug():
    taken = new_strategy(copy=False).slug
    assert cycle.unique_slug("Community Safety Strategy: 2023 to 2026!") == f"{taken}-2"


@pytest.mark.parametrize(
    ("quarter", "due"),
    [
        (Quarter(2023, 1), datetime.date(2023, 7, 15)),
        (Quarter(2023, 2), datetime.date(2023, 10, 15)),
        (Quarter(2023, 3), datetime.date(2024, 1, 15)),
        (Quarter(2023, 4), datetime.date(2024, 4, 15)),
    ],
)
def test_returns_are_proposed_due_on_the_15th_of_the_month_after_the_quarter(quarter, due):
    assert cycle.default_due_on(quarter) == due


def test_the_schedule_has_one_row_per_quarter_the_strategy_covers():
    schedule = cycle.schedule(new_strategy(copy=False))
    assert [q.label for q, _, _ in schedule][:2] == ["2023/24 Q1", "2023/24 Q2"]
    assert len(schedule) == 12
    assert schedule[-1][0] == Quarter(2025, 4)
    assert all(deadline is None for _, deadline, _ in schedule)


def test_moving_a_priority_swaps_its_number_with_its_neighbour():
    strategy = new_strategy()
    first, second = strategy.priorities.order_by("number")[:2]
    cycle.move(first, strategy.priorities, "number", 1)
    assert list(strategy.priorities.order_by("number").values_list("pk", flat=True)[:2]) == [second.pk, first.pk]
    cycle.move(strategy.priorities.order_by("number").first(), strategy.priorities, "number", -1)  # already first
    assert strategy.priorities.order_by("number").first().pk == second.pk


def test_two_moves_from_the_same_page_each_move_from_the_order_the_other_left():
    # Two officers (or two clicks) loaded priority 1 at the same place; each move swaps from the order as it is.
    strategy = new_strategy()
    first, second, third = strategy.priorities.order_by("number")[:3]
    stale = type(first).objects.get(pk=first.pk)
    cycle.move(first, strategy.priorities, "number", 1)
    cycle.move(stale, strategy.priorities, "number", 1)
    order = list(strategy.priorities.order_by("number").values_list("pk", flat=True)[:3])
    assert order == [second.pk, third.pk, first.pk]


def test_a_priority_with_returns_cannot_be_removed_but_its_copy_can():
    original = demo_strategy().priorities.get(number=1)
    assert "has partners' returns against it" in cycle.why_not_removable(original)
    copied = new_strategy().priorities.get(number=1)
    assert cycle.why_not_removable(copied) is None
    assert cycle.why_not_removable(copied.workstreams.first()) is None


def test_the_strategy_shown_is_the_one_in_force_else_the_latest_started():
    strategies = Strategy.objects.filter(partnership__slug=BROMLEY)
    copied = new_strategy()
    assert strategies.shown_on(datetime.date(2021, 6, 17)) == demo_strategy()
    assert strategies.shown_on(datetime.date(2024, 1, 1)) == copied
    assert strategies.shown_on(datetime.date(2030, 1, 1)) == copied
    assert strategies.shown_on(datetime.date(2010, 1, 1)) == demo_strategy()  # none started: the first to come
    assert Priority.objects.filter(strategy=copied).count() == demo_strategy().priorities.count()
