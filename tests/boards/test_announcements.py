"""What a called-off meeting's members are told: who, and words that carry none of the business."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from boards import announcements, schedule
from boards.models import AgendaItem, Meeting, Part

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")
SECRET = "zqx-tender-secret"


def called_off(june_2021, status, postponed_to=None):
    meeting = Meeting.objects.create(
        board=june_2021.board, starts_at=datetime.datetime(2021, 9, 16, 10, tzinfo=LONDON),
        contact_officer=june_2021.contact_officer,
    )  # fmt: skip
    AgendaItem.objects.create(meeting=meeting, number=1, position=1, title=f"CONTRACT {SECRET}", context=SECRET,
                              part=Part.EXEMPT, exempt_reason="Paragraph 3")  # fmt: skip
    schedule.call_off(meeting, status, "The venue is closed.", timezone.now(), postponed_to)
    meeting.refresh_from_db()
    return meeting


def test_the_board_members_with_an_email_are_told(june_2021):
    meeting = called_off(june_2021, Meeting.Status.CANCELLED)
    members = june_2021.board.memberships.current_on(datetime.date(2021, 9, 16)).select_related("person")
    expected = sorted({m.person.email for m in members if m.person.email}, key=lambda e: e)
    told = [person.email for person in announcements.meeting_cancelled(meeting).recipients]
    assert sorted(told) == expected
    assert told
    assert "" not in told


def test_a_cancellation_says_which_meeting_why_and_whom_to_ask_and_nothing_of_part_2(june_2021):
    announcement = announcements.meeting_cancelled(called_off(june_2021, Meeting.Status.CANCELLED))
    assert announcement.subject == "Cancelled: Safer Bromley Partnership Board, 16 September 2021"
    assert announcement.body.startswith(
        "The meeting of the Safer Bromley Partnership Board on Thursday 16 September 2021 at 10.00 a.m. has been "
        "cancelled."
    )
    assert "Reason: The venue is closed." in announcement.body
    assert "Contact: Steve Wood, stephen.wood@bromley.gov.uk" in announcement.body
    assert SECRET not in announcement.subject + announcement.body
    assert "CONTRACT" not in announcement.body


@pytest.mark.parametrize(
    ("postponed_to", "words"),
    [
        (
            datetime.datetime(2021, 10, 7, 14, tzinfo=LONDON),
            "It will now be held on Thursday 7 October 2021 at 2.00 p.m.",
        ),
        (None, "A new date will be announced."),
    ],
)
def test_a_postponement_says_the_new_date_when_known(june_2021, postponed_to, words):
    announcement = announcements.meeting_cancelled(called_off(june_2021, Meeting.Status.POSTPONED, postponed_to))
    assert announcement.subject.startswith("Postponed: ")
    assert "has been postponed." in announcement.body
    assert words in announcement.body
