"""Administering boards and memberships in the app: a new member is on the next pack's cover with their role,
ending a membership keeps it on the record (and on past meetings), every change is in its history, and each
form keeps what was typed when it refuses it."""

import datetime
import io
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from pypdf import PdfReader

from boards import pack
from boards.models import Attendance, Board, Meeting, Membership, Role
from sbp.models import Organisation, Partnership, Person
from sbp.roles import RoleName
from tests.conftest import BROMLEY, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def board():
    return Board.objects.get(partnership__slug=BROMLEY)


@pytest.fixture
def newcomer():
    police = Organisation.objects.get(short_name="MPS")
    return Person.objects.create(name="Robin Newcomer", honorific="Inspector", organisation=police)


def add_member(client, board, person, **fields):
    data = {"person": person.pk, "role": Role.MEMBER, "position": 99, "version": ""} | fields
    return client.post(reverse("manage-add-member", args=[board.pk]), data)


def cover_text(meeting):
    data, _ = pack.build(meeting, restricted=False)
    return " ".join(PdfReader(io.BytesIO(data)).pages[0].extract_text().split())


def test_a_new_vice_chairman_is_on_the_next_meetings_pack_cover_with_the_role(client_for, board, newcomer):
    board.memberships.filter(role=Role.VICE_CHAIRMAN).update(end_date=datetime.date(2021, 7, 1))
    response = add_member(client_for("officer"), board, newcomer, role=Role.VICE_CHAIRMAN, start_date="2021-07-02",
                          representing=newcomer.organisation_id)  # fmt: skip
    assert response.status_code == 302
    membership = Membership.objects.get(person=newcomer)
    assert membership.role == Role.VICE_CHAIRMAN
    assert membership.representing.short_name == "MPS"
    september = Meeting.objects.create(board=board, starts_at=datetime.datetime(2021, 9, 9, 10, tzinfo=ZoneInfo("UTC")))
    assert "Inspector Robin Newcomer (Vice-Chairman)" in cover_text(september)


def test_an_ended_membership_stays_on_the_record_and_on_a_past_meetings_attendance(client_for, board, march_2021):
    open_members = board.memberships.filter(end_date__isnull=True).values("person")
    attended = march_2021.attendances.filter(person__in=open_members).first()
    membership = board.memberships.get(person=attended.person, end_date__isnull=True)
    url = reverse("manage-end-membership", args=[membership.pk])
    response = client_for("democratic").post(url, {"end_date": "2022-03-31", "version": membership.version})
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.end_date == datetime.date(2022, 3, 31)
    assert Attendance.objects.filter(pk=attended.pk, person=attended.person).exists()
    meeting_page = client_for("democratic").get(reverse("meeting-detail", args=[march_2021.pk])).content.decode()
    assert attended.person.name in meeting_page
    after = Meeting.objects.create(board=board, starts_at=datetime.datetime(2022, 6, 9, 10, tzinfo=ZoneInfo("UTC")))
    assert membership not in board.memberships.current_on(after.starts_at.date())
    assert membership in board.memberships.current_on(march_2021.starts_at.date())
    board_page = " ".join(
        client_for("democratic").get(reverse("manage-board", args=[board.pk])).content.decode().split()
    )
    assert "Former members" in board_page
    assert attended.person.name in board_page


def test_a_change_of_role_is_in_the_memberships_history(client_for, board, newcomer):
    client = client_for("officer")
    add_member(client, board, newcomer)
    membership = Membership.objects.get(person=newcomer)
    url = reverse("manage-edit-membership", args=[membership.pk])
    data = {"role": Role.ADVISER, "position": 99, "capacity": "Police adviser", "version": membership.version}
    assert client.post(url, data).status_code == 302
    record = membership.history.order_by("-history_date").first()
    assert record.role == Role.ADVISER
    assert record.history_user.username == "test-officer"
    page = " ".join(client.get(url).content.decode().split())
    assert "History of changes (2)" in page
    assert "Police adviser" in page


def test_a_stale_membership_edit_is_refused_with_both_versions(client_for, board, newcomer):
    client = client_for("officer")
    add_member(client, board, newcomer)
    membership = Membership.objects.get(person=newcomer)
    url = reverse("manage-edit-membership", args=[membership.pk])
    client.post(url, {"role": Role.MEMBER, "position": 99, "capacity": "First", "version": membership.version})
    response = client.post(
        url, {"role": Role.MEMBER, "position": 99, "capacity": "Second", "version": membership.version}
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "Someone else saved this while you were editing it" in page
    assert 'value="Second"' in page
    membership.refresh_from_db()
    assert membership.capacity == "First"


def test_a_named_alternate_is_saved_and_cannot_be_the_member(client_for, board, newcomer):
    client = client_for("officer")
    deputy = Person.objects.create(name="Alex Deputy")
    add_member(client, board, newcomer, alternate=deputy.pk)
    assert Membership.objects.get(person=newcomer).alternate == deputy
    refused = add_member(client, Board.objects.create(partnership=board.partnership, name="Other", slug="other"),
                         newcomer, alternate=newcomer.pk)  # fmt: skip
    assert "A member cannot be their own alternate." in refused.content.decode()


@pytest.mark.parametrize(
    ("fields", "field", "error"),
    [
        ({"role": Role.CHAIRMAN}, "role", "end that membership first."),
        ({"start_date": "not a date"}, "start_date", "Enter a valid date."),
        ({"position": "-1"}, "position", "Ensure this value is greater than or equal to 0."),
    ],
)
def test_the_membership_form_shows_the_error_at_the_field_and_keeps_the_typing(
    client_for, board, newcomer, fields, field, error
):
    response = add_member(client_for("officer"), board, newcomer, capacity="Typed capacity", **fields)
    page = response.content.decode()
    assert response.status_code == 200
    assert error in page
    assert f'id="div_id_{field}" class="govuk-form-group govuk-form-group--error"' in page
    assert 'value="Typed capacity"' in page
    assert not Membership.objects.filter(person=newcomer).exists()


def test_someone_already_a_member_is_not_added_twice(client_for, board):
    member = board.memberships.filter(end_date__isnull=True).first()
    page = add_member(client_for("officer"), board, member.person).content.decode()
    assert f"{member.person} is already a member of this board." in page


def test_an_officer_adds_a_board_and_edits_it(client_for, board):
    client = client_for("officer")
    data = {"name": "Youth Panel", "slug": "youth-panel", "short_name": "YP", "quorum": "3",
            "minute_numbering": "continuous", "municipal_year_starts": "5", "meetings_every_months": "3",
            "version": ""}  # fmt: skip
    response = client.post(reverse("manage-add-board", args=[BROMLEY]), data)
    created = Board.objects.get(slug="youth-panel")
    assert response["Location"] == reverse("manage-board", args=[created.pk])
    assert created.partnership.slug == BROMLEY
    assert created.quorum == 3
    edit = data | {"quorum": "4", "version": created.version}
    assert client.post(reverse("manage-edit-board", args=[created.pk]), edit).status_code == 302
    assert Board.objects.get(pk=created.pk).quorum == 4


def test_the_board_form_refuses_a_month_out_of_range_and_a_taken_slug(client_for, board):
    data = {"name": "Youth Panel", "slug": board.slug, "minute_numbering": "continuous", "municipal_year_starts": "13"}
    page = client_for("officer").post(reverse("manage-add-board", args=[BROMLEY]), data).content.decode()
    assert "Enter a month from 1 (January) to 12 (December)." in page
    assert "Board with this Slug already exists." in page
    assert 'value="Youth Panel"' in page


def test_an_officer_of_b_gets_403_from_as_board_and_membership_pages(client, board):
    northfield = Partnership.objects.create(name="Northfield", slug="northfield")
    client.force_login(make_user("northfield-officer", RoleName.OFFICER, partnership=northfield))
    membership = board.memberships.first()
    for url in [reverse("manage-board", args=[board.pk]), reverse("manage-add-member", args=[board.pk]),
                reverse("manage-edit-membership", args=[membership.pk]),
                reverse("manage-end-membership", args=[membership.pk]),
                reverse("manage-partnership", args=[BROMLEY])]:  # fmt: skip
        assert client.get(url).status_code == 403
    assert (
        client.post(reverse("manage-end-membership", args=[membership.pk]), {"end_date": "2022-01-01"}).status_code
        == 403
    )
    membership.refresh_from_db()
    assert membership.end_date is None
