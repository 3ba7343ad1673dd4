"""The actions register: filters, exports safe for spreadsheets, updates by owners, closing, query counts."""

import csv
import datetime
import io

import openpyxl
import pytest
from django.urls import reverse

from boards.models import Action, AgendaItem, Minute
from sbp.models import Organisation
from sbp.tables import neutralise

pytestmark = pytest.mark.django_db


def register(client, **params):
    return client.get(reverse("actions"), params)


def test_the_register_lists_actions_and_filters_by_status_and_initials(client_for):
    client = client_for("member")
    page = register(client).content.decode()
    assert "Report the results of the Crime Needs Assessment" in page
    assert "electronic signature" in page
    only_open = register(client, status="open", action_by="js").content.decode()
    assert "electronic signature" not in only_open
    assert only_open.count('govuk-tag--red">Overdue') == 2


def test_overdue_filter(client_for):
    page = register(client_for("officer"), overdue="yes").content.decode()
    assert "Report the results of the Crime Needs Assessment" in page
    assert "electronic signature" not in page


@pytest.mark.parametrize(
    ("value", "expected"),
    [("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"), ("+1", "'+1"), ("-2+3", "'-2+3"),
     ("@SUM(A1)", "'@SUM(A1)"), ("\tTAB", "'\tTAB"), ("JS", "JS"), (7, 7), (None, None)],
)  # fmt: skip
def test_formula_cells_are_neutralised(value, expected):
    assert neutralise(value) == expected


def make_formula_action():
    minute = Minute.objects.get(meeting__starts_at__date="2021-03-25", number=12)
    return Action.objects.create(
        minute=minute, description='=HYPERLINK("http://evil.example","Click")', action_by="+SB"
    )


def test_csv_export_cannot_inject_a_formula(client_for):
    make_formula_action()
    response = register(client_for("officer"), _export="csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:3] == ["Minute", "Meeting", "Action"]
    cells = [cell for row in rows[1:] for cell in row]
    assert '\'=HYPERLINK("http://evil.example","Click")' in cells
    assert not any(cell.startswith(("=", "+", "@")) for cell in cells)


def test_excel_export_cannot_inject_a_formula(client_for):
    make_formula_action()
    response = register(client_for("officer"), _export="xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    values = [cell.value for row in sheet.iter_rows() for cell in row if isinstance(cell.value, str)]
    assert "'+SB" in values
    assert not any(value.startswith(("=", "+", "@")) for value in values)


def test_exported_dates_are_date_cells_in_excel_and_iso_dates_in_csv(client_for):
    """Spreadsheets sort and filter dates only when they are dates: 'Due' and 'Meeting' are real date cells."""
    action = Action.objects.get(minute__number=9)
    action.due_date = datetime.date(2021, 9, 30)
    action.save()
    sheet = openpyxl.load_workbook(io.BytesIO(register(client_for("officer"), _export="xlsx").content)).active
    headings = [cell.value for cell in sheet[1]]
    row = next(row for row in sheet.iter_rows(min_row=2) if row[headings.index("Action")].value == action.description)
    meeting, due = row[headings.index("Meeting")], row[headings.index("Due")]
    assert (meeting.is_date, meeting.value.date()) == (True, datetime.date(2021, 3, 25))
    assert (due.is_date, due.value.date()) == (True, datetime.date(2021, 9, 30))

    rows = list(csv.DictReader(io.StringIO(register(client_for("officer"), _export="csv").content.decode())))
    exported = next(row for row in rows if row["Action"] == action.description)
    assert (exported["Meeting"], exported["Due"]) == ("2021-03-25", "2021-09-30")


def test_part_2_actions_stay_out_of_a_partners_register_and_export(client_for):
    minute = Minute.objects.get(meeting__starts_at__date="2021-03-25", number=12)
    item = AgendaItem.objects.create(
        meeting=minute.meeting,
        number=16,
        title="CCTV CONTRACT",
        part="exempt",
        exempt_reason="Paragraph 3",
        position=99,
    )
    secret = Minute.objects.create(meeting=minute.meeting, agenda_item=item, number=60, title="CCTV CONTRACT")
    secret.actions.create(description="Negotiate with Bidder B", action_by="RV")
    assert "Bidder B" not in register(client_for("partner"), _export="csv").content.decode()
    assert "Bidder B" in register(client_for("officer"), _export="csv").content.decode()


def test_a_partner_updates_actions_owned_by_their_organisation_only(client_for):
    client = client_for("partner")
    from tests.conftest import make_user  # noqa: F401 - the fixture made the user

    clarion = Organisation.objects.get(name="Clarion Housing Group")
    user = client.session["_auth_user_id"]
    from sbp.models import Person

    Person.objects.filter(name="Dawn Helps").update(user_id=user)
    ours = Action.objects.get(minute__number=9)
    assert client.get(reverse("action-update", args=[ours.pk])).status_code == 403
    ours.owner_organisation = clarion
    ours.save()
    response = client.post(reverse("action-update", args=[ours.pk]), {"text": "Clarion has reviewed its CCTV."})
    assert response.status_code == 302
    assert ours.updates.last().text == "Clarion has reviewed its CCTV."


def test_closing_an_action_records_who_when_and_why(client_for):
    action = Action.objects.get(minute__number=14)
    client = client_for("officer")
    data = {"status": "completed", "closed_on": "2021-06-17", "closure_note": "Reported on 17 June 2021."}
    response = client.post(reverse("close-action", args=[action.pk]), data | {"version": action.version})
    assert response.status_code == 302
    action.refresh_from_db()
    assert (action.status, action.closed_by.username, action.closure_note) == (
        "completed",
        "test-officer",
        "Reported on 17 June 2021.",
    )
    assert action.closed_on == datetime.date(2021, 6, 17)  # the date it was done, as the officer gave it


def test_reassigning_an_action_is_kept_in_its_history(client_for):
    action = Action.objects.get(minute__number=9)
    client = client_for("officer")
    data = {
        "description": action.description,
        "action_by": "AM",
        "owner_person": "",
        "owner_organisation": "",
        "due_date": "",
        "version": action.version,
    }
    assert client.post(reverse("edit-action", args=[action.pk]), data).status_code == 302
    page = client.get(reverse("action-detail", args=[action.pk])).content.decode()
    assert "History of changes" in page
    assert "AM" in page


def test_register_query_count_does_not_grow_with_actions(client_for, django_assert_num_queries):
    client = client_for("member")
    register(client)
    # Session, user, roles, the two meeting filters' choices, organisations, the count and the page of actions.
    with django_assert_num_queries(8) as before:
        register(client)
    minute = Minute.objects.get(meeting__starts_at__date="2021-03-25", number=12)
    for number in range(30):
        minute.actions.create(description=f"Extra action {number}", action_by="SB", due_date="2021-07-01")
    with django_assert_num_queries(len(before.captured_queries)):
        register(client)


def test_initials_longer_than_the_field_are_refused_next_to_it_and_the_register_still_lists_actions(client_for):
    # 100,000 characters once reached SQLite as a LIKE pattern it refuses ("pattern too complex"): a 500.
    response = register(client_for("officer"), action_by="x" * 100_000, status="open")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Ensure this value has at most 60 characters" in page
    assert '<div id="div_id_action_by" class="govuk-form-group govuk-form-group--error">' in page
    assert "Report the results of the Crime Needs Assessment" in page  # the other filters still apply
    assert "electronic signature" not in page


@pytest.mark.parametrize(
    ("asked", "rows"), [("-1", 1), ("0", 25), ("1", 1), ("3", 3), ("500", 100), ("99999999999999999999", 100)]
)
def test_the_rows_a_page_of_the_register_shows_stay_between_one_and_a_hundred(client_for, asked, rows):
    # ?per_page=-1 or 0 was a 500 (no page 1 to show); a huge one served every row at once.
    response = register(client_for("officer"), per_page=asked)
    assert response.status_code == 200
    table = response.context["table"]
    assert table.paginator.per_page == rows
    assert len(table.page.object_list) == min(rows, Action.objects.count())


def test_an_action_owned_by_a_person_is_their_organisations_to_update(client_for):
    from sbp.models import Person

    action = Action.objects.get(minute__number=9)
    helps = Person.objects.get(name="Dawn Helps")  # Clarion Housing Group
    data = {"description": action.description, "action_by": "DH", "owner_person": helps.pk,
            "owner_organisation": "", "due_date": "", "version": action.version}  # fmt: skip
    assert client_for("officer").post(reverse("edit-action", args=[action.pk]), data).status_code == 302
    action.refresh_from_db()
    assert action.owner_organisation == helps.organisation
    partner = client_for("partner")
    Person.objects.filter(pk=helps.pk).update(user_id=partner.session["_auth_user_id"])
    assert partner.get(reverse("action-update", args=[action.pk])).status_code == 200


def test_an_actions_owner_is_printed_without_stray_spaces(client_for):
    action = Action.objects.filter(owner_person__isnull=False, owner_organisation__isnull=False).first()
    page = client_for("officer").get(reverse("action-detail", args=[action.pk])).content.decode()
    owner = f"{action.action_by} ({action.owner_person.printed_name}), {action.owner_organisation.name}"
    assert owner in page
