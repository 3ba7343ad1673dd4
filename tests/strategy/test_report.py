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
