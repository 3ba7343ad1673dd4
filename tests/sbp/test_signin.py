"""Sign-in throttling: too many wrong passwords lock a username out from an address until the cool-off ends or
an administrator unlocks it, and the sign-in page says so."""

import io

import pytest
from axes.exceptions import AxesBackendRequestParameterRequired
from axes.models import AccessAttempt
from django.contrib.auth import SESSION_KEY
from django.core.management import call_command
from django.http import HttpRequest
from django.test import Client
from django.urls import reverse

from tests.conftest import make_user

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-test-password"  # make_user's


def sign_in(client, password, username="clerk"):
    return client.post(reverse("login"), {"username": username, "password": password})


def fail(client, times, username="clerk"):
    for _ in range(times):
        sign_in(client, "not-the-password", username)


def test_five_wrong_passwords_refuse_the_right_one_with_the_lockout_message(client):
    make_user("clerk")
    fail(client, 5)
    response = sign_in(client, PASSWORD)
    page = " ".join(response.content.decode().split())
    assert response.status_code == 429
    assert SESSION_KEY not in client.session
    assert "Signing in is locked for this account" in page
    assert "There have been 5 failed attempts to sign in as this user from your address." in page
    assert "Try again in 30 minutes, or ask an administrator to unlock it." in page
    assert 'value="clerk"' in page  # the sign-in page itself, username kept
    assert '<h1 class="govuk-heading-xl">Sign in</h1>' in page


def test_the_fifth_wrong_password_already_shows_the_lockout(client):
    make_user("clerk")
    fail(client, 4)
    response = sign_in(client, "not-the-password")
    assert response.status_code == 429
    assert "Signing in is locked" in response.content.decode()


def test_four_wrong_passwords_still_let_the_right_one_in(client):
    make_user("clerk")
    fail(client, 4)
    response = sign_in(client, PASSWORD)
    assert response.status_code == 302
    assert client.session[SESSION_KEY] == str(make_user("clerk").pk)


def test_a_success_clears_the_count_of_failures(client):
    make_user("clerk")
    fail(client, 4)
    sign_in(client, PASSWORD)
    fail(Client(), 4)
    assert sign_in(Client(), PASSWORD).status_code == 302


def test_a_locked_out_username_does_not_lock_out_a_colleague_at_the_same_address(client):
    make_user("clerk")
    make_user("colleague")
    fail(client, 5)
    assert sign_in(Client(), PASSWORD, username="colleague").status_code == 302


def test_the_axes_reset_command_unlocks_the_username(client):
    make_user("clerk")
    fail(client, 5)
    call_command("axes_reset_username", "clerk", stdout=io.StringIO())
    response = sign_in(client, PASSWORD)
    assert response.status_code == 302
    assert SESSION_KEY in client.session


def test_an_administrator_unlocks_the_username_in_the_admin(client, client_for):
    make_user("clerk")
    locked_out = Client()
    fail(locked_out, 5)
    attempt = AccessAttempt.objects.get(username="clerk")
    admin = client_for("admin")
    listing = admin.get(reverse("admin:axes_accessattempt_changelist"))
    assert "clerk" in listing.content.decode()
    admin.post(reverse("admin:axes_accessattempt_delete", args=[attempt.pk]), {"post": "yes"})
    assert not AccessAttempt.objects.filter(username="clerk").exists()
    assert sign_in(locked_out, PASSWORD).status_code == 302


def test_force_login_used_by_the_other_tests_still_signs_in(client_for):
    response = client_for("officer").get(reverse("home"))
    assert "Sign out test-officer" in response.content.decode()


def test_client_login_works_when_given_a_request(client):
    """axes needs the request to authenticate: the README's advice for tests that use client.login()."""
    make_user("clerk")
    assert client.login(request=HttpRequest(), username="clerk", password=PASSWORD)
    with pytest.raises(AxesBackendRequestParameterRequired):
        client.login(username="clerk", password=PASSWORD)


def test_a_sign_in_lasts_eight_hours(client):
    make_user("clerk")
    response = sign_in(client, PASSWORD)
    assert client.session.get_expiry_age() == 8 * 3600
    assert response.cookies["sessionid"]["max-age"] == 8 * 3600
