"""Deactivating an account, and resetting a password: a deactivated user cannot sign in (the sign-in page and
django-axes agree) and their records stay; a reset link sets a password once."""

import re

import pytest
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.models import User
from django.core import mail
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from sbp import accounts
from sbp.models import Partnership, PartnershipRole
from sbp.roles import RoleName
from tests.conftest import BROMLEY, make_user

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-test-password"  # make_user's


def sign_in(client, username, password=PASSWORD):
    return client.post(reverse("login"), {"username": username, "password": password})


def deactivate(client, user):
    return client.post(reverse("manage-deactivate", args=[BROMLEY, user.pk]))


def test_an_officer_deactivates_a_member_who_then_cannot_sign_in(client_for, client):
    member = make_user("clerk", RoleName.BOARD_MEMBER)
    assert deactivate(client_for("officer"), member).status_code == 302
    member.refresh_from_db()
    assert not member.is_active
    assert PartnershipRole.objects.filter(user=member).exists()  # the record of who they were stays
    client.logout()
    response = sign_in(client, "clerk")
    assert response.status_code == 200
    assert SESSION_KEY not in client.session
    assert "Enter a correct username and password" in response.content.decode()


def test_a_deactivated_users_open_session_ends(client):
    member = make_user("clerk", RoleName.BOARD_MEMBER)
    client.force_login(member)
    accounts.deactivate(member)
    assert client.get(reverse("actions")).status_code == 302  # sent to sign in


def test_axes_counts_a_deactivated_users_sign_in_as_a_failure_and_does_not_lock_out_early(client):
    """One refused sign-in is one failure, as a wrong password is: the limit is the same for both."""
    from axes.models import AccessAttempt

    accounts.deactivate(make_user("clerk", RoleName.BOARD_MEMBER))
    sign_in(client, "clerk")
    assert AccessAttempt.objects.get(username="clerk").failures_since_start == 1


def test_the_users_page_lists_the_partnerships_accounts_with_a_way_to_deactivate(client_for):
    make_user("clerk", RoleName.BOARD_MEMBER)
    page = " ".join(client_for("officer").get(reverse("manage-users", args=[BROMLEY])).content.decode().split())
    assert "clerk" in page
    assert reverse("manage-deactivate", args=[BROMLEY, User.objects.get(username="clerk").pk]) in page
    assert reverse("manage-deactivate", args=[BROMLEY, User.objects.get(username="test-officer").pk]) not in page


def test_the_users_page_makes_the_same_queries_with_ten_times_the_users(client_for):
    client = client_for("officer")
    url = reverse("manage-users", args=[BROMLEY])
    make_user("clerk-0", RoleName.BOARD_MEMBER)
    client.get(url)  # the session and the officer's roles read once
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    for n in range(1, 10):
        make_user(f"clerk-{n}", RoleName.BOARD_MEMBER)
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).status_code == 200
    assert len(many) == len(few)


@pytest.fixture
def northfield():
    return Partnership.objects.create(name="Northfield", slug="northfield")


@pytest.mark.parametrize(
    ("target", "allowed"),
    [
        ("a member of A", True),
        ("the officer themselves", False),
        ("a superuser", False),
        ("a member of B only", False),
        ("a member of A and of B", False),  # switching them off would shut them out of B, B's officers' call
    ],
)
def test_who_an_officer_of_a_may_deactivate(northfield, target, allowed):
    bromley = Partnership.objects.get(slug=BROMLEY)
    officer = make_user("a-officer", RoleName.OFFICER)
    users = {
        "a member of A": make_user("a-member", RoleName.BOARD_MEMBER),
        "the officer themselves": officer,
        "a superuser": make_user("root", RoleName.BOARD_MEMBER, is_superuser=True),
        "a member of B only": make_user("b-member", RoleName.BOARD_MEMBER, partnership=northfield),
        "a member of A and of B": make_user("ab-member", RoleName.BOARD_MEMBER),
    }
    PartnershipRole.objects.create(user=users["a member of A and of B"], partnership=northfield, role="Board Member")
    assert accounts.can_deactivate(officer, users[target], bromley) is allowed


def test_an_officer_of_b_cannot_deactivate_a_user_of_a(client, northfield):
    member = make_user("clerk", RoleName.BOARD_MEMBER)
    client.force_login(make_user("b-officer", RoleName.OFFICER, partnership=northfield))
    assert deactivate(client, member).status_code == 403
    assert client.post(reverse("manage-deactivate", args=["northfield", member.pk])).status_code == 403
    member.refresh_from_db()
    assert member.is_active


def ask_for_reset(client, email="clerk@example.org"):
    with TestCase.captureOnCommitCallbacks(execute=True):  # the outbox sends once the request's work commits
        return client.post(reverse("password_reset"), {"email": email})


def reset_link():
    (message,) = mail.outbox
    return re.search(r"http://127.0.0.1:8000(/sign-in/reset/\S+/)", message.body).group(1)


def test_a_forgotten_password_is_reset_through_an_emailed_link_that_works_once(client):
    make_user("clerk", email="clerk@example.org")
    assert reverse("password_reset") in client.get(reverse("login")).content.decode()
    sent = ask_for_reset(client)
    assert sent["Location"] == reverse("password_reset_done")
    link = reset_link()
    form = client.get(link)
    done = client.post(form["Location"], {"new_password1": "a-fresh-passphrase", "new_password2": "a-fresh-passphrase"})
    assert done["Location"] == reverse("password_reset_complete")
    assert sign_in(client, "clerk", "a-fresh-passphrase").status_code == 302
    client.logout()
    again = " ".join(client.get(link).content.decode().split())
    assert "This link cannot be used" in again
    assert "It has expired, or it has already been used to set a password." in again


def test_a_deactivated_account_is_sent_no_reset_link(client):
    accounts.deactivate(make_user("clerk", email="clerk@example.org"))
    ask_for_reset(client)
    assert not mail.outbox


def test_a_mismatched_new_password_is_shown_at_the_field(client):
    make_user("clerk", email="clerk@example.org")
    ask_for_reset(client)
    form = client.get(reset_link())
    page = client.post(form["Location"], {"new_password1": "a-fresh-passphrase", "new_password2": "another"})
    assert "The two password fields didn’t match." in page.content.decode()


def test_deactivating_voids_the_users_unused_invitations(client_for):
    from sbp import invitations

    partnership = Partnership.objects.get(slug=BROMLEY)
    invitation = invitations.invite(email="late@example.org", name="Late Joiner", organisation=None,
                                    role=RoleName.BOARD_MEMBER, partnership=partnership, by=None,
                                    now=timezone.now())  # fmt: skip
    accounts.deactivate(invitation.user)
    assert not invitation.user.invitations.exists()


def test_an_officer_cannot_make_anyone_democratic_services_nor_invite_themselves(client_for):
    client = client_for("officer")
    page = client.get(reverse("manage-invite", args=[BROMLEY])).content.decode()
    assert 'value="Democratic Services"' not in page
    data = {"email": "x@example.org", "name": "X", "role": RoleName.DEMOCRATIC_SERVICES}
    page = client.post(reverse("manage-invite", args=[BROMLEY]), data).content.decode()
    assert "Select a valid choice" in page
    democratic = client_for("democratic").get(reverse("manage-invite", args=[BROMLEY])).content.decode()
    assert 'value="Democratic Services"' in democratic
