"""Meetings made from scratch, and cancelled or postponed: kept, marked on every page that lists them, and
only by the partnership's record keepers."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from boards import schedule
from boards.models import AgendaItem, Board, Meeting
from sbp.models import Partnership
from tests.conftest import BROMLEY
from tests.factories import make_partnership_b

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")


def new_board():
    return Board.objects.create(
        partnership=Partnership.objects.get(slug=BROMLEY), name="Youth Safety Board", slug="youth-safety"
    )


FIRST = {"title": "", "date": "2021-10-07", "time": "14:00", "mode": "hybrid", "venue": "Civic Centre",
         "web_link": "https://meet.example.org/youth", "standing_items": "on"}  # fmt: skip


def test_an_officer_creates_a_boards_first_meeting_with_the_standing_items(client_for):
    board = new_board()
    client = client_for("officer")
    home = client.get(reverse("home")).content.decode()
    assert "Create the first meeting of Youth Safety Board" in home
    response = client.post(reverse("new-meeting", args=[board.slug]), FIRST)
    meeting = board.meetings.get()
    assert response["Location"] == reverse("meeting-detail", args=[meeting.pk])
    assert timezone.localtime(meeting.starts_at) == datetime.datetime(2021, 10, 7, 14, tzinfo=LONDON)
    assert (meeting.mode, meeting.venue, meeting.status) == ("hybrid", "Civic Centre", Meeting.Status.DRAFT)
    assert [(i.reference, i.standing_kind) for i in meeting.agenda_items.order_by("position")] == [
        ("1", "welcome"), ("2", "minutes"), ("3", "matters_arising"), ("4", "aob"), ("5", "next_meeting"),
    ]  # fmt: skip
    page = client.get(response["Location"]).content.decode()
    assert "WELCOME, APOLOGIES AND DECLARATIONS" in page
    assert 'href="https://meet.example.org/youth"' in page
    assert "Create the first meeting of Youth Safety Board" not in client.get(reverse("home")).content.decode()


def test_a_first_meeting_can_start_with_an_empty_agenda(client_for):
    board = new_board()
    client_for("officer").post(reverse("new-meeting", args=[board.slug]), FIRST | {"standing_items": ""})
    assert not AgendaItem.objects.filter(meeting__board=board).exists()


@pytest.mark.parametrize(
    ("change", "field_error"),
    [
        ({"date": "7 October"}, "Enter a valid date."),
        ({"date": ""}, "This field is required."),
        ({"time": "25:00"}, "Enter a valid time."),
        ({"web_link": "not a link"}, "Enter a valid URL."),
        ({"mode": "by carrier pigeon"}, "Select a valid choice."),
    ],
)
def test_the_new_meeting_form_shows_errors_and_keeps_what_was_typed(client_for, change, field_error):
    board = new_board()
    data = FIRST | {"title": "Inaugural meeting", "venue": "Typed venue"} | change
    response = client_for("officer").post(reverse("new-meeting", args=[board.slug]), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert field_error in page
    assert 'value="Inaugural meeting"' in page
    assert 'value="Typed venue"' in page
    assert not board.meetings.exists()


def test_a_new_meeting_at_the_time_of_another_of_the_board_is_refused(client_for, june_2021):
    local = timezone.localtime(june_2021.starts_at)
    data = FIRST | {"date": local.date().isoformat(), "time": local.strftime("%H:%M")}
    page = client_for("officer").post(reverse("new-meeting", args=[june_2021.board.slug]), data).content.decode()
    assert "The board already has a meeting at that date and time." in page


@pytest.mark.parametrize("role", ["member", "partner", "anonymous"])
def test_only_record_keepers_create_meetings(client_for, role):
    board = new_board()
    client_for(role).post(reverse("new-meeting", args=[board.slug]), FIRST)
    assert not board.meetings.exists()


def test_partnership_bs_officer_can_neither_create_nor_call_off_partnership_as_meetings(client, june_2021):
    b = make_partnership_b()
    client.force_login(b.users["b officer"])
    assert client.post(reverse("new-meeting", args=[june_2021.board.slug]), FIRST).status_code == 403
    assert client.post(reverse("cancel-meeting", args=[june_2021.pk]), {"reason": "No"}).status_code == 403
    june_2021.refresh_from_db()
    assert not june_2021.is_called_off
    client.force_login(b.users["b officer"])
    assert client.post(reverse("new-meeting", args=["snpb"]), FIRST).status_code == 302  # their own board


def published_meeting(board):
    when = datetime.datetime(2030, 9, 16, 10, tzinfo=LONDON)
    return Meeting.objects.create(
        board=board, starts_at=when, status=Meeting.Status.PUBLISHED, agenda_published_at=when - datetime.timedelta(7)
    )


def test_a_cancelled_meeting_is_kept_and_marked_for_everyone_who_could_see_it(client_for, june_2021):
    meeting = published_meeting(june_2021.board)
    url = reverse("cancel-meeting", args=[meeting.pk])
    response = client_for("officer").post(url, {"reason": "Too few members can attend."})
    assert response["Location"] == reverse("meeting-detail", args=[meeting.pk])
    meeting.refresh_from_db()
    assert (meeting.status, meeting.called_off_reason) == (Meeting.Status.CANCELLED, "Too few members can attend.")
    assert meeting.called_off_at is not None
    assert meeting.history.first().history_user.username == "test-officer"
    public = client_for("anonymous")
    page = public.get(reverse("meeting-detail", args=[meeting.pk])).content.decode()
    assert "This meeting was cancelled on" in page
    assert "Reason: Too few members can attend." in page
    for listing in (reverse("home"), reverse("meeting-archive")):
        listed = public.get(listing).content.decode()
        row = listed[listed.index(reverse("meeting-detail", args=[meeting.pk])) :][:400]
        assert '<strong class="govuk-tag govuk-tag--red">Cancelled</strong>' in row


def test_a_cancelled_draft_stays_with_those_who_read_drafts(client_for, june_2021):
    meeting = Meeting.objects.create(board=june_2021.board, starts_at=datetime.datetime(2030, 9, 16, 10, tzinfo=LONDON))
    schedule.call_off(meeting, Meeting.Status.CANCELLED, "Not needed", timezone.now())
    assert (
        reverse("meeting-detail", args=[meeting.pk])
        not in client_for("anonymous").get(reverse("home")).content.decode()
    )
    partner_home = client_for("partner").get(reverse("home")).content.decode()
    assert reverse("meeting-detail", args=[meeting.pk]) in partner_home


def test_a_postponed_meeting_says_its_new_date_and_the_next_meeting_proposes_it(client_for, june_2021):
    meeting = published_meeting(june_2021.board)
    client = client_for("democratic")
    data = {"reason": "The chairman is unwell.", "new_date": "2030-10-07", "new_time": "14:00"}
    assert client.post(reverse("postpone-meeting", args=[meeting.pk]), data).status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.POSTPONED
    assert timezone.localtime(meeting.postponed_to) == datetime.datetime(2030, 10, 7, 14, tzinfo=LONDON)
    page = client_for("anonymous").get(reverse("meeting-detail", args=[meeting.pk])).content.decode()
    assert "This meeting was postponed on" in page
    assert "It will now be held on Monday 7 October 2030 at 2.00 p.m." in page
    home = client_for("anonymous").get(reverse("home")).content.decode()
    assert '<strong class="govuk-tag govuk-tag--red">Postponed</strong>' in home
    assert "to Monday 7 October 2030" in home
    proposed = client.get(reverse("next-meeting", args=[meeting.pk])).content.decode()
    assert 'value="2030-10-07"' in proposed
    assert "The date proposed is the one this meeting was postponed to" in proposed


def test_postponing_without_a_new_date_says_one_will_be_announced(client_for, june_2021):
    meeting = published_meeting(june_2021.board)
    client_for("officer").post(reverse("postpone-meeting", args=[meeting.pk]), {"reason": "Elections"})
    page = client_for("anonymous").get(reverse("meeting-detail", args=[meeting.pk])).content.decode()
    assert "A new date will be announced." in page


@pytest.mark.parametrize(
    ("url_name", "data", "error"),
    [
        ("cancel-meeting", {"reason": ""}, "This field is required."),
        ("postpone-meeting", {"reason": "", "new_date": "2030-10-07"}, "This field is required."),
        ("postpone-meeting", {"reason": "Typed reason", "new_time": "14:00"}, "Give the new date as well"),
        ("postpone-meeting", {"reason": "Typed reason", "new_date": "2030-09-16", "new_time": "10:00"}, "must differ"),
        ("postpone-meeting", {"reason": "Typed reason", "new_date": "soon"}, "Enter a valid date."),
    ],
)
def test_calling_off_needs_a_reason_and_a_sensible_new_date(client_for, june_2021, url_name, data, error):
    meeting = published_meeting(june_2021.board)
    page = client_for("officer").post(reverse(url_name, args=[meeting.pk]), data).content.decode()
    assert error in page
    if data["reason"]:
        assert "Typed reason" in page
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.PUBLISHED


def test_a_held_meeting_cannot_be_called_off(client_for, june_2021):
    march = Meeting.objects.get(starts_at__date="2021-03-25")
    assert march.status == Meeting.Status.HELD
    page = client_for("officer").post(reverse("cancel-meeting", args=[march.pk]), {"reason": "x"}, follow=True)
    assert "This meeting is held: it cannot be called off." in page.content.decode()
    march.refresh_from_db()
    assert march.status == Meeting.Status.HELD


@pytest.mark.parametrize(
    ("status", "expected"),
    [(Meeting.Status.DRAFT, True), (Meeting.Status.PUBLISHED, True), (Meeting.Status.POSTPONED, True),
     (Meeting.Status.CANCELLED, False), (Meeting.Status.HELD, False)],
)  # fmt: skip
def test_a_meeting_can_be_called_off_until_it_is_held_or_cancelled(status, expected):
    assert schedule.can_be_called_off(Meeting(status=status)) is expected


def test_a_cancelled_meetings_agenda_is_not_published(client_for, june_2021):
    meeting = Meeting.objects.create(board=june_2021.board, starts_at=datetime.datetime(2030, 9, 16, 10, tzinfo=LONDON))
    schedule.call_off(meeting, Meeting.Status.CANCELLED, "Not needed", timezone.now())
    client_for("democratic").post(reverse("publish-agenda", args=[meeting.pk]))
    meeting.refresh_from_db()
    assert meeting.agenda_published_at is None


def test_the_web_link_shows_only_for_meetings_held_online(client_for, june_2021):
    meeting = published_meeting(june_2021.board)
    meeting.web_link = "https://meet.example.org/board"
    meeting.save()
    url = reverse("meeting-detail", args=[meeting.pk])
    assert "meet.example.org" not in client_for("anonymous").get(url).content.decode()  # in person
    meeting.mode = Meeting.Mode.VIRTUAL
    meeting.save()
    assert "Join the meeting online" in client_for("anonymous").get(url).content.decode()
