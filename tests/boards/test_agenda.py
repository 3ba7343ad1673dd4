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
    # It moves above the whole of item 5, whose sub-items keep their letters under their new number.
    assert references(june_2021) == ["1", "2", "3", "4", "4a", "4b", "5", "6", "6a", "6b", "7", "8", "9", "10"]


def test_removing_an_item_closes_the_gap(june_2021):
    agenda.remove(june_2021.agenda_items.get(number=6))
    assert references(june_2021) == ["1", "2", "3", "4", "4a", "4b", "5", "5a", "5b", "6", "7", "8", "9"]
    assert june_2021.agenda_items.get(number=6).title.startswith("CRIME PERFORMANCE DASHBOARD")


class Row:
    """A stand-in for an agenda item in the pure rules: only whether it is a sub-item, and a name to follow it."""

    def __init__(self, name):
        self.name, self.is_sub_item = name, not name[-1].isdigit()

    def __repr__(self):
        return self.name


def shape(text):
    """'1 2 2a 3' -> rows named by their references."""
    return [Row(name) for name in text.split()]


def named(rows, name):
    return next(row for row in rows if row.name == name)


def renumbered(rows):
    """'old->new' for each row in this order, numbered as apply_order would number them."""
    return " ".join(
        f"{row.name}->{number}{suffix}"
        for row, (number, suffix) in zip(rows, agenda.labels(r.is_sub_item for r in rows), strict=True)
    )


@pytest.mark.parametrize(
    ("agenda_shape", "expected"),
    [
        ("", []),
        ("1 2 3", [["1"], ["2"], ["3"]]),
        ("1 2 2a 2b 3", [["1"], ["2", "2a", "2b"], ["3"]]),
        ("1a 1", [["1a"], ["1"]]),  # a stray sub-item at the top is a block of its own, as labels numbers it
        ("1 1a 2 2a", [["1", "1a"], ["2", "2a"]]),
    ],
)
def test_blocks_are_each_main_item_with_its_sub_items(agenda_shape, expected):
    assert [[row.name for row in block] for block in agenda.blocks(shape(agenda_shape))] == expected


@pytest.mark.parametrize(
    ("agenda_shape", "item", "offset", "expected"),
    [
        ("1 2 2a 2b 3", "2", 1, "1->1 3->2 2->3 2a->3a 2b->3b"),
        ("1 2 2a 2b 3", "2", -1, "2->1 2a->1a 2b->1b 1->2 3->3"),
        ("1 2 3 3a", "3", -1, "1->1 3->2 3a->2a 2->3"),
        ("1 1a 2 2a 2b", "1", 1, "2->1 2a->1a 2b->1b 1->2 1a->2a"),
        ("1 2 2a 2b 3", "2a", 1, "1->1 2->2 2b->2a 2a->2b 3->3"),
        ("1 2 2a 2b 3", "2b", -1, "1->1 2->2 2b->2a 2a->2b 3->3"),
        ("1 2 2a 2b 3", "2a", -1, "1->1 2->2 2a->2a 2b->2b 3->3"),  # a sub-item never leaves its main item
        ("1 2 2a 2b 3", "2b", 1, "1->1 2->2 2a->2a 2b->2b 3->3"),
        ("1 2 2a 2b 3", "1", -1, "1->1 2->2 2a->2a 2b->2b 3->3"),  # the top stays put
        ("1 2 2a 2b 3", "3", 1, "1->1 2->2 2a->2a 2b->2b 3->3"),  # so does the bottom
        ("1", "1", 1, "1->1"),
    ],
)
def test_an_item_moves_with_its_sub_items_and_they_keep_their_letters(agenda_shape, item, offset, expected):
    rows = shape(agenda_shape)
    assert renumbered(agenda.moved(rows, named(rows, item), offset)) == expected


NEW = "new"


@pytest.mark.parametrize(
    ("agenda_shape", "kind", "at", "expected"),
    [
        ("", "end", None, "new->1"),
        ("1 2 2a", "start", None, "new->1 1->2 2->3 2a->3a"),
        ("1 2 2a", "end", None, "1->1 2->2 2a->2a new->3"),
        ("1 2 2a 3", "after", "2", "1->1 2->2 2a->2a new->3 3->4"),  # after the item's sub-items
        ("1 2 2a 3", "after", "1", "1->1 new->2 2->3 2a->3a 3->4"),
        ("1 2 2a 3", "under", "2", "1->1 2->2 2a->2a new->2b 3->3"),
        ("1 2 2a 3", "under", "1", "1->1 new->1a 2->2 2a->2a 3->3"),
    ],
)
def test_a_new_item_goes_where_it_is_put_and_the_rest_renumber(agenda_shape, kind, at, expected):
    rows = shape(agenda_shape)
    new = Row("new")
    place = agenda.Place(agenda.Place.Kind(kind), named(rows, at) if at else None)
    order, as_sub_item = agenda.inserted(rows, new, place)
    new.is_sub_item = as_sub_item
    assert renumbered(order) == expected


@pytest.mark.parametrize(
    ("agenda_shape", "item", "expected"),
    [
        ("1 2 2a 2b 3", "2", ["2", "2a", "2b"]),
        ("1 2 2a 2b 3", "2a", ["2a"]),
        ("1 2 2a 2b 3", "3", ["3"]),
        ("1", "1", ["1"]),
    ],
)
def test_removing_a_main_item_takes_its_sub_items_and_a_sub_item_goes_alone(agenda_shape, item, expected):
    rows = shape(agenda_shape)
    assert [row.name for row in agenda.removal(rows, named(rows, item))] == expected


@pytest.mark.parametrize(
    ("agenda_shape", "expected"),
    [
        ("", ["end"]),
        ("1", ["start", "under 1", "end"]),
        ("1 2 2a", ["start", "under 1", "after 1", "under 2", "end"]),
    ],
)
def test_a_new_item_can_go_at_either_end_after_any_main_item_or_under_it(agenda_shape, expected):
    found = agenda.places(shape(agenda_shape))
    assert [f"{place.kind} {place.item.name}" if place.item else str(place.kind) for place in found] == expected


def test_moving_item_4_down_takes_4a_and_4b_with_it_in_the_database(june_2021):
    before = {item.pk: item.title for item in june_2021.agenda_items.filter(number=4)}
    fifth = june_2021.agenda_items.get(number=5, suffix="").title
    agenda.move(june_2021.agenda_items.get(number=4, suffix=""), 1)
    after = {item.pk: item.reference for item in june_2021.agenda_items.filter(pk__in=before)}
    assert sorted(after.values()) == ["5", "5a", "5b"]
    assert references(june_2021) == ["1", "2", "3", "4", "4a", "4b", "5", "5a", "5b", "6", "7", "8", "9", "10"]
    assert june_2021.agenda_items.get(number=4, suffix="").title == fifth


def test_removing_a_main_item_removes_its_sub_items_and_renumbers(june_2021):
    gone = agenda.remove(june_2021.agenda_items.get(number=4, suffix=""))
    assert [row.reference for row in gone] == ["4", "4a", "4b"]
    assert references(june_2021) == ["1", "2", "3", "4", "4a", "4b", "5", "6", "7", "8", "9"]


def test_an_item_added_after_item_3_becomes_4_and_the_rest_move_down(client_for, june_2021):
    third = june_2021.agenda_items.get(number=3, suffix="")
    data = {"title": "YOUTH SAFETY", "kind": "report", "part": "public", "place": f"after-{third.pk}"}
    response = client_for("officer").post(reverse("add-agenda-item", args=[june_2021.pk]), data)
    assert response.status_code == 302
    assert june_2021.agenda_items.get(title="YOUTH SAFETY").reference == "4"
    assert references(june_2021)[3:7] == ["4", "5", "5a", "5b"]


def test_an_item_added_as_a_sub_item_of_4_takes_the_next_letter_under_it(client_for, june_2021):
    fourth = june_2021.agenda_items.get(number=4, suffix="")
    data = {"title": "YOUTH SAFETY", "kind": "report", "part": "public", "place": f"under-{fourth.pk}"}
    client_for("officer").post(reverse("add-agenda-item", args=[june_2021.pk]), data)
    assert june_2021.agenda_items.get(title="YOUTH SAFETY").reference == "4c"


def test_the_add_form_offers_each_place_and_refuses_an_unknown_one(client_for, june_2021):
    client = client_for("officer")
    url = reverse("add-agenda-item", args=[june_2021.pk])
    page = client.get(url).content.decode()
    assert "After item 3," in page
    assert "As a sub-item of item 4," in page
    assert "At the end of the agenda" in page
    data = {"title": "TYPED TITLE", "kind": "report", "part": "public", "place": "after-999999"}
    page = client.post(url, data).content.decode()
    assert "Select a valid choice" in page
    assert 'value="TYPED TITLE"' in page


def test_removing_asks_first_and_says_what_goes(client_for, june_2021):
    from django.core.files.base import ContentFile

    client = client_for("officer")
    sub = june_2021.agenda_items.get(number=4, suffix="a")
    sub.document.save("paper.pdf", ContentFile(b"%PDF-1.4 a paper"))
    main = june_2021.agenda_items.get(number=4, suffix="")
    page = client.get(reverse("remove-agenda-item", args=[main.pk])).content.decode()
    assert "Remove item 4?" in page
    assert "This removes 3 items from the agenda: item 4 and its sub-items." in page
    assert f"Item 4a: {sub.title}" in page
    assert "with its paper (PDF), which leaves the agenda pack" in page
    assert june_2021.agenda_items.filter(number=4).count() == 3  # nothing removed by asking
    response = client.post(reverse("remove-agenda-item", args=[main.pk]), follow=True)
    assert "Item 4 and its sub-items 4a, 4b removed and the agenda renumbered." in response.content.decode()
    assert not june_2021.agenda_items.filter(pk=sub.pk).exists()


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
            "part": "public", "place": "end-"}  # fmt: skip
    assert client.post(reverse("add-agenda-item", args=[june_2021.pk]), data).status_code == 302
    starts = datetime.datetime(2021, 9, 9, 10, tzinfo=LONDON)
    meeting = agenda.create_next_meeting(june_2021, starts, "Civic Centre", Meeting.Mode.IN_PERSON)
    copied = meeting.agenda_items.get(standing_kind=AgendaItem.StandingKind.STRATEGY_REPORT)
    assert (copied.title, copied.kind, copied.reference) == ("STRATEGY PROGRESS REPORT", "standing", "8")


def test_an_item_with_a_standing_purpose_must_be_a_standing_item(client_for, june_2021):
    data = {"title": "Progress", "context": "", "kind": "report", "standing_kind": "strategy_report", "part": "public",
            "place": "end-"}  # fmt: skip
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
    data = {
        "title": "Theirs",
        "context": "",
        "kind": "report",
        "priority": theirs.pk,
        "part": "public",
        "place": "end-",
    }
    page = client.post(reverse("add-agenda-item", args=[june_2021.pk]), data).content.decode()
    assert "Select a valid choice" in page
    assert not june_2021.agenda_items.filter(title="Theirs").exists()


def test_an_item_placed_after_one_removed_meanwhile_goes_at_the_end(june_2021):
    gone = june_2021.agenda_items.get(number=3, suffix="")
    agenda.remove(gone)
    item = agenda.add(june_2021, AgendaItem(title="LATE ITEM"), agenda.Place(agenda.Place.Kind.AFTER, gone))
    assert item.reference == references(june_2021)[-1]


def test_an_item_with_minutes_is_not_removed_so_its_exempt_minute_never_turns_public(client_for, june_2021):
    item = june_2021.agenda_items.get(number=3, suffix="")
    from boards.minutes import next_number
    from boards.models import Minute

    Minute.objects.create(meeting=june_2021, agenda_item=item, number=next_number(june_2021), title="A minute of it")
    client = client_for("officer")
    for method in (client.get, client.post):
        response = method(reverse("remove-agenda-item", args=[item.pk]), follow=True)
        assert "This item has minutes, so it stays on the agenda" in response.content.decode()
    assert AgendaItem.objects.filter(pk=item.pk).exists()


def test_a_27th_sub_item_is_refused_beside_the_place_keeping_what_was_typed(client_for, june_2021):
    fourth = june_2021.agenda_items.get(number=4, suffix="")
    for n in range(26 - june_2021.agenda_items.filter(number=4).exclude(suffix="").count()):
        agenda.add(june_2021, AgendaItem(title=f"SUB {n}"), agenda.Place(agenda.Place.Kind.UNDER, fourth))
    assert june_2021.agenda_items.filter(number=4, suffix="z").exists()
    before = references(june_2021)
    data = {"title": "ONE TOO MANY", "kind": "report", "part": "public", "place": f"under-{fourth.pk}"}
    response = client_for("officer").post(reverse("add-agenda-item", args=[june_2021.pk]), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "at most 26 sub-items" in page
    assert 'value="ONE TOO MANY"' in page
    assert references(june_2021) == before  # nothing renumbered


def test_removing_an_item_a_second_time_removes_nothing_more(client_for, june_2021):
    # Two clicks, or two officers, each fetched the item before either removed it: the second finds it gone.
    item = june_2021.agenda_items.get(number=3, suffix="")
    stale = AgendaItem.objects.get(pk=item.pk)
    assert agenda.remove(item)
    before = references(june_2021)
    assert agenda.remove(stale) == []
    agenda.move(stale, -1)
    assert references(june_2021) == before


def test_a_strategy_document_item_may_be_a_report_and_is_not_copied_to_the_next_meeting(client_for, june_2021):
    data = {"title": "STRATEGY 2023 TO 2026", "context": "", "kind": "report", "standing_kind": "strategy_document",
            "part": "public", "place": "end-"}  # fmt: skip
    assert client_for("officer").post(reverse("add-agenda-item", args=[june_2021.pk]), data).status_code == 302
    added = june_2021.agenda_items.get(title="STRATEGY 2023 TO 2026")
    assert (added.kind, added.standing_kind) == (AgendaItem.Kind.REPORT, AgendaItem.StandingKind.STRATEGY_DOCUMENT)
    starts = datetime.datetime(2021, 9, 9, 10, tzinfo=LONDON)
    meeting = agenda.create_next_meeting(june_2021, starts, "Civic Centre", Meeting.Mode.IN_PERSON)
    assert not meeting.agenda_items.filter(standing_kind=AgendaItem.StandingKind.STRATEGY_DOCUMENT).exists()
