"""Query budgets that hold as a board's business grows tenfold: the meeting page, the actions register and its
exports read each kind of row once, however many meetings, actions and updates there are."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from boards.models import Action, Board, Meeting
from sbp import data_version
from tests.factories import grow_business

pytestmark = pytest.mark.django_db


def meeting_page(client, meeting):
    return client.get(reverse("meeting-detail", args=[meeting.pk]))


def register(client, **params):
    return client.get(reverse("actions"), params)


def counted(django_assert_num_queries, request):
    """The queries `request()` makes with nothing cached (a fresh data version), to assert the same again once
    the business has grown tenfold."""
    request()  # sessions, content types and the like are read once per process
    data_version.changed()
    with CaptureQueriesContext(connection) as before:
        request()
    data_version.changed()
    return len(before.captured_queries)


@pytest.mark.parametrize("role", ["anonymous", "member", "officer"])
def test_a_meeting_page_with_ten_times_the_matters_arising_makes_the_same_queries(
    client_for, june_2021, django_assert_num_queries, role
):
    client = client_for(role)
    grow_business(june_2021, meetings=2, actions_each=5)
    budget = counted(django_assert_num_queries, lambda: meeting_page(client, june_2021))
    grow_business(june_2021, meetings=20, actions_each=50)
    with django_assert_num_queries(budget):
        page = meeting_page(client, june_2021).content.decode()
    arising = Action.objects.arising_for(june_2021).count()
    assert f"The 50 oldest of {arising} open actions from earlier meetings." in page
    assert page.count("Going well.") == 50  # each with its update for this meeting, once


def test_the_register_lists_every_matter_arising_a_meeting_page_leaves_out(client_for, june_2021):
    grow_business(june_2021, meetings=3, actions_each=30)
    client = client_for("member")
    page = meeting_page(client, june_2021).content.decode()
    link = f"/actions/?arising_for={june_2021.pk}"
    assert link in page
    listed = client.get(link, {"per_page": 100}).content.decode()
    assert len(re.findall(r"Action \d+\.\d+", listed)) == 90


@pytest.mark.parametrize(
    "params",
    [{}, {"meeting": "june"}, {"status": "open", "overdue": "yes"}, {"_export": "csv"}, {"_export": "xlsx"}],
    ids=["page", "by meeting", "open and overdue", "csv", "xlsx"],
)
def test_the_actions_register_and_its_exports_make_the_same_queries_with_ten_times_the_meetings_and_actions(
    client_for, june_2021, django_assert_num_queries, params
):
    client = client_for("member")
    if params.get("meeting"):
        params = {**params, "meeting": june_2021.pk}
    grow_business(june_2021, meetings=3, actions_each=10)
    budget = counted(django_assert_num_queries, lambda: register(client, **params))
    grow_business(june_2021, meetings=30, actions_each=100)
    with django_assert_num_queries(budget):
        response = register(client, **params)
    assert response.status_code == 200
    assert Meeting.objects.count() > 30


def test_the_home_page_makes_the_same_queries_with_ten_times_the_meetings(
    client_for, june_2021, django_assert_num_queries
):
    client = client_for("member")
    grow_business(june_2021, meetings=3, actions_each=1)
    budget = counted(django_assert_num_queries, lambda: client.get(reverse("home")))
    grow_business(june_2021, meetings=30, actions_each=1)
    with django_assert_num_queries(budget):
        client.get(reverse("home"))


def test_the_home_page_makes_the_same_queries_with_ten_times_the_boards(
    client_for, june_2021, django_assert_num_queries
):
    client = client_for("member")
    partnership = june_2021.board.partnership
    home = reverse("home")

    def more_boards(count):
        for n in range(count):
            board = Board.objects.create(partnership=partnership, name=f"Sub-group {n} {Board.objects.count()}",
                                         slug=f"sub-group-{Board.objects.count()}")  # fmt: skip
            for months in (1, 2, 3, 4, 5):  # more past meetings than the home page lists
                Meeting.objects.create(board=board, starts_at=june_2021.starts_at - timedelta(days=30 * months),
                                       status=Meeting.Status.HELD)  # fmt: skip

    more_boards(1)
    budget = counted(django_assert_num_queries, lambda: client.get(home))
    more_boards(9)
    with django_assert_num_queries(budget):
        page = client.get(home).content.decode()
    assert page.count("Sub-group") >= 10
