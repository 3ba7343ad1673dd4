"""The board's cycle proposes the next meeting's date: same week and weekday of the month, months on."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from boards import cycle
from boards.models import Board

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")


def at(*parts):
    return datetime.datetime(*parts, tzinfo=LONDON)


@pytest.mark.parametrize(
    ("previous", "every", "weekday", "usual_time", "expected"),
    [
        (at(2021, 6, 17, 10), 3, None, None, at(2021, 9, 16, 10)),  # 3rd Thursday to 3rd Thursday
        (at(2021, 11, 18, 10), 3, None, None, at(2022, 2, 17, 10)),  # over the year's end
        (at(2021, 7, 29, 14), 1, None, None, at(2021, 8, 26, 14)),  # a 5th Thursday becomes the month's last
        (at(2021, 6, 17, 10), 3, 1, None, at(2021, 9, 21, 10)),  # the usual weekday (Tuesday) wins
        (at(2021, 6, 17, 10), 3, None, datetime.time(14, 30), at(2021, 9, 16, 14, 30)),  # so does the usual time
        (at(2021, 2, 18, 10), 3, None, None, at(2021, 5, 20, 10)),  # 10 a.m. in winter is 10 a.m. in summer
        (at(2021, 6, 17, 10), 12, None, None, at(2022, 6, 16, 10)),  # a yearly board
        (at(2021, 12, 2, 18), 2, None, None, at(2022, 2, 3, 18)),  # 1st Thursday, two-monthly
    ],
)
def test_the_next_meeting_is_proposed_from_the_boards_cycle(previous, every, weekday, usual_time, expected):
    board = Board(meetings_every_months=every, usual_weekday=weekday, usual_time=usual_time)
    assert cycle.proposed_start(board, previous) == expected


@pytest.mark.parametrize(
    ("year", "month", "months", "expected"),
    [(2021, 6, 3, (2021, 9)), (2021, 10, 3, (2022, 1)), (2021, 12, 1, (2022, 1)), (2021, 1, 12, (2022, 1))],
)
def test_months_on_wraps_at_the_years_end(year, month, months, expected):
    assert cycle.months_on(year, month, months) == expected


def test_the_next_meeting_page_proposes_the_date_from_the_cycle(client_for, june_2021):
    page = client_for("officer").get(reverse("next-meeting", args=[june_2021.pk])).content.decode()
    assert 'value="2021-09-16"' in page
    assert "every 3 months" in page
    assert "Thursday 16 September 2021 at 10.00 a.m." in page
