"""Database constraints: each rule is enforced by the database, so no code path can break it."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from boards.models import Action, AgendaItem, Attendance, Membership, Minute, Resolution
from sbp.models import Person

pytestmark = pytest.mark.django_db


def violates(create):
    with pytest.raises(IntegrityError), transaction.atomic():
        create()


def test_two_agenda_items_cannot_share_a_number_in_one_meeting(june_2021):
    violates(lambda: AgendaItem.objects.create(meeting=june_2021, number=4, suffix="a", title="Again", position=99))


def test_two_agenda_items_cannot_share_a_position(june_2021):
    violates(lambda: AgendaItem.objects.create(meeting=june_2021, number=11, title="AOB 2", position=1))


@pytest.mark.parametrize("suffix", ["A", "1", "-"])
def test_agenda_sub_item_letters_are_lower_case_letters(june_2021, suffix):
    violates(lambda: AgendaItem.objects.create(meeting=june_2021, number=11, suffix=suffix, title="X", position=99))


def test_a_part_2_item_needs_its_exempt_reason(june_2021):
    violates(lambda: AgendaItem.objects.create(meeting=june_2021, number=11, title="X", part="exempt", position=99))
    AgendaItem.objects.create(
        meeting=june_2021, number=11, title="X", part="exempt", exempt_reason="Paragraph 3", position=99
    )


def test_minute_numbers_are_unique_within_a_meeting(march_2021):
    violates(lambda: Minute.objects.create(meeting=march_2021, number=9, title="Again"))


def test_resolution_numbers_are_unique_within_a_minute(march_2021):
    minute = Minute.objects.get(meeting=march_2021, number=14)
    violates(lambda: Resolution.objects.create(minute=minute, number=2, text="again"))


def test_a_person_cannot_be_their_own_alternate(march_2021):
    person = Person.objects.get(name="Rachel Pankhurst")
    violates(
        lambda: Attendance.objects.create(meeting=march_2021, person=person, status="present", alternate_for=person)
    )


def test_an_alternate_must_be_present(june_2021):
    person, member = Person.objects.get(name="Jamie O'Malley"), Person.objects.get(name="Rachel Pankhurst")
    violates(
        lambda: Attendance.objects.create(meeting=june_2021, person=person, status="apologies", alternate_for=member)
    )


def test_a_person_is_recorded_once_per_meeting(march_2021):
    person = Person.objects.get(name="Rob Vale")
    violates(lambda: Attendance.objects.create(meeting=march_2021, person=person, status="apologies"))


@pytest.mark.parametrize(
    ("status", "closed_on", "allowed"),
    [
        ("open", None, True),
        ("open", datetime.date(2021, 6, 1), False),
        ("completed", None, False),
        ("completed", datetime.date(2021, 6, 1), True),
        ("dropped", None, False),
    ],
)
def test_a_closed_action_records_when_it_closed(march_2021, status, closed_on, allowed):
    minute = Minute.objects.get(meeting=march_2021, number=12)

    def create():
        return Action.objects.create(
            minute=minute, description="Share remand data", action_by="SB", status=status, closed_on=closed_on
        )

    if allowed:
        create()
    else:
        violates(create)


def test_an_action_says_who_it_is_for(march_2021):
    minute = Minute.objects.get(meeting=march_2021, number=12)
    violates(lambda: Action.objects.create(minute=minute, description="Nobody's job", action_by=""))


def test_a_board_has_one_sitting_chairman(june_2021):
    person = Person.objects.get(name="Rob Vale")
    Membership.objects.filter(person=person).delete()
    violates(lambda: Membership.objects.create(board=june_2021.board, person=person, role="chairman"))


def test_a_membership_cannot_end_before_it_starts(june_2021):
    person = Person.objects.get(name="Steve Wood")
    violates(
        lambda: Membership.objects.create(
            board=june_2021.board,
            person=person,
            start_date=datetime.date(2021, 6, 1),
            end_date=datetime.date(2021, 5, 1),
        )
    )


def test_published_meeting_needs_its_publication_date(june_2021):
    june_2021.agenda_published_at = None
    violates(june_2021.save)


def test_approved_minutes_name_the_meeting_that_approved_them(march_2021):
    march_2021.minutes_status = "approved"
    violates(march_2021.save)


@pytest.mark.parametrize(
    ("due", "status", "overdue"),
    [
        (datetime.date(2021, 6, 16), "open", True),
        (datetime.date(2021, 6, 17), "open", False),
        (None, "open", False),
        (datetime.date(2021, 6, 16), "completed", False),
    ],
)
def test_an_action_is_overdue_only_when_open_and_past_its_due_date(due, status, overdue):
    assert Action(due_date=due, status=status).is_overdue(datetime.date(2021, 6, 17)) is overdue
