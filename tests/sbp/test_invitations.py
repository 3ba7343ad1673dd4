"""Accounts by invitation: an officer invites a person to a role in their partnership; the emailed link sets their
password once, within a week, and they can then sign in with the role. Expired and used links say so in words."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.models import User
from django.core import mail
from django.test import TestCase
from django.urls import reverse

from sbp import invitations
from sbp.models import Invitation, Partnership, PartnershipRole, Person
from sbp.roles import RoleName
from tests.conftest import BROMLEY, make_user

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "a-brand-new-passphrase"


def invite(client, **fields):
    data = {"email": "sam.carter@example.org", "name": "Sam Carter", "role": RoleName.BOARD_MEMBER} | fields
    with TestCase.captureOnCommitCallbacks(execute=True):  # the outbox sends once the request's work commits
        return client.post(reverse("manage-invite", args=[BROMLEY]), data)


def emailed_link():
    (message,) = mail.outbox
    return re.search(r"http://127.0.0.1:8000(/invitations/\S+/)", message.body).group(1)


def set_password(client, link, password=NEW_PASSWORD):
    form = client.get(link)  # the token goes into the session; the form is at a URL without it
    assert form.status_code == 302
    return client.post(form["Location"], {"new_password1": password, "new_password2": password})


def test_an_officer_invites_a_new_person_who_sets_a_password_and_signs_in_with_the_role(client_for, client):
    response = invite(client_for("officer"))
    assert response.status_code == 302
    invitation = Invitation.objects.get(email="sam.carter@example.org")
    assert invitation.person.name == "Sam Carter"
    assert invitation.person.user == invitation.user
    assert invitation.invited_by.username == "test-officer"
    assert not invitation.user.has_usable_password()
    assert not PartnershipRole.objects.filter(user=invitation.user).exists()  # nothing until the link is used
    (message,) = mail.outbox
    assert message.to == ["sam.carter@example.org"]
    assert "Board Member of Safer Bromley Partnership" in message.body
    assert "Your username is sam.carter@example.org" in message.body
    client.logout()
    done = set_password(client, emailed_link())
    assert done.status_code == 302
    assert done["Location"] == reverse("login")
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None
    assert PartnershipRole.objects.filter(user=invitation.user, role=RoleName.BOARD_MEMBER).exists()
    sign_in_page = client.get(done["Location"]).content.decode()
    assert "Sign in with your username, sam.carter@example.org." in sign_in_page
    client.post(reverse("login"), {"username": "sam.carter@example.org", "password": NEW_PASSWORD})
    assert client.session[SESSION_KEY] == str(invitation.user.pk)


def test_an_invitation_to_someone_in_the_directory_is_for_that_person(client_for):
    person = Person.objects.create(name="Jo Existing", email="Jo.Existing@example.org")
    invite(client_for("democratic"), email="jo.existing@example.org", name="")
    invitation = Invitation.objects.get()
    assert invitation.person == person
    assert User.objects.get(pk=invitation.user_id).username == "jo.existing@example.org"


def test_a_used_link_is_refused_with_a_page_that_says_so(client_for, client):
    invite(client_for("officer"))
    client.logout()
    link = emailed_link()
    set_password(client, link)
    again = client.get(link)
    page = " ".join(again.content.decode().split())
    assert "This invitation link has already been used" in page
    assert 'name="new_password1"' not in page


def test_an_expired_link_is_refused_with_a_page_naming_who_to_ask(client_for, client, monkeypatch):
    invite(client_for("officer"))
    client.logout()
    link = emailed_link()
    later = invitations.tokens._now() + timedelta(days=invitations.INVITATION_DAYS, minutes=1)
    monkeypatch.setattr(invitations.tokens, "_now", lambda: later)
    page = " ".join(client.get(link).content.decode().split())
    assert "This invitation link has expired" in page
    assert "Ask test-officer, or another officer of Safer Bromley Partnership, to send you a new one." in page
    assert 'name="new_password1"' not in page
    assert not Invitation.objects.get().accepted_at


def test_a_link_still_works_on_its_last_day(client_for, client, monkeypatch):
    invite(client_for("officer"))
    client.logout()
    link = emailed_link()
    later = invitations.tokens._now() + timedelta(days=invitations.INVITATION_DAYS, minutes=-1)
    monkeypatch.setattr(invitations.tokens, "_now", lambda: later)
    assert set_password(client, link).status_code == 302


def test_a_tampered_link_is_refused_in_words(client):
    page = client.get(reverse("accept-invitation", args=["MQ", "abc-123"])).content.decode()
    assert "This invitation link cannot be used" in page


def test_a_password_reset_token_is_no_invitation(client_for, client):
    """The invitation tokens have their own salt: a reset token for the same account opens nothing."""
    from django.contrib.auth.tokens import default_token_generator

    invite(client_for("officer"))
    client.logout()
    invitation = Invitation.objects.get()
    forged = reverse(
        "accept-invitation",
        args=[invitations.link_key(invitation), default_token_generator.make_token(invitation.user)],
    )
    assert "This invitation link cannot be used" in client.get(forged).content.decode()


@pytest.mark.parametrize(
    ("fields", "field", "error"),
    [
        ({"email": "not-an-email"}, "email", "Enter a valid email address."),
        ({"name": ""}, "name", "Enter their name: nobody in the directory has this email address."),
        ({"role": "Superuser"}, "role", "Select a valid choice."),
    ],
)
def test_the_invitation_form_shows_the_error_at_the_field_and_keeps_the_typing(client_for, fields, field, error):
    response = invite(client_for("officer"), **fields)
    page = response.content.decode()
    assert response.status_code == 200
    assert error in page
    assert f'id="div_id_{field}" class="govuk-form-group govuk-form-group--error"' in page  # at the field
    assert 'value="sam.carter@example.org"' in page or field == "email"  # the typing kept
    assert not Invitation.objects.exists()
    assert not mail.outbox


def test_the_username_of_another_account_cannot_be_taken_by_an_invitation(client_for):
    make_user("sam.carter@example.org")  # signs in with that username, has no email
    User.objects.filter(username="sam.carter@example.org").update(email="other@example.org")
    page = invite(client_for("officer")).content.decode()
    assert "Another account already signs in with this email address as its username." in page


def test_an_officer_of_partnership_b_cannot_invite_into_partnership_a(client):
    northfield = Partnership.objects.create(name="Northfield", slug="northfield")
    client.force_login(make_user("northfield-officer", RoleName.OFFICER, partnership=northfield))
    assert invite(client).status_code == 403
    assert not Invitation.objects.exists()


def test_nobody_is_made_a_superuser_or_staff_by_an_invitation(client_for, client):
    invite(client_for("officer"), is_superuser="on", is_staff="on")
    client.logout()
    set_password(client, emailed_link())
    user = User.objects.get(username="sam.carter@example.org")
    assert not user.is_superuser
    assert not user.is_staff


@pytest.mark.parametrize("key", ["MA", "OTk5OTk5OTk5OTk5OTk5OTk5OTk5OTk5", "not-base64", "wyg"])
def test_a_link_naming_no_invitation_is_refused_in_words(client, key):
    page = client.get(f"/invitations/{key}/1-abc/").content.decode()
    assert "This invitation link cannot be used" in page
    assert invitations.from_link(key) is None
