"""Recording attendance: members, an alternate, others also present, and the quorum."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from boards import attendance
from boards.models import Attendance, Meeting
from sbp.models import Person

pytestmark = pytest.mark.django_db


def person(name):
    return Person.objects.get(name=name)


def test_members_apologies_and_an_alternate_are_recorded(client_for, june_2021):
    client = client_for("officer")
    url = reverse("attendance", args=[june_2021.pk])
    statuses = {
        "form": "members",
        "version": june_2021.attendance_version,
        f"member_{person('Craig Knight').pk}": "present",
        f"member_{person('Chloe Todd').pk}": "apologies",
    }
    assert client.post(url, statuses).status_code == 302
    alternate = {
        "form": "alternate",
        "person": person("Jamie O'Malley").pk,
        "alternate_for": person("Rachel Pankhurst").pk,
    }
    assert client.post(url, alternate).status_code == 302
    recorded = {(a.person.name, a.status, getattr(a.alternate_for, "name", None)) for a in june_2021.attendances.all()}
    assert recorded == {
        ("Craig Knight", "present", None),
        ("Chloe Todd", "apologies", None),
        ("Jamie O'Malley", "present", "Rachel Pankhurst"),
    }


def test_a_member_cannot_be_their_own_alternate(client_for, june_2021):
    me = person("Rachel Pankhurst").pk
    page = client_for("officer").post(
        reverse("attendance", args=[june_2021.pk]), {"form": "alternate", "person": me, "alternate_for": me}
    )
    assert "A member cannot be their own alternate." in page.content.decode()
    assert not june_2021.attendances.exists()


@pytest.mark.parametrize(("quorum", "present", "quorate"), [(None, 3, None), (3, 3, True), (4, 3, False)])
def test_quorum_counts_members_and_alternates_not_visitors(june_2021, quorum, present, quorate):
    june_2021.board.quorum = quorum
    june_2021.board.save()
    for name in ["Craig Knight", "Joanne Stowell"][: present - 1]:
        Attendance.objects.create(meeting=june_2021, person=person(name), status="present")
    Attendance.objects.create(
        meeting=june_2021, person=person("Jamie O'Malley"), status="present", alternate_for=person("Rachel Pankhurst")
    )
    Attendance.objects.create(meeting=june_2021, person=person("Anthony Baldock"), status="also_present")
    result = attendance.quorum(june_2021)
    assert (result.members_present, result.is_quorate) == (present, quorate)


def test_declarations_are_listed_or_said_to_be_none(client_for, march_2021):
    client = client_for("officer")
    assert (
        "There were no declarations of interest."
        in client.get(reverse("meeting-detail", args=[march_2021.pk])).content.decode()
    )
    data = {"person": person("Dawn Helps").pk, "agenda_item": "", "interest": "Employee of Clarion Housing Group"}
    assert client.post(reverse("add-declaration", args=[march_2021.pk]), data).status_code == 302
    assert (
        "Employee of Clarion Housing Group"
        in client.get(reverse("meeting-detail", args=[march_2021.pk])).content.decode()
    )


def test_attendance_is_listed_by_status_in_the_minutes_order_with_the_chair_first(client_for, march_2021):
    listed = attendance.in_minutes_order(march_2021.attendances.select_related("person"))
    statuses = [a.status for a in listed]
    assert statuses == sorted(statuses, key=attendance.STATUS_ORDER.index)  # one block per status
    present = [a for a in listed if a.status == listed[0].status]  # a virtual meeting: present virtually
    assert [a.role for a in present[:2]] == ["chairman", "vice_chairman"]
    page = client_for("member").get(reverse("meeting-detail", args=[march_2021.pk])).content.decode()
    headings = [h for h in ("Present", "Present virtually", "Apologies", "Also present") if f">{h}</h3>" in page]
    assert len(headings) == len(set(headings))
    assert page.count('<h3 class="govuk-heading-s">') == len(headings)  # no status split into fragments


def test_attendance_saved_from_the_grid_lists_the_chairman_first(client_for, june_2021):
    client = client_for("officer")
    url = reverse("attendance", args=[june_2021.pk])
    grid = {"form": "members", "version": june_2021.attendance_version}
    for name in ("Amanda Mumford", "Joanne Stowell", "Craig Knight"):  # typed in any order
        grid[f"member_{person(name).pk}"] = "present"
    assert client.post(url, grid).status_code == 302
    listed = [a.person.name for a in attendance.in_minutes_order(june_2021.attendances.select_related("person"))]
    assert listed == ["Craig Knight", "Joanne Stowell", "Amanda Mumford"]  # Chairman, Vice-Chairman, the rest


def test_no_declarations_are_said_to_have_been_made_at_a_meeting_still_to_come(client_for, march_2021):
    coming = Meeting.objects.create(board=march_2021.board, starts_at=timezone.now() + datetime.timedelta(days=30))
    page = client_for("officer").get(reverse("meeting-detail", args=[coming.pk])).content.decode()
    assert "There were no declarations of interest." not in page
    assert "None recorded yet" in page
