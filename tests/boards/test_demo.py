"""The demo data is a faithful copy of the 17 June 2021 agenda pack: these facts are checked against it."""

import datetime

import pytest
from django.apps import apps

from boards import demo
from boards.models import Action, AgendaItem, Attendance, Board, Membership, Minute, Resolution

pytestmark = pytest.mark.django_db

# The membership list printed on the front sheet of the pack (p. 1), in order.
PACK_MEMBERS = [
    "Craig Knight", "Joanne Stowell", "Angela Page", "Janet Bailey", "Stuart Baker", "Sharon Baldwin",
    "Elaine Beadle", "Teresa Bell", "Sara Bowrey", "Andy Brittain", "Rachel Dunley", "Dawn Helps", "Bill Kelly",
    "Sharon Kilborne", "Clare Lewin", "Betty McDonald", "Kevin McKenzie", "Amanda Mumford", "Rachel Pankhurst",
    "Calvin Pearson", "Philip Powell", "Andrew Rogers", "Lucien Spencer", "David J Stringer", "David Tait",
    "Chloe Todd", "Rob Vale",
]  # fmt: skip

# Minutes of 25 March 2021 (pp. 5-14): reference, title, and the resolutions each carries.
PACK_MINUTES = [
    ("1", 0), ("2", 0), ("3", 0), ("4", 1), ("5", 0), ("6", 1), ("7", 0), ("7a", 1), ("7b", 2), ("7c", 1),
    ("7d", 1), ("8", 0), ("9", 1), ("10", 1), ("11", 1), ("12", 1), ("13", 1), ("14", 2), ("15", 0),
]  # fmt: skip


def demo_row_counts():
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label in {"sbp", "boards", "crime", "strategy", "auth"}
    }


def test_the_board_has_every_member_on_the_pack_front_sheet_in_printed_order(june_2021):
    board = Board.objects.get(name="Safer Bromley Partnership Board")
    current = board.memberships.current_on(june_2021.starts_at.date()).order_by("position")
    assert [m.person.name for m in current] == PACK_MEMBERS


def test_chairman_and_vice_chairman_are_recorded_with_their_roles(june_2021):
    current = Membership.objects.filter(board=june_2021.board).current_on(june_2021.starts_at.date())
    assert current.get(role="chairman").person.name == "Craig Knight"
    assert current.get(role="vice_chairman").person.name == "Joanne Stowell"
    assert Membership.objects.get(person__name="Kate Lymer").role == "chairman"


def test_march_2021_minutes_are_all_there_with_their_resolutions(march_2021):
    minutes = Minute.objects.filter(meeting=march_2021).order_by("number", "suffix")
    assert [(m.reference, m.resolutions.count()) for m in minutes] == PACK_MINUTES
    assert minutes.get(number=12).text.startswith("Inspector Stuart Baker and Superintendent Andy Brittain")


def test_resolutions_keep_the_pack_wording_and_numbering(march_2021):
    aob = Resolution.objects.filter(minute__meeting=march_2021, minute__number=14).order_by("number")
    assert [r.number for r in aob] == [1, 2]
    assert aob[0].text == "The results of the Crime Needs Assessment be reported to Partners at the next SBP meeting."
    assert Resolution.objects.filter(minute__meeting=march_2021).count() == 14


def test_the_actions_in_the_action_column_are_recorded(march_2021):
    actions = Action.objects.filter(minute__meeting=march_2021).order_by("minute__number", "minute__suffix")
    assert [(a.minute.reference, a.action_by, a.status) for a in actions] == [
        ("7b", "Partners", "completed"),
        ("9", "JS", "open"),
        ("14", "JS", "open"),
    ]
    assert actions.get(minute__number=9).owner_person.name == "Joanne Stowell"


def test_attendance_has_apologies_an_alternate_and_also_present(march_2021):
    by_status = {}
    for attendance in Attendance.objects.filter(meeting=march_2021):
        by_status.setdefault(attendance.status, []).append(attendance.person.name)
    assert len(by_status["present_virtually"]) == 17
    assert by_status["also_present"] == ["Anthony Baldock"]
    assert "David J Stringer" in by_status["apologies"]
    assert len(by_status["apologies"]) == 8
    alternate = Attendance.objects.get(meeting=march_2021, alternate_for__isnull=False)
    assert (alternate.person.name, alternate.alternate_for.name) == ("Jamie O'Malley", "Rachel Pankhurst")


def test_june_2021_agenda_has_items_1_to_10_with_sub_items(june_2021):
    references = [item.reference for item in june_2021.agenda_items.order_by("position")]
    assert references == ["1", "2", "3", "4", "4a", "4b", "5", "5a", "5b", "6", "7", "8", "9", "10"]
    dashboard = june_2021.agenda_items.get(number=7)
    assert dashboard.title == "CRIME PERFORMANCE DASHBOARD--UPDATE FROM THE POLICE"
    for standing in [
        "NDVWI",
        "Weapons",
        "Hate crime",
        "Domestic violence",
        "Burglary",
        "Theft of motor vehicles",
    ]:
        assert f"- {standing}\n" in dashboard.context


def test_june_2021_was_published_on_9_june_with_its_contact_officer_and_notice(june_2021):
    assert june_2021.agenda_published_at.date() == datetime.date(2021, 6, 9)
    assert june_2021.contact_officer.name == "Steve Wood"
    assert june_2021.contact_officer.phone == "020 8313 4316"
    assert "Members of the public can attend the meeting." in june_2021.public_notice


def test_matters_outstanding_are_minutes_9_and_14_with_their_update(june_2021):
    outstanding = Action.objects.outstanding_for(june_2021)
    assert [a.minute.reference for a in outstanding] == ["9", "14"]
    assert {u.text for a in outstanding for u in a.updates.filter(for_meeting=june_2021)} == {
        "An update will be provided at the meeting."
    }
    assert june_2021.agenda_items.get(number=3).report.report_number == "CSD 21071"


def test_december_2019_minutes_were_approved_by_the_march_2021_meeting(december_2019, march_2021):
    assert december_2019.minutes_approved_by == march_2021
    assert sorted(december_2019.minutes.values_list("number", flat=True)) == [40, 41, 47, 48]


def test_every_demo_record_says_where_in_the_pack_it_came_from():
    for model in (Minute, Resolution, Action, AgendaItem, Attendance, Membership):
        assert not model.objects.filter(source_ref="").exists(), model


def test_loading_twice_leaves_the_same_rows():
    before = demo_row_counts()
    demo.load_all(with_users=True)
    assert demo_row_counts() == before
