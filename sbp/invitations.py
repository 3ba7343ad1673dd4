"""Accounts by invitation: an officer invites a person by email to a role in their partnership; the emailed link
lets them set a password once, within INVITATION_DAYS, and that gives them the role
(docs/decisions/0021-people-and-accounts-in-the-app.md)."""

import enum
from datetime import timedelta

from django.contrib.auth.models import User
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.crypto import constant_time_compare
from django.utils.encoding import force_bytes
from django.utils.http import base36_to_int, urlsafe_base64_decode, urlsafe_base64_encode

from sbp import outbox
from sbp.models import Invitation, MessageKind, PartnershipRole, Person

# A week: long enough for someone invited on a Friday, or on leave for a few days, to act on it; short enough that
# a forwarded or forgotten email does not stay a way in. A password reset (PASSWORD_RESET_TIMEOUT) stays shorter.
INVITATION_DAYS = 7


class InvitationTokenGenerator(PasswordResetTokenGenerator):
    """Django's password-reset token under its own salt and lifetime. Single use, because it hashes the account's
    password: setting one kills the link. It can also say whether a genuine link has merely expired, so that the
    page can say so rather than refuse in general terms."""

    key_salt = "sbp.invitations.InvitationTokenGenerator"
    lifetime = timedelta(days=INVITATION_DAYS)

    def check_token(self, user, token):
        return self.is_genuine(user, token) and not self.has_expired(token)

    def is_genuine(self, user, token):
        """Made for this account as it is now (its password unchanged since), at the time the token says."""
        made = timestamp(token)
        if user is None or made is None:
            return False
        secrets = [self.secret, *self.secret_fallbacks]
        return any(constant_time_compare(self._make_token_with_timestamp(user, made, s), token) for s in secrets)

    def has_expired(self, token):
        made = timestamp(token)
        return made is None or self._num_seconds(self._now()) - made > self.lifetime.total_seconds()


tokens = InvitationTokenGenerator()


def timestamp(token):
    """The seconds (since 2001) at which a token says it was made, or None if it is not a token."""
    try:
        made, _ = str(token).split("-")
        return base36_to_int(made)
    except ValueError:
        return None


class LinkState(enum.Enum):
    VALID = "valid"
    USED = "used"
    EXPIRED = "expired"
    INVALID = "invalid"


def link_state(invitation, token):
    """What an invitation link is now: usable, already used, expired, or not a link we sent (or one a newer
    password, set by a reset, has since replaced)."""
    if invitation is None:
        return LinkState.INVALID
    if invitation.accepted_at is not None:
        return LinkState.USED
    if not tokens.is_genuine(invitation.user, token):
        return LinkState.INVALID
    return LinkState.EXPIRED if tokens.has_expired(token) else LinkState.VALID


def link_key(invitation):
    return urlsafe_base64_encode(force_bytes(invitation.pk))


def from_link(key):
    """The invitation a link's key names, or None."""
    try:
        pk = int(urlsafe_base64_decode(key).decode())
    except ValueError:  # not base64, not text, or not a number
        return None
    if not 0 < pk < 2**63:  # beyond any id, and beyond what the database can compare
        return None
    return Invitation.objects.select_related("user", "partnership", "invited_by__person").filter(pk=pk).first()


@transaction.atomic
def invite(*, email, name, organisation, role, partnership, by, now):
    """Record an invitation for the person with this email (made if there is none), with an account for them: an
    existing one, or a new one whose username is the email and which has no usable password until the link is
    used. Nothing is granted until then."""
    person = Person.objects.filter(email__iexact=email).first()
    if person is None:
        person = Person.objects.create(name=name, email=email, organisation=organisation)
    user = person.user or User.objects.filter(email__iexact=email).first() or new_account(email)
    if person.user_id is None:
        person.user = user
        person.save(update_fields=["user"])
    return Invitation.objects.create(
        email=email, partnership=partnership, role=role, person=person, user=user, invited_by=by, sent_at=now
    )


def new_account(email):
    return User.objects.create_user(username=email.lower(), email=email)  # no password: unusable until set


def account_clash(email):
    """Why an invitation to this email cannot make an account, or None. A new account signs in with the email as
    its username: refused when another account (with another email) already has that username."""
    has_account = Person.objects.filter(email__iexact=email, user__isnull=False).exists()
    if has_account or User.objects.filter(email__iexact=email).exists():
        return None
    if User.objects.filter(username__iexact=email).exists():
        return "Another account already signs in with this email address as its username."
    return None


@transaction.atomic
def accept(invitation, now):
    """The person has set their password through the link: the invitation is used, the role theirs, and the account
    active (an invitation is how an officer brings back someone deactivated)."""
    invitation.accepted_at = now
    invitation.save(update_fields=["accepted_at"])
    PartnershipRole.objects.get_or_create(
        user=invitation.user, partnership=invitation.partnership, role=invitation.role
    )
    if not invitation.user.is_active:
        invitation.user.is_active = True
        invitation.user.save(update_fields=["is_active"])


def send_invitation(invitation):
    """The one place an invitation is sent from, through the outbox (sbp/outbox.py), which nobody can turn off.
    Its link carries the site's configured address, as every email's does, never the Host the request named."""
    link = outbox.absolute(
        reverse("accept-invitation", args=[link_key(invitation), tokens.make_token(invitation.user)])
    )
    context = {"invitation": invitation, "link": link, "days": INVITATION_DAYS}
    subject = render_to_string("sbp/invitation_subject.txt", context).strip()
    outbox.send(
        to=invitation.person, subject=subject, body=render_to_string("sbp/invitation_email.txt", context),
        kind=MessageKind.INVITATION, partnership=invitation.partnership,
    )  # fmt: skip


def grantable_roles(inviter, partnership):
    """The roles an inviter may give in `partnership`: publishing and approving are Democratic Services' alone, so
    only Democratic Services (or a superuser) may make someone Democratic Services; nobody grants above themselves."""
    from sbp.roles import RoleName, has_role

    if has_role(inviter, partnership, RoleName.DEMOCRATIC_SERVICES):
        return RoleName.choices
    return [(role, label) for role, label in RoleName.choices if role != RoleName.DEMOCRATIC_SERVICES]
