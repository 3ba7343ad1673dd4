"""Minute numbers made unique per board and year on existing data: clashing numbers get a letter, not an error."""

import datetime

import pytest
from django.core.management import call_command

from tests.conftest import migrate, migrate_to_latest

BEFORE, AFTER = [("boards", "0004_versions")], [("boards", "0005_minute_numbering")]


@pytest.mark.isolated
@pytest.mark.django_db(transaction=True)
def test_existing_minutes_get_their_board_and_clashing_numbers_a_letter():
    call_command("flush", interactive=False)
    try:
        apps = migrate(BEFORE)
        Board, Meeting, Minute = (apps.get_model("boards", name) for name in ("Board", "Meeting", "Minute"))
        board = Board.objects.create(name="Board", slug="board")
        june, september = (
            Meeting.objects.create(board=board, starts_at=datetime.datetime(2021, month, 1, 10, tzinfo=datetime.UTC))
            for month in (6, 9)
        )
        Minute.objects.create(meeting=september, number=49, title="AOB")
        Minute.objects.create(meeting=june, number=49, title="MINUTES")  # the clash the old numbering made
        apps = migrate(AFTER)
        rows = apps.get_model("boards", "Minute").objects.order_by("meeting__starts_at")
        assert [(m.title, m.board_id, m.numbering_year, m.number, m.suffix) for m in rows] == [
            ("MINUTES", board.pk, 0, 49, ""),
            ("AOB", board.pk, 0, 49, "a"),
        ]
    finally:
        migrate_to_latest()


@pytest.mark.isolated
@pytest.mark.django_db(transaction=True)
def test_boards_and_strategies_made_before_partnerships_join_one_named_from_the_first_board():
    call_command("flush", interactive=False)
    try:
        apps = migrate([("boards", "0005_minute_numbering"), ("strategy", "0002_versions")])
        apps.get_model("boards", "Board").objects.create(name="Safer Testshire Partnership Board", slug="b")
        apps.get_model("strategy", "Strategy").objects.create(
            title="Strategy", slug="s", starts_on=datetime.date(2020, 4, 1), ends_on=datetime.date(2023, 3, 31)
        )
        apps = migrate([("boards", "0006_board_partnership"), ("strategy", "0003_strategy_partnership")])
        partnership = apps.get_model("sbp", "Partnership").objects.get()
        assert (partnership.name, partnership.slug) == ("Safer Testshire Partnership", "safer-testshire-partnership")
        assert apps.get_model("boards", "Board").objects.get().partnership_id == partnership.pk
        assert apps.get_model("strategy", "Strategy").objects.get().partnership_id == partnership.pk
    finally:
        migrate_to_latest()


@pytest.mark.isolated
@pytest.mark.django_db(transaction=True)
def test_each_member_of_a_role_group_holds_that_role_in_the_partnership():
    call_command("flush", interactive=False)
    try:
        apps = migrate([("sbp", "0004_partnership"), ("boards", "0006_board_partnership")])
        apps.get_model("sbp", "Partnership").objects.create(name="Safer Testshire Partnership", slug="st")
        Group, User = apps.get_model("auth", "Group"), apps.get_model("auth", "User")
        officer, other = User.objects.create(username="officer"), User.objects.create(username="other")
        officer.groups.add(Group.objects.create(name="Officer"), Group.objects.create(name="Board Member"))
        other.groups.add(Group.objects.create(name="Book club"))  # not a role
        apps = migrate([("sbp", "0005_partnership_role")])
        roles = apps.get_model("sbp", "PartnershipRole").objects.values_list(
            "user__username", "partnership__slug", "role"
        )
        assert sorted(roles) == [("officer", "st", "Board Member"), ("officer", "st", "Officer")]
    finally:
        migrate_to_latest()


@pytest.mark.isolated
@pytest.mark.django_db(transaction=True)
def test_meetings_cancelled_before_reasons_were_kept_are_dated_by_their_start():
    call_command("flush", interactive=False)
    try:
        # sbp too: its later migrations (a partnership's version) would otherwise stay applied beneath this state.
        apps = migrate([("boards", "0006_board_partnership"), ("sbp", "0006_partner_organisations")])
        partnership = apps.get_model("sbp", "Partnership").objects.create(name="P", slug="p")
        board = apps.get_model("boards", "Board").objects.create(partnership=partnership, name="Board", slug="b")
        starts = datetime.datetime(2021, 6, 1, 10, tzinfo=datetime.UTC)
        apps.get_model("boards", "Meeting").objects.create(board=board, starts_at=starts, status="cancelled")
        apps = migrate([("boards", "0009_meetings_cycle_and_pack_steps")])
        meeting = apps.get_model("boards", "Meeting").objects.get()
        assert (meeting.status, meeting.called_off_at, meeting.called_off_reason) == ("cancelled", starts, "")
        assert apps.get_model("boards", "Board").objects.get().meetings_every_months == 3
    finally:
        migrate_to_latest()
