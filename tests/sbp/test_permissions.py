"""Refusals: who may do a thing, in words, reaches the 403 page; the signed-out are sent to sign in."""

import pytest
from django.urls import reverse

from sbp.roles import BOARD_READERS, RECORD_KEEPERS, RoleName, in_words
from strategy.models import ProgressUpdate
from tests.test_every_url import js_action, june, june_item

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("who", "words"),
    [((RoleName.DEMOCRATIC_SERVICES,), "democratic services"),
     (RECORD_KEEPERS, "officers and democratic services"),
     (BOARD_READERS, "officers, democratic services, board members and partners"),
     ((*RECORD_KEEPERS, "the partner that owns it"), "officers, democratic services and the partner that owns it")],
)  # fmt: skip
def test_roles_are_named_in_words_as_a_list(who, words):
    assert in_words(who) == words


def refusal(client, url, method="get"):
    response = getattr(client, method)(url)
    assert response.status_code == 403
    return response.content.decode()


@pytest.mark.parametrize(
    ("role", "url", "method", "sentence"),
    [("member", lambda: reverse("edit-agenda-item", args=[june_item()]), "get",
      "Only officers and democratic services can edit agenda items."),
     ("officer", lambda: reverse("publish-agenda", args=[june().pk]), "post",
      "Only democratic services can publish agendas."),
     ("officer", lambda: reverse("approve-minutes", args=[june().pk]), "get",
      "Only democratic services can approve minutes."),
     ("partner", lambda: reverse("close-action", args=[js_action().pk]), "get",
      "Only officers and democratic services can close actions."),
     ("partner", lambda: reverse("action-update", args=[js_action().pk]), "get",
      "Only officers, democratic services and the partner that owns it can add an update to this action."),
     ("no role", lambda: reverse("actions"), "get",
      "Only officers, democratic services, board members and partners can see the actions register.")],
)  # fmt: skip
def test_the_403_page_says_who_may_do_what_was_refused(client_for, role, url, method, sentence):
    page = refusal(client_for(role), url(), method)
    assert "You cannot see this page" in page
    assert sentence in page
    assert f"You are signed in as <strong>test-{role.replace(' ', '-')}</strong>" in page


def test_a_return_the_board_has_been_given_can_be_revised_only_by_officers(client_for):
    update = ProgressUpdate.objects.filter(partner__short_name="MPS").first()
    url = reverse("strategy-revise-return", args=[update.pk])
    update.presented_at = None
    update.save()
    assert "Only officers, democratic services and the partner that made it can revise this return." in refusal(
        client_for("member"), url
    )
    ProgressUpdate.objects.filter(pk=update.pk).update(presented_at="2021-06-09T09:00Z")
    assert "Only officers and democratic services can revise a return the board has been given." in refusal(
        client_for("member"), url
    )


def test_a_signed_out_visitor_is_still_sent_to_sign_in(client):
    response = client.get(reverse("actions"))
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next=/actions/"
