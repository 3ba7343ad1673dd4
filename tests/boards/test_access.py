"""Access rules, exhaustively: every role against every kind of meeting and business."""

import pytest

from boards import access
from boards.models import Board, Meeting
from tests.conftest import ROLES, make_user

pytestmark = pytest.mark.django_db

FULL = {"officer", "democratic", "member", "admin"}


def bromley_board():
    return Board.objects.get(slug="safer-bromley-partnership-board")


def user_for(role):
    from django.contrib.auth.models import AnonymousUser

    spec = ROLES[role]
    if spec is None:
        return AnonymousUser()
    if spec == "superuser":
        return make_user(f"test-{role}", is_superuser=True, is_staff=True)
    return make_user(f"test-{role.replace(' ', '-')}", *spec)


@pytest.mark.parametrize("role", list(ROLES))
def test_only_full_readers_see_exempt_business(role):
    assert access.sees_exempt_business(user_for(role), bromley_board()) is (role in FULL)


@pytest.mark.parametrize("role", list(ROLES))
@pytest.mark.parametrize(
    ("status", "published", "public"),
    [("draft", False, False), ("published", True, True), ("held", False, True), ("cancelled", False, False)],
)
def test_who_may_open_a_meeting(role, status, published, public):
    meeting = Meeting(
        board=bromley_board(),
        status=status,
        agenda_published_at="2021-06-09T09:00Z" if published else None,
    )
    expected = public or role in FULL | {"partner"}
    assert access.can_view_meeting(user_for(role), meeting) is expected


@pytest.mark.parametrize("role", list(ROLES))
@pytest.mark.parametrize("minutes_status", ["none", "draft", "circulated", "approved"])
def test_who_may_read_minutes(role, minutes_status):
    meeting = Meeting.objects.create(board=bromley_board(), starts_at="2031-01-01T10:00Z")
    meeting.minutes_status = minutes_status
    expected = minutes_status == "approved" or role in FULL | {"partner"}
    assert (access.meeting_record(user_for(role), meeting).minutes is not None) is expected


def test_an_inactive_user_holds_no_role():
    user = make_user("test-gone", "Officer")
    user.is_active = False
    assert not access.sees_exempt_business(user, bromley_board())
