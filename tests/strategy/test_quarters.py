"""Financial quarters from their URL slugs: which slugs name a quarter, and which are refused."""

import pytest
from django.urls import reverse

from strategy.quarters import Quarter
from tests.conftest import BROMLEY

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("year", "quarter", "expected"),
    [("2021-22", "q1", Quarter(2021, 1)), ("2099-00", "q4", Quarter(2099, 4)), ("2000-01", "q1", Quarter(2000, 1)),
     ("2100-01", "q4", Quarter(2100, 4))],
)  # fmt: skip
def test_a_slug_in_the_years_the_service_deals_in_names_its_quarter(year, quarter, expected):
    assert Quarter.from_slugs(year, quarter) == expected
    # The dashboard compares with the quarter before and links the one after: both must fit in a date.
    assert expected.next().last_month > expected.previous().first_month


@pytest.mark.parametrize(
    ("year", "quarter"),
    [("9999-00", "q4"), ("0000-01", "q1"), ("0001-02", "q1"), ("1999-00", "q1"), ("2101-02", "q1"),
     ("2021-23", "q1"), ("2021-22", "q5"), ("2021", "q1"), ("２０２１-22", "q1"), ("2021-22\n", "q1")],
)  # fmt: skip
def test_a_slug_outside_them_or_malformed_is_not_a_quarter(year, quarter):
    with pytest.raises(ValueError, match="Not a financial quarter"):
        Quarter.from_slugs(year, quarter)


@pytest.mark.parametrize("name", ["dashboard-quarter", "strategy-returns", "strategy-submit-return"])
def test_a_quarter_beyond_the_calendar_is_not_found(client_for, name):
    partnership = [BROMLEY] if name == "dashboard-quarter" else []  # a dashboard is one partnership's
    assert client_for("officer").get(reverse(name, args=[*partnership, "9999-00", "q4"])).status_code == 404
