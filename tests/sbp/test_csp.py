"""The Content Security Policy lets in our own scripts by this response's nonce, and nothing inline."""

import re

import pytest
from django.middleware.csp import get_nonce
from django.urls import reverse

pytestmark = pytest.mark.django_db


def script_src(response):
    policy = dict(part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";"))
    return policy["script-src"].split()


@pytest.mark.parametrize(
    "url", [reverse("home"), reverse("login"), "/partnerships/safer-bromley/dashboard/2021-22/q1/"]
)
def test_every_script_tag_carries_the_nonce_the_header_allows(client_for, url):
    response = client_for("officer").get(url)
    assert response.status_code == 200
    nonces = set(re.findall(r'<script[^>]* nonce="([^"]+)"', response.content.decode()))
    assert len(nonces) == 1  # one nonce per response, on every script tag
    nonce = nonces.pop()
    assert script_src(response) == ["'self'", f"'nonce-{nonce}'"]
    assert str(get_nonce(response.wsgi_request)) == nonce  # the {{ csp_nonce }} templates see


def test_each_response_has_a_fresh_nonce(client):
    first, second = (script_src(client.get(reverse("login")))[1] for _ in range(2))
    assert first != second


def test_no_page_has_a_script_without_a_nonce(client_for):
    page = client_for("officer").get("/partnerships/safer-bromley/dashboard/2021-22/q1/").content.decode()
    tags = re.findall(r"<script\b[^>]*>", page)
    assert tags
    assert [tag for tag in tags if "nonce=" not in tag and 'type="application/json"' not in tag] == []
