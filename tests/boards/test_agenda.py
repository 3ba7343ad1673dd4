"""Agenda rules: numbering, moving, removing, the next meeting's standing items, publishing."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from boards import agenda
from boards.models import AgendaItem, Meeting

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")


@pytest.mark.parametrize(
    ("flags", "expected"),
    [
        ([], []),
        ([False, False, False], [(1, ""), (2, ""), (3, "")]),
        ([False, True, True, False], [(1, ""), (1, "a"), (1, "b"), (2, "")]),
        ([True, False], [(1, ""), (2, "")]),  # a sub-item with nothing above becomes a main item
        ([False, True, False, True], [(1, ""), (1, "a"), (2, ""), (2, "a")]),
    ],
)
def test_item_numbers_follow_main_items_and_sub_item_letters(flags, expected):
    assert agenda.labels(flags) == expected


def references(meeting):
    return [item.reference for item in meeting.agenda_items.order_by("position")]


def test_moving_an_item_renumbers_the_agenda(june_2021):
    dhr = june_2021.agenda_items.get(number=6)
    agenda.move(dhr, -1)
    titles = [item.title for item in june_2021.agenda_items.order_by("position")]
    assert titles.index("DHR AND PREVENT VERBAL UPDATE") < titles.index("VIOLENCE REDUCTION PLAN VERBAL UPDATE")
    assert references(june_2021) == ["1", "2", "3", "4", "4a", "4b", "5", "5a", "6", "6a", "7", "8", "9", "10"]


def test_removing_an_item_closes_the_gap(june_2021):
    agenda.remove(june_2021.agenda_items.get(number=6))
    assert references(june_2021) == ["1", "2", "3", "4", "4a", "4b", "5", "5a", "5b", "6", "7", "8", "9"]
    assert june_2021.agenda_items.get(number=6).title.startswith("CRIME PERFORMANCE DASHBOARD")


def test_an_item_added_as_a_sub_item_takes_the_next_letter(june_2021):
    agenda.apply_order(june_2021, list(june_2021.agenda_items.order_by("position")))
    item = agenda.append(june_2021, AgendaItem(title="NEW"), as_sub_item=True)
    assert item.reference == "10a"


def test_the_next_meeting_gets_the_standing_items_renumbered_and_retitled(june_2021):
    starts = datetime.datetime(2021, 9, 9, 10, tzinfo=LONDON)
    meeting = agenda.create_next_meeting(june_2021, starts, "Bromley Civic Centre", Meeting.Mode.IN_PERSON)
    assert [(item.reference, item.title) for item in meeting.agenda_items.order_by("position")] == [
        ("1", "WELCOME/HOUSE-KEEPING/INTRODUCTIONS, APOLOGIES AND DECLARATIONS OF INTEREST"),
        ("2", "MINUTES OF THE MEETING HELD ON 17TH JUNE 2021"),
        ("3", "MATTERS ARISING FROM THE MEETING ON 17TH JUNE 2021"),
        ("4", "CRIME PERFORMANCE DASHBOARD--UPDATE FROM THE POLICE"),
        ("5", "EMERGING ISSUES/TASK AND FINISH PARTNER UPDATES"),
        ("6", "AOB"),
        ("7", "DATE AND TIME OF NEXT MEETING"),
    ]
    assert meeting.contact_officer.name == "Steve Wood"
    assert meeting.agenda_items.get(number=4).context.startswith("Standing Items are:")


def test_next_meeting_form_refuses_a_clash_and_keeps_what_was_typed(client_for, june_2021):
    client = client_for("officer")
    url = reverse("next-meeting", args=[june_2021.pk])
    data = {"date": "2021-03-25", "time": "10:00", "venue": "Somewhere typed", "mode": "in_person"}
    page = client.post(url, data).content.decode()
    assert "The next meeting must be after this one." in page
    assert 'value="Somewhere typed"' in page
    assert client.post(url, data | {"date": "2021-09-09"}).status_code == 302
    assert (
        "The board already has a meeting at that date and time."
        in client.post(url, data | {"date": "2021-09-09"}).content.decode()
    )


def test_a_part_2_item_without_a_reason_is_refused_next_to_the_field(client_for, june_2021):
    client = client_for("officer")
    data = {"title": "CONTRACT AWARD", "context": "Bids", "kind": "report", "part": "exempt", "exempt_reason": ""}
    page = client.post(reverse("add-agenda-item", args=[june_2021.pk]), data).content.decode()
    assert "Give the reason this item is exempt" in page
    assert 'value="CONTRACT AWARD"' in page
    assert not june_2021.agenda_items.filter(title="CONTRACT AWARD").exists()


def test_a_paper_must_be_a_pdf(client_for, june_2021):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = client_for("officer")
    data = {"title": "PAPER", "kind": "report", "part": "public"}
    fake = SimpleUploadedFile("paper.pdf", b"MZ not a pdf", content_type="application/pdf")
    page = client.post(reverse("add-agenda-item", args=[june_2021.pk]), data | {"document": fake}).content.decode()
    assert "The paper must be a PDF file." in page


def test_democratic_services_publish_the_agenda_and_it_is_recorded(client_for):
    board = Meeting.objects.get(starts_at__date="2021-06-17").board
    meeting = Meeting.objects.create(board=board, starts_at="2021-09-09T09:00Z")
    client_for("democratic").post(reverse("publish-agenda", args=[meeting.pk]))
    meeting.refresh_from_db()
    assert meeting.status == "published"
    assert meeting.agenda_published_at is not None
    last = meeting.history.first()
    assert (last.status, last.history_user.username) == ("published", "test-democratic")
    published = meeting.pack_builds.filter(published_at=meeting.agenda_published_at, status="ready")
    assert sorted(published.values_list("restricted", flat=True)) == [False, True]


def test_agenda_item_edits_are_kept_in_history_and_shown(client_for, june_2021):
    client = client_for("officer")
    item = june_2021.agenda_items.get(number=9)
    data = {"title": "ANY OTHER BUSINESS", "context": "", "kind": "standing", "part": "public", "version": item.version}
    assert client.post(reverse("edit-agenda-item", args=[item.pk]), data).status_code == 302
    page = client.get(reverse("edit-agenda-item", args=[item.pk])).content.decode()
    assert "AOB" in page
    assert "ANY OTHER BUSINESS" in page
    assert "test-officer" in page


def test_an_officer_writes_a_report_front_sheet_that_goes_into_the_pack(client_for, june_2021):
    item = june_2021.agenda_items.get(number=5, suffix="a")
    data = {"title": "CRIME NEEDS ASSESSMENT UPDATE", "part": "public", "report_number": "ES 21045",
            "reason": "To present the Crime Needs Assessment to February 2021."}  # fmt: skip
    client = client_for("officer")
    assert client.post(reverse("agenda-item-report", args=[item.pk]), data).status_code == 302
    item.refresh_from_db()
    assert item.report.report_number == "ES 21045"
    from boards import pack, redaction

    assert [section.kind for section in pack.contents(june_2021, redaction.PUBLIC_PACK) if section.item == item] == [
        "report"
    ]


def test_a_revised_pack_needs_a_published_agenda_first(client_for):
    board = Meeting.objects.get(starts_at__date="2021-06-17").board
    meeting = Meeting.objects.create(board=board, starts_at="2021-09-09T09:00Z")
    page = client_for("democratic").post(reverse("publish-revised-pack", args=[meeting.pk]), follow=True)
    assert "Publish the agenda first: its pack is published with it." in page.content.decode()
    assert not meeting.pack_builds.exists()


def test_a_strategy_progress_report_item_is_copied_to_the_next_meeting_with_its_kind(client_for, june_2021):
    client = client_for("officer")
    data = {"title": "STRATEGY PROGRESS REPORT", "context": "", "kind": "standing", "standing_kind": "strategy_report",
            "part": "public"}  # fmt: skip
    assert client.post(reverse("add-agenda-item", args=[june_2021.pk]), data).status_code == 302
    starts = datetime.datetime(2021, 9, 9, 10, tzinfo=LONDON)
    meeting = agenda.create_next_meeting(june_2021, starts, "Civic Centre", Meeting.Mode.IN_PERSON)
    copied = meeting.agenda_items.get(standing_kind=AgendaItem.StandingKind.STRATEGY_REPORT)
    assert (copied.title, copied.kind, copied.reference) == ("STRATEGY PROGRESS REPORT", "standing", "8")


def test_an_item_with_a_standing_purpose_must_be_a_standing_item(client_for, june_2021):
    data = {"title": "Progress", "context": "", "kind": "report", "standing_kind": "strategy_report", "part": "public"}
    page = client_for("officer").post(reverse("add-agenda-item", args=[june_2021.pk]), data).content.decode()
    assert "An item with a standing purpose must be a standing item." in page
    assert not june_2021.agenda_items.filter(title="Progress").exists()


def test_the_agenda_item_form_offers_only_the_partnerships_own_priorities(client_for, june_2021):
    from tests.factories import make_partnership_b

    b = make_partnership_b()
    client = client_for("officer")
    page = client.get(reverse("add-agenda-item", args=[june_2021.pk])).content.decode()
    assert "Priority 1: Safer neighbourhoods" in page
    assert "Northfield priority" not in page
    theirs = b.progress_update.priority
    data = {"title": "Theirs", "context": "", "kind": "report", "priority": theirs.pk, "part": "public"}
    page = client.post(reverse("add-agenda-item", args=[june_2021.pk]), data).content.decode()
    assert "Select a valid choice" in page
    assert not june_2021.agenda_items.filter(title="Theirs").exists()
