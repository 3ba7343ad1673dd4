"""Demo sign-ins work only in development: with DEBUG off the demo password is refused and seed_demo will not
run, even on a database seeded under DEBUG (as the test database is, by tests/conftest.py)."""

import io

import pytest
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.urls import reverse

from boards import demo

pytestmark = pytest.mark.django_db
DEMO_USERNAMES = ["officer", "democratic", "member", "partner", "admin"]


@pytest.fixture(autouse=True)
def demo_passwords():
    """The demo password again, hashed with the tests' fast hasher (the session's seed used the slow default)."""
    for user in User.objects.filter(username__in=DEMO_USERNAMES):
        user.set_password(demo.DEMO_PASSWORD)
        user.save()


def sign_in(client, username, password=demo.DEMO_PASSWORD, url=None):
    return client.post(url or reverse("login"), {"username": username, "password": password})


@pytest.mark.parametrize("username", DEMO_USERNAMES)
def test_without_debug_the_demo_password_signs_nobody_in(client, settings, username):
    settings.DEBUG = False
    assert User.objects.get(username=username).check_password(demo.DEMO_PASSWORD)
    response = sign_in(client, username)
    assert response.status_code == 200
    assert "Enter a correct username and password" in response.content.decode()
    assert SESSION_KEY not in client.session


def test_without_debug_the_admin_sign_in_refuses_the_demo_password_too(client, settings):
    settings.DEBUG = False
    response = sign_in(client, "admin", url=reverse("admin:login"))
    assert response.status_code == 200
    assert SESSION_KEY not in client.session


def test_with_debug_the_demo_password_signs_in(client, settings):
    settings.DEBUG = True
    response = sign_in(client, "officer")
    assert response.status_code == 302
    assert client.session[SESSION_KEY] == str(User.objects.get(username="officer").pk)


def test_without_debug_a_demo_username_with_its_own_password_signs_in(client, settings):
    settings.DEBUG = False
    officer = User.objects.get(username="officer")
    officer.set_password("a-password-of-its-own")
    officer.save()
    assert sign_in(client, "officer", "a-password-of-its-own").status_code == 302


def test_seed_demo_refuses_to_run_without_debug(settings):
    settings.DEBUG = False
    User.objects.filter(username__in=DEMO_USERNAMES).delete()
    with pytest.raises(CommandError, match="run it only with DJANGO_DEBUG=1"):
        call_command("seed_demo", "--without-packs", stdout=io.StringIO())
    assert not User.objects.filter(username__in=DEMO_USERNAMES).exists()


def test_seed_demo_with_debug_creates_the_demo_sign_ins(settings):
    settings.DEBUG = True
    User.objects.filter(username__in=DEMO_USERNAMES).delete()
    out = io.StringIO()
    call_command("seed_demo", "--without-packs", stdout=out)
    assert f"Demo sign-ins (password: {demo.DEMO_PASSWORD}):" in out.getvalue()
    assert sorted(User.objects.filter(username__in=DEMO_USERNAMES).values_list("username", flat=True)) == sorted(
        DEMO_USERNAMES
    )
