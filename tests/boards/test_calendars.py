"""The meeting calendars (boards/calendars.py), read back with icalendar's own parser: London time with its
VTIMEZONE, only the meetings the public may open, called-off meetings marked, no Part 2 text, stable UIDs."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from boards import schedule
from boards.models import AgendaItem, Meeting, Part
from tests.conftest import BROMLEY
from tests.factories import grow_business, make_partnership_b, make_public_meeting

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
SECRET = "zqx-calendar-secret-zqx"


def board_calendar(client, board):
    response = client.get(reverse("board-calendar", args=[board.slug]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content), response.content.decode()


def events_by_uid(calendar):
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def event_of(calendar, meeting):
    return next(event for event in calendar.walk("VEVENT") if str(event["URL"]).endswith(f"/meetings/{meeting.pk}/"))


def test_a_june_meeting_is_an_hour_ahead_of_utc_and_a_december_one_is_not(client, june_2021, december_2019):
    calendar, _ = board_calendar(client, june_2021.board)
    june, december = event_of(calendar, june_2021), event_of(calendar, december_2019)
    assert june["DTSTART"].params["TZID"] == "Europe/London"
    assert june.start.utcoffset() == timedelta(hours=1)
    assert december.start.utcoffset() == timedelta(0)
    assert june.start == june_2021.starts_at
    assert december.start == december_2019.starts_at
    assert str(june.start.tzinfo) == "Europe/London"


def test_the_calendar_carries_the_london_vtimezone_and_its_name(client, june_2021):
    calendar, _ = board_calendar(client, june_2021.board)
    zones = calendar.walk("VTIMEZONE")
    assert [str(zone["TZID"]) for zone in zones] == ["Europe/London"]
    assert {sub.name for sub in zones[0].subcomponents} == {"STANDARD", "DAYLIGHT"}
    assert str(calendar["X-WR-CALNAME"]) == june_2021.board.name
    assert str(calendar["VERSION"]) == "2.0"
    assert calendar["PRODID"]


def test_each_event_has_its_page_place_times_and_identity(client, june_2021):
    calendar, _ = board_calendar(client, june_2021.board)
    june = event_of(calendar, june_2021)
    assert str(june["URL"]) == f"{settings.SITE_URL}/meetings/{june_2021.pk}/"
    assert str(june["SUMMARY"]) == june_2021.name
    assert str(june["LOCATION"]) == june_2021.venue
    assert str(june["UID"]) == f"meeting-{june_2021.pk}@127.0.0.1"
    assert str(june["STATUS"]) == "CONFIRMED"
    assert june.end == june_2021.expected_end
    assert june["DTSTAMP"].dt.utcoffset() == timedelta(0)  # UTC, as RFC 5545 requires of DTSTAMP
    assert int(june["SEQUENCE"]) == 0  # never changed since the demo was loaded


def test_a_meeting_with_no_recorded_end_lasts_the_usual_two_hours(client, june_2021):
    meeting = make_public_meeting(june_2021.board, datetime(2021, 12, 2, 14, 0, tzinfo=UTC))
    calendar, _ = board_calendar(client, june_2021.board)
    assert event_of(calendar, meeting).end == datetime(2021, 12, 2, 16, 0, tzinfo=UTC)


def test_only_meetings_the_public_may_open_are_listed(client_for, june_2021):
    draft = Meeting.objects.create(board=june_2021.board, starts_at=datetime(2021, 12, 9, 10, 0, tzinfo=UTC))
    # Even the board's officer, signed in, gets the public calendar: its address is passed on.
    calendar, _ = board_calendar(client_for("officer"), june_2021.board)
    uids = events_by_uid(calendar)
    assert f"meeting-{draft.pk}@127.0.0.1" not in uids
    assert f"meeting-{june_2021.pk}@127.0.0.1" in uids
    public = Meeting.objects.filter(board=june_2021.board).published().count()
    assert len(uids) == public


def test_a_cancelled_meeting_is_marked_cancelled(client, june_2021):
    schedule.call_off(june_2021, Meeting.Status.CANCELLED, "The venue is closed.", timezone.now())
    calendar, _ = board_calendar(client, june_2021.board)
    june = event_of(calendar, june_2021)
    assert str(june["STATUS"]) == "CANCELLED"
    assert str(june["SUMMARY"]) == f"Cancelled: {june_2021.name}"
    assert "The venue is closed." in str(june["DESCRIPTION"])


def test_a_postponed_meeting_is_cancelled_at_its_time_and_gives_the_new_date(client, june_2021):
    new_date = datetime(2021, 7, 1, 10, 0, tzinfo=LONDON)
    schedule.call_off(june_2021, Meeting.Status.POSTPONED, "Purdah.", timezone.now(), new_date)
    calendar, _ = board_calendar(client, june_2021.board)
    june = event_of(calendar, june_2021)
    assert str(june["STATUS"]) == "CANCELLED"
    assert str(june["SUMMARY"]).startswith("Postponed: ")
    assert "It will now be held on Thursday 1 July 2021 at 10.00 a.m." in str(june["DESCRIPTION"])


def test_no_part_2_text_reaches_the_calendar(client, june_2021):
    AgendaItem.objects.create(
        meeting=june_2021, number=99, position=99, title=SECRET, context=SECRET, part=Part.EXEMPT,
        exempt_reason="Information relating to an individual",
    )  # fmt: skip
    _, text = board_calendar(client, june_2021.board)
    assert SECRET not in text
    assert "Information relating to an individual" not in text  # no agenda business at all, even public words


@pytest.mark.parametrize(
    ("mode", "venue", "expected"),
    [
        (Meeting.Mode.IN_PERSON, "Civic Centre", "Civic Centre"),
        (Meeting.Mode.VIRTUAL, "", "https://teams.example.org/join/1"),
        (Meeting.Mode.VIRTUAL, "Civic Centre", "https://teams.example.org/join/1"),
        (Meeting.Mode.HYBRID, "Civic Centre", "Civic Centre, or online: https://teams.example.org/join/1"),
    ],
)
def test_the_location_is_the_venue_or_the_link_to_join(client, june_2021, mode, venue, expected):
    meeting = make_public_meeting(
        june_2021.board, datetime(2021, 12, 2, 14, 0, tzinfo=UTC), mode=mode, venue=venue,
        web_link="https://teams.example.org/join/1",
    )  # fmt: skip
    calendar, _ = board_calendar(client, june_2021.board)
    assert str(event_of(calendar, meeting)["LOCATION"]) == expected


def test_a_changed_meeting_keeps_its_uid_and_raises_its_sequence(client, june_2021):
    before = event_of(board_calendar(client, june_2021.board)[0], june_2021)
    june_2021.venue = "Another room"
    june_2021.save()
    after = event_of(board_calendar(client, june_2021.board)[0], june_2021)
    assert str(after["UID"]) == str(before["UID"])
    assert int(after["SEQUENCE"]) == int(before["SEQUENCE"]) + 1
    assert after["DTSTAMP"].dt > before["DTSTAMP"].dt
    assert str(after["LOCATION"]) == "Another room"


def test_a_partnerships_calendar_holds_every_board_of_it_and_none_of_another(client, june_2021):
    b = make_partnership_b()
    second_board = june_2021.board.__class__.objects.create(
        partnership=june_2021.board.partnership, name="Bromley Reducing Reoffending Board", slug="brrb"
    )
    other = make_public_meeting(second_board, datetime(2021, 11, 4, 10, 0, tzinfo=UTC))
    response = client.get(reverse("partnership-calendar", args=[BROMLEY]))
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    uids = events_by_uid(calendar)
    assert {f"meeting-{june_2021.pk}@127.0.0.1", f"meeting-{other.pk}@127.0.0.1"} <= set(uids)
    assert f"meeting-{b.published.pk}@127.0.0.1" not in uids
    assert str(calendar["X-WR-CALNAME"]) == june_2021.board.partnership.name


@pytest.mark.parametrize(
    "url",
    [
        reverse("board-calendar", args=["no-such-board"]),
        reverse("partnership-calendar", args=["no-such-partnership"]),
        reverse("board-feed", args=["no-such-board"]),
        reverse("board", args=["no-such-board"]),
    ],
)
def test_an_unknown_slug_is_not_found(client, url):
    assert client.get(url).status_code == 404


def test_the_calendar_makes_the_same_queries_with_ten_times_the_meetings(
    client, june_2021, django_assert_max_num_queries
):
    url = reverse("board-calendar", args=[june_2021.board.slug])
    with django_assert_max_num_queries(2):  # the board, then its meetings with their history
        client.get(url)
    grow_business(june_2021, meetings=40, actions_each=1)
    with django_assert_max_num_queries(2):
        response = client.get(url)
    assert len(Calendar.from_ical(response.content).walk("VEVENT")) >= 40
