"""The quarter's strategy report: every priority in order, its returns, and its rating (the worst of them)."""

import pytest

from sbp.models import Organisation
from strategy import report
from strategy.models import ProgressUpdate, Strategy
from strategy.quarters import Quarter
from tests.conftest import BROMLEY

pytestmark = pytest.mark.django_db


def test_each_priority_is_rated_by_the_worst_of_its_returns_and_unreturned_ones_are_not_rated():
    strategy = Strategy.objects.get(partnership__slug=BROMLEY, starts_on="2020-04-01")
    first, second = strategy.priorities.order_by("number")[:2]
    police, fire = Organisation.objects.get(short_name="MPS"), Organisation.objects.get(name="London Fire Brigade")
    ProgressUpdate.objects.create(priority=first, partner=police, financial_year=2022, quarter=3, rag="green")
    ProgressUpdate.objects.create(priority=first, partner=fire, financial_year=2022, quarter=3, rag="red")
    ProgressUpdate.objects.create(priority=second, partner=fire, financial_year=2022, quarter=3, rag="")
    found = report.quarter_report(strategy, Quarter(2022, 3))
    numbers = list(strategy.priorities.order_by("number").values_list("number", flat=True))
    assert [p.priority.number for p in found] == numbers
    assert (found[0].rating, len(found[0].updates)) == ("red", 2)
    assert (found[1].rating, len(found[1].updates)) == (None, 1)
    assert all(p.rating is None and not p.updates for p in found[2:])


def test_a_partners_returns_are_numbered_by_sub_priority_then_whole_priority_returns_follow():
    strategy = Strategy.objects.get(partnership__slug=BROMLEY, starts_on="2020-04-01")
    priority = strategy.priorities.get(number=1)
    nvwi, burglary, asb, elderly = priority.sub_priorities.order_by("position")
    fire, police = Organisation.objects.get(name="London Fire Brigade"), Organisation.objects.get(short_name="MPS")
    made = [
        (fire, elderly, 1, "Scams"),
        (fire, None, 2, "Arson"),
        (police, burglary, 3, "Burglary"),
        (fire, nvwi, 4, "Violence"),
        (fire, asb, 5, "Fireworks"),
        (police, None, 6, "Vehicles"),
    ]
    for partner, sub, position, title in made:
        ProgressUpdate.objects.create(priority=priority, sub_priority=sub, partner=partner, title=title,
                                      financial_year=2022, quarter=3, position=position)  # fmt: skip
    progress = report.quarter_report(strategy, Quarter(2022, 3))[0]
    assert [returns.partner for returns in progress.partners] == [fire, police]  # the first to return first
    numbered = [[(s.number, s.update.title) for s in returns.sections] for returns in progress.partners]
    assert numbered == [
        [(1, "Violence"), (3, "Fireworks"), (4, "Scams"), (5, "Arson")],
        [(2, "Burglary"), (5, "Vehicles")],
    ]
    assert report.priority_report(priority, Quarter(2022, 3)).partners == progress.partners
