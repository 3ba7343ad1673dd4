"""Roles are held in a partnership: every question names one, and a user's roles are read once per request."""

import pytest
from django.contrib.auth.models import AnonymousUser

from boards.models import Action, Meeting
from sbp.models import Partnership
from sbp.roles import RoleName, has_role, has_role_anywhere, partnership_key, partnerships_where
from tests.conftest import BROMLEY, make_user
from tests.factories import make_partnership_b

pytestmark = pytest.mark.django_db


@pytest.fixture
def two():
    b = make_partnership_b()
    return Partnership.objects.get(slug=BROMLEY), b.partnership


@pytest.mark.parametrize(
    ("held_in", "asked_in", "expected"), [("a", "a", True), ("a", "b", False), ("b", "a", False), ("b", "b", True)]
)
def test_a_role_answers_only_for_the_partnership_it_is_held_in(two, held_in, asked_in, expected):
    a, b = two
    user = make_user("test-held", RoleName.OFFICER, partnership={"a": a, "b": b}[held_in])
    assert has_role(user, {"a": a, "b": b}[asked_in], RoleName.OFFICER) is expected
    assert has_role_anywhere(user, RoleName.OFFICER)
    assert not has_role_anywhere(user, RoleName.PARTNER)


def test_a_superuser_holds_every_role_everywhere_and_an_inactive_user_none(two):
    a, _ = two
    admin = make_user("test-root", is_superuser=True)
    assert all(has_role(admin, where, role) for where in two for role in RoleName)
    assert set(Partnership.objects.filter(pk__in=partnerships_where(admin, RoleName.OFFICER))) == set(
        Partnership.objects.all()
    )  # the demo's two and the test's
    gone = make_user("test-gone-officer", RoleName.OFFICER, is_active=False)
    assert not has_role(gone, a, RoleName.OFFICER)
    assert partnerships_where(gone, RoleName.OFFICER) == frozenset()
    assert not has_role(AnonymousUser(), a, RoleName.OFFICER)


def test_partnerships_where_lists_those_where_any_of_the_roles_is_held(two):
    a, b = two
    user = make_user("test-two", RoleName.OFFICER, partnership=a)
    user.partnership_roles.create(partnership=b, role=RoleName.PARTNER)
    assert partnerships_where(user, RoleName.OFFICER) == {a.pk}
    assert partnerships_where(user, RoleName.OFFICER, RoleName.PARTNER) == {a.pk, b.pk}


def test_every_row_of_a_partnerships_business_names_its_partnership(two):
    a, b = two
    action = Action.objects.filter(minute__meeting__board__partnership=b).first()
    assert partnership_key(action) == partnership_key(action.minute.meeting) == partnership_key(b) == b.pk
    assert partnership_key(Meeting.objects.filter(board__partnership=a).first()) == a.pk
    assert partnership_key(b.pk) == b.pk


def test_a_users_roles_are_read_in_one_query_however_many_questions(two, django_assert_num_queries):
    a, b = two
    user = make_user("test-asked", RoleName.BOARD_MEMBER)
    with django_assert_num_queries(1):
        for _ in range(20):
            assert has_role(user, a, RoleName.BOARD_MEMBER)
            assert not has_role(user, b, RoleName.BOARD_MEMBER)
