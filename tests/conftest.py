"""Shared fixtures: the Bromley demo data loaded once per test database, and signed-in clients per role."""

import pytest
from django.contrib.auth.models import Group, User

from boards import demo
from boards.models import Meeting
from sbp.roles import RoleName


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every test starts from the demo data; each test's own changes are rolled back."""
    with django_db_blocker.unblock():
        demo.load_all(with_users=True)


def make_user(username, role=None, **flags):
    user = User.objects.create_user(username=username, password="a-long-test-password", **flags)
    if role:
        user.groups.add(Group.objects.get_or_create(name=role)[0])
    return user


ROLES = {
    "anonymous": None,
    "no role": (),
    "officer": (RoleName.OFFICER,),
    "democratic": (RoleName.DEMOCRATIC_SERVICES,),
    "member": (RoleName.BOARD_MEMBER,),
    "partner": (RoleName.PARTNER,),
    "admin": "superuser",
}


@pytest.fixture
def client_for(client):
    """client_for('officer') returns the test client signed in as a fresh user holding that role."""

    def sign_in(role):
        spec = ROLES[role]
        if spec is None:
            return client
        if spec == "superuser":
            user = make_user(f"test-{role}", is_staff=True, is_superuser=True)
        else:
            user = make_user(f"test-{role.replace(' ', '-')}", *spec)
        client.force_login(user)
        return client

    return sign_in


@pytest.fixture
def june_2021():
    return Meeting.objects.get(starts_at__date="2021-06-17")


@pytest.fixture
def march_2021():
    return Meeting.objects.get(starts_at__date="2021-03-25")


@pytest.fixture
def december_2019():
    return Meeting.objects.get(starts_at__date="2019-12-05")


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Tests create many users; a slow hash buys nothing here."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
