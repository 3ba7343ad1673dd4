"""The outbox (sbp/outbox.py): a row written in the caller's transaction, delivered once it commits, every
result recorded; the key refuses a repeat; opted-out people get nothing; the outbox page and preferences page."""

import socket

import pytest
from django.core import mail
from django.db import transaction
from django.urls import reverse

from sbp import outbox
from sbp.models import EmailPreference, MessageKind, OutboxMessage, Partnership, Person
from tests.conftest import BROMLEY
from tests.factories import make_partnership_b

pytestmark = pytest.mark.django_db


@pytest.fixture
def bromley():
    return Partnership.objects.get(slug=BROMLEY)


@pytest.fixture
def reader():
    return Person.objects.create(name="Rita Reader", email="rita.reader@example.org")


def queue(person, partnership, key=None, kind=MessageKind.AGENDA_PUBLISHED):
    return outbox.send(to=person, subject="Agenda published", body="The agenda is out.", kind=kind,
                       partnership=partnership, key=key)  # fmt: skip


def closed_port():
    """A local port nothing listens on: connecting to it is refused at once."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_a_message_is_written_at_once_and_sent_only_when_the_transaction_commits(
    reader, bromley, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        message = queue(reader, bromley)
        assert OutboxMessage.objects.get(pk=message.pk).status == OutboxMessage.Status.QUEUED
        assert mail.outbox == []
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.SENT
    assert message.sent_at is not None
    assert [email.to for email in mail.outbox] == [["rita.reader@example.org"]]
    assert mail.outbox[0].subject == "Agenda published"
    assert "The agenda is out." in mail.outbox[0].body


def test_a_rolled_back_transaction_sends_nothing(reader, bromley, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                queue(reader, bromley)
                raise RuntimeError("the publication failed")
        except RuntimeError:
            pass
    assert callbacks == []
    assert not OutboxMessage.objects.filter(to=reader.email).exists()
    assert mail.outbox == []


def test_the_key_refuses_a_second_message_for_the_same_occasion(reader, bromley):
    assert queue(reader, bromley, key="actions-digest:1:2021-W26") is not None
    assert queue(reader, bromley, key="actions-digest:1:2021-W26") is None
    assert OutboxMessage.objects.filter(key="actions-digest:1:2021-W26").count() == 1


def test_people_who_turned_a_kind_off_get_none_of_it_but_still_get_the_others(reader, bromley):
    EmailPreference.objects.create(person=reader, kind=MessageKind.AGENDA_PUBLISHED, receives=False)
    assert queue(reader, bromley) is None
    assert queue(reader, bromley, kind=MessageKind.MINUTES_CIRCULATED) is not None
    assert list(OutboxMessage.objects.filter(person=reader).values_list("kind", flat=True)) == [
        MessageKind.MINUTES_CIRCULATED
    ]


def test_a_person_without_an_address_is_skipped(bromley):
    assert queue(Person.objects.create(name="No Address"), bromley) is None


def send_to_a_refusing_mail_server(settings):
    """A real SMTP send, to a port where nothing listens."""
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": closed_port(), "timeout": 5},
        }
    }


def test_a_send_to_a_mail_server_that_refuses_the_connection_records_failed_with_the_reason(
    reader, bromley, settings, django_capture_on_commit_callbacks
):
    send_to_a_refusing_mail_server(settings)
    with django_capture_on_commit_callbacks(execute=True):
        message = queue(reader, bromley)
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.FAILED
    assert message.sent_at is None
    assert message.error.startswith("The mail server could not be reached: ")
    assert "refused" in message.error.lower()


def test_every_email_ends_with_a_signed_link_to_the_persons_preferences(reader, bromley, client):
    body = queue(reader, bromley).body
    link = body.rsplit("\n", 1)[-1]
    assert link.startswith("http://127.0.0.1:8000/email-preferences/")
    page = client.get(link.removeprefix("http://127.0.0.1:8000")).content.decode()
    assert "Rita Reader" in page
    assert "An agenda is published" in page


def test_a_preferences_link_that_was_not_signed_here_opens_nothing(reader, client):
    forged = outbox.preferences_token(reader)[:-3] + "abc"
    assert client.get(reverse("email-preferences", args=[forged])).status_code == 404
    assert client.get(reverse("email-preferences", args=[str(reader.pk)])).status_code == 404


def test_unticking_a_kind_turns_it_off_and_keeps_the_others_on(reader, client):
    url = reverse("email-preferences", args=[outbox.preferences_token(reader)])
    kept = [kind for kind, _ in outbox.OPTIONAL if kind != MessageKind.ACTIONS_DIGEST]
    response = client.post(url, {"kinds": kept})
    assert response.status_code == 302
    assert not outbox.receives(reader, MessageKind.ACTIONS_DIGEST)
    assert outbox.receives(reader, MessageKind.AGENDA_PUBLISHED)
    page = client.get(url).content.decode()
    assert 'value="actions_digest"' in page
    assert 'value="actions_digest" checked' not in page
    assert "Your choices are saved." in page


def test_unticking_everything_turns_off_everything_but_what_lets_a_person_in(reader, client):
    client.post(reverse("email-preferences", args=[outbox.preferences_token(reader)]), {})
    assert not any(outbox.receives(reader, kind) for kind, _ in outbox.OPTIONAL)
    assert all(outbox.receives(reader, kind) for kind in outbox.ALWAYS_SENT)
    page = client.get(reverse("email-preferences", args=[outbox.preferences_token(reader)])).content.decode()
    assert 'value="invitation"' not in page
    assert 'value="password_reset"' not in page


def test_a_choice_that_is_not_a_kind_is_shown_next_to_the_field(reader, client):
    url = reverse("email-preferences", args=[outbox.preferences_token(reader)])
    response = client.post(url, {"kinds": ["nonsense"]})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert outbox.receives(reader, MessageKind.AGENDA_PUBLISHED)


def test_a_signed_in_person_reaches_their_own_preferences(client):
    from django.contrib.auth.models import User

    client.force_login(User.objects.get(username="partner"))
    response = client.get(reverse("my-email-preferences"))
    assert response.status_code == 302
    assert "Dawn Helps" in client.get(response["Location"]).content.decode()


def test_a_signed_in_user_the_directory_does_not_know_is_told_so(client_for):
    page = client_for("officer").get(reverse("my-email-preferences")).content.decode()
    assert "not linked to anyone in the partnership" in page


def test_the_outbox_lists_only_the_readers_partnerships_messages_newest_first(reader, bromley, client_for):
    b = make_partnership_b()
    queue(reader, bromley, key="first")
    queue(reader, bromley, key="second")
    OutboxMessage.objects.filter(key="second").update(subject="The newer one")
    queue(reader, b.partnership, key="northfield")
    OutboxMessage.objects.filter(key="northfield").update(subject="Northfield business")
    page = client_for("democratic").get(reverse("outbox")).content.decode()
    assert "Northfield business" not in page
    assert page.index("The newer one") < page.index("Agenda published")
    client_for("officer")
    assert "The newer one" in client_for("officer").get(reverse("outbox")).content.decode()


def test_the_outbox_says_why_a_message_failed(reader, bromley, client_for):
    message = queue(reader, bromley)
    OutboxMessage.objects.filter(pk=message.pk).update(status="failed", error="The mail server could not be reached")
    page = client_for("democratic").get(reverse("outbox")).content.decode()
    assert "Failed" in page
    assert "The mail server could not be reached" in page


@pytest.mark.parametrize("role", ["member", "partner", "no role"])
def test_members_partners_and_others_may_not_see_the_outbox(client_for, role):
    assert client_for(role).get(reverse("outbox")).status_code == 403


def test_a_failed_email_is_sent_again_from_the_outbox_once_the_server_is_back(
    reader, bromley, client_for, settings, django_capture_on_commit_callbacks
):
    send_to_a_refusing_mail_server(settings)
    with django_capture_on_commit_callbacks(execute=True):
        message = queue(reader, bromley)
    client = client_for("democratic")
    page = client.get(reverse("outbox")).content.decode()
    again = reverse("outbox-send-again", args=[message.pk])
    assert f'action="{again}"' in page
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(again).status_code == 302
    message.refresh_from_db()
    assert (message.status, message.error) == (OutboxMessage.Status.SENT, "")
    assert [sent.to for sent in mail.outbox] == [[reader.email]]
    assert OutboxMessage.objects.count() == 1  # the same message, not a copy
    with django_capture_on_commit_callbacks(execute=True):
        client.post(again)  # sent now: not queued again
    assert len(mail.outbox) == 1
    assert f'action="{again}"' not in client.get(reverse("outbox")).content.decode()


@pytest.mark.parametrize("role", ["member", "partner", "no role"])
def test_only_record_keepers_send_an_email_again(reader, bromley, client_for, role):
    message = queue(reader, bromley)
    OutboxMessage.objects.filter(pk=message.pk).update(status="failed", error="refused")
    assert client_for(role).post(reverse("outbox-send-again", args=[message.pk])).status_code == 403
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.FAILED
