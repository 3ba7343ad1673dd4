"""The outbox: the one way the site sends email. A message is written as a row in the caller's transaction and
delivered by a background task once that transaction commits, so a rolled-back publication sends nothing, a slow
mail server never holds up a page, and Democratic Services can see every message and why one failed
(docs/decisions/0022-email-outbox-and-reminders.md).
"""

import smtplib

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.tasks import task
from django.urls import reverse
from django.utils import timezone

from sbp.models import EmailPreference, MessageKind, OutboxMessage
from sbp.roles import partnership_key

PREFERENCES_SALT = "sbp.email-preferences"
# Nobody can turn these off: an invitation or a password reset is asked for, and is how a person gets in.
ALWAYS_SENT = frozenset({MessageKind.INVITATION, MessageKind.PASSWORD_RESET})
OPTIONAL = [(kind, label) for kind, label in MessageKind.choices if kind not in ALWAYS_SENT]


def send(*, to, subject, body, kind, partnership, key=None):
    """Queue one email to a Person, with the footer that lets them change what they receive (or, for a password
    reset of an account with no person, to an address). `partnership` is the one whose business it is (a
    Partnership, its pk, or a row of it), whose outbox shows it. Returns the row, or None when nothing is queued:
    the person has no address, has turned this kind off, or `key` was sent before."""
    person, address = (None, to) if isinstance(to, str) else (to, to.email)
    if not address or (person and not receives(person, kind)):
        return None
    if key and OutboxMessage.objects.filter(key=key).exists():
        return None
    try:
        with transaction.atomic():  # a savepoint: a concurrent run's row with the same key loses only this one
            message = OutboxMessage.objects.create(
                to=address, person=person, subject=subject, body=f"{body.rstrip()}\n\n{footer(person)}", kind=kind,
                partnership_id=partnership and partnership_key(partnership), created_at=timezone.now(), key=key,
            )  # fmt: skip
    except IntegrityError:
        return None
    transaction.on_commit(lambda: deliver.enqueue(message.pk))
    return message


def receives(person, kind):
    """Every kind is on until the person turns it off; some cannot be turned off."""
    return kind in ALWAYS_SENT or not EmailPreference.objects.filter(person=person, kind=kind, receives=False).exists()


def reached(people, kind):
    """Those of `people` whom `send` would email a message of `kind` (an address, and the kind not turned off), in
    one query: for saying beforehand how many an action will email."""
    addressed = [person for person in people if person.email]
    if kind in ALWAYS_SENT:
        return addressed
    off = EmailPreference.objects.filter(person__in=addressed, kind=kind, receives=False)
    off = set(off.values_list("person_id", flat=True))
    return [person for person in addressed if person.pk not in off]


def footer(person):
    if person is None:
        return "-- \nYou receive this email from SBP Boards because a new password was asked for."
    return (
        "-- \nYou receive this email from SBP Boards. To choose which emails you receive, visit:\n"
        f"{absolute(reverse('email-preferences', args=[preferences_token(person)]))}"
    )


def preferences_token(person):
    """A signed token naming the person: the preferences link works without an account, and cannot be altered to
    name someone else."""
    return signing.dumps(person.pk, salt=PREFERENCES_SALT)


def person_pk_from(token):
    """The person a preferences token names, or None when it was not signed here."""
    try:
        return signing.loads(token, salt=PREFERENCES_SALT)
    except signing.BadSignature:
        return None


def absolute(path):
    """Emails are read away from the site: their links carry its address (DJANGO_SITE_URL)."""
    return f"{settings.SITE_URL}{path}"


@task
def deliver(message_id):
    """Send one queued message and record what happened; a message already sent or failed is not sent again."""
    message = OutboxMessage.objects.filter(pk=message_id, status=OutboxMessage.Status.QUEUED).first()
    if message is None:
        return
    email = EmailMessage(message.subject, message.body, settings.DEFAULT_FROM_EMAIL, [message.to])
    try:
        email.send(using="default")
    except Exception as error:  # any failure must be recorded on the message, not lost in a worker's log
        message.status, message.error = OutboxMessage.Status.FAILED, in_words(error)
        message.save(update_fields=["status", "error"])
        return
    message.status, message.sent_at = OutboxMessage.Status.SENT, timezone.now()
    message.save(update_fields=["status", "sent_at"])


def send_again(message):
    """Queue a failed message again (its address or the mail server since put right): it keeps its row, so the
    outbox shows one message, not two. False when it is not failed (sent meanwhile, or queued already)."""
    queued = OutboxMessage.objects.filter(pk=message.pk, status=OutboxMessage.Status.FAILED).update(
        status=OutboxMessage.Status.QUEUED, error=""
    )
    if queued:
        transaction.on_commit(lambda: deliver.enqueue(message.pk))
    return bool(queued)


def in_words(error):
    """Why a send failed, as Democratic Services would want it told."""
    if isinstance(error, smtplib.SMTPAuthenticationError):
        return f"The mail server refused the site's sign-in ({error.smtp_code})."
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return f"The mail server refused the address: {', '.join(error.recipients)}."
    if isinstance(error, smtplib.SMTPException):
        return f"The mail server refused the message: {error}."
    if isinstance(error, OSError):
        return f"The mail server could not be reached: {error.strerror or error}."
    return f"{type(error).__name__}: {error}"
