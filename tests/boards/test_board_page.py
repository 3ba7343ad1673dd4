"""The public board page (boards/views/subscriptions.py) and the schema.org Event on a public meeting's page
(boards/structured_data.py): parsed as JSON, with London's UTC offset, the status in schema.org's words, and
nothing on a meeting the public may not open."""

import json
import re
from datetime import UTC, datetime, timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from boards import schedule, structured_data
from boards.models import AgendaItem, Meeting, Part
from tests.factories import grow_business, make_public_meeting

pytestmark = pytest.mark.django_db

SECRET = "zqx-event-secret-zqx"
LD = re.compile(r'<script type="application/ld\+json" nonce="[^"]+">(.*?)</script>', re.S)


def event_on_page(client, meeting):
    page = client.get(reverse("meeting-detail", args=[meeting.pk])).content.decode()
    found = LD.findall(page)
    return json.loads(found[0]) if found else None


def test_a_public_meetings_page_describes_it_as_a_schema_org_event(client, june_2021):
    event = event_on_page(client, june_2021)
    assert event["@context"] == "https://schema.org"
    assert event["@type"] == "Event"
    assert event["name"] == "Safer Bromley Partnership Board"
    assert event["startDate"] == "2021-06-17T10:00:00+01:00"
    assert event["endDate"] == "2021-06-17T12:00:00+01:00"
    assert event["eventStatus"] == "https://schema.org/EventScheduled"
    assert event["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert event["location"] == {"@type": "Place", "name": june_2021.venue, "address": june_2021.venue}
    assert event["organizer"] == {
        "@type": "Organization",
        "name": "Safer Bromley Partnership",
        "url": f"{settings.SITE_URL}/boards/{june_2021.board.slug}/",
    }
    assert event["url"] == f"{settings.SITE_URL}/meetings/{june_2021.pk}/"


def test_a_december_meeting_is_at_utc(client, december_2019):
    assert event_on_page(client, december_2019)["startDate"] == "2019-12-05T10:00:00+00:00"


@pytest.mark.parametrize(
    ("status", "expected"),
    [(Meeting.Status.CANCELLED, "EventCancelled"), (Meeting.Status.POSTPONED, "EventPostponed")],
)
def test_a_called_off_meeting_says_so_in_schema_orgs_words(client, june_2021, status, expected):
    schedule.call_off(june_2021, status, "The venue is closed.", timezone.now())
    event = event_on_page(client, june_2021)
    assert event["eventStatus"] == f"https://schema.org/{expected}"
    assert event["startDate"] == "2021-06-17T10:00:00+01:00"  # a postponed meeting keeps its date until moved


def test_a_hybrid_meeting_is_at_a_place_and_online(client, june_2021):
    meeting = make_public_meeting(
        june_2021.board, datetime(2021, 12, 2, 14, 0, tzinfo=UTC), mode=Meeting.Mode.HYBRID, venue="Civic Centre",
        web_link="https://teams.example.org/join/1",
    )  # fmt: skip
    event = event_on_page(client, meeting)
    assert event["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert event["location"] == [
        {"@type": "Place", "name": "Civic Centre", "address": "Civic Centre"},
        {"@type": "VirtualLocation", "url": "https://teams.example.org/join/1"},
    ]


def test_a_virtual_meeting_is_online_only(client, june_2021):
    meeting = make_public_meeting(
        june_2021.board, datetime(2021, 12, 2, 14, 0, tzinfo=UTC), mode=Meeting.Mode.VIRTUAL, venue="Civic Centre",
        web_link="https://teams.example.org/join/1",
    )  # fmt: skip
    event = event_on_page(client, meeting)
    assert event["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert event["location"] == {"@type": "VirtualLocation", "url": "https://teams.example.org/join/1"}


def test_an_unpublished_meeting_has_no_event_even_for_its_officers(client_for, june_2021):
    draft = Meeting.objects.create(board=june_2021.board, starts_at=datetime(2021, 12, 9, 10, 0, tzinfo=UTC))
    client = client_for("officer")
    assert client.get(reverse("meeting-detail", args=[draft.pk])).status_code == 200
    assert event_on_page(client, draft) is None


def test_the_data_block_cannot_end_its_script_early(june_2021):
    june_2021.title = "</script><script>alert(1)</script> & <!--"
    text = structured_data.json_ld(june_2021)
    assert not {"<", ">", "&"} & set(text)
    assert json.loads(text)["name"] == june_2021.title


def test_no_part_2_text_reaches_the_event(client, june_2021):
    AgendaItem.objects.create(meeting=june_2021, number=99, position=99, title=SECRET, part=Part.EXEMPT,
                              exempt_reason="Information relating to an individual")  # fmt: skip
    assert SECRET not in json.dumps(event_on_page(client, june_2021))


def test_the_board_page_lists_its_public_meetings_and_how_to_subscribe(client_for, june_2021, december_2019):
    board = june_2021.board
    draft = Meeting.objects.create(board=board, starts_at=timezone.now() + timedelta(days=30))
    upcoming = make_public_meeting(board, timezone.now() + timedelta(days=60))
    page = client_for("officer").get(reverse("board", args=[board.slug])).content.decode()
    assert '<h1 class="govuk-heading-xl">Safer Bromley Partnership Board</h1>' in page
    assert "Safer Bromley Partnership</span>" in page  # its partnership, as the caption
    assert reverse("meeting-detail", args=[upcoming.pk]) in page
    assert reverse("meeting-detail", args=[june_2021.pk]) in page
    assert reverse("meeting-detail", args=[december_2019.pk]) in page
    assert reverse("meeting-detail", args=[draft.pk]) not in page  # the public page: published meetings only
    upcoming_section = page.split("Upcoming meetings")[1].split("Past meetings")[0]
    assert reverse("meeting-detail", args=[upcoming.pk]) in upcoming_section
    assert reverse("meeting-detail", args=[june_2021.pk]) not in upcoming_section
    for name, args in (("board-calendar", [board.slug]), ("partnership-calendar", [board.partnership.slug]),
                       ("board-feed", [board.slug])):  # fmt: skip
        assert f'href="{reverse(name, args=args)}"' in page
        assert f">{settings.SITE_URL}{reverse(name, args=args)}</a>" in page
    assert "add a calendar address below to your calendar app" in page
    head = " ".join(page.split("</head>")[0].split())
    feed_title = "Safer Bromley Partnership Board: agendas, minutes and agenda packs"
    feed_link = f'type="application/atom+xml" title="{feed_title}" href="{reverse("board-feed", args=[board.slug])}">'
    assert f'<link rel="alternate" {feed_link}' in head
    calendar_title = "Meetings of Safer Bromley Partnership Board"
    calendar_link = f'title="{calendar_title}" href="{reverse("board-calendar", args=[board.slug])}">'
    assert f'<link rel="alternate" type="text/calendar" {calendar_link}' in head


def test_the_meeting_page_and_the_archive_link_to_the_board(client, june_2021):
    board_url = reverse("board", args=[june_2021.board.slug])
    assert f'href="{board_url}"' in client.get(reverse("meeting-detail", args=[june_2021.pk])).content.decode()
    assert f'href="{board_url}"' in client.get(reverse("meeting-archive")).content.decode()


def test_the_board_page_makes_the_same_queries_with_ten_times_the_meetings(
    client, june_2021, django_assert_max_num_queries
):
    url = reverse("board", args=[june_2021.board.slug])
    budget = 3  # the board and its partnership, the upcoming meetings, the past ones
    with django_assert_max_num_queries(budget):
        client.get(url)
    grow_business(june_2021, meetings=40, actions_each=1)
    with django_assert_max_num_queries(budget):
        page = client.get(url).content.decode()
    assert f"{reverse('meeting-archive')}?partnership={june_2021.board.partnership.slug}" in page
