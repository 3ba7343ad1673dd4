"""Pages go out gzip-compressed to a browser that asks, with Django's padding against BREACH."""

import gzip

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_a_page_is_gzipped_when_the_browser_accepts_gzip(client):
    response = client.get(reverse("home"), headers={"accept-encoding": "gzip, deflate, br"})
    assert response.headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response.headers["Vary"]
    page = gzip.decompress(response.content).decode()
    assert "Safer Bromley Partnership Board" in page
    assert len(response.content) < len(page.encode()) / 3


def test_a_page_is_sent_as_it_is_to_a_client_that_does_not_ask_for_compression(client):
    response = client.get(reverse("home"))
    assert "Content-Encoding" not in response.headers
    assert "Safer Bromley Partnership Board" in response.content.decode()


def test_the_same_page_compresses_to_different_lengths_so_its_size_gives_no_secret_away(client):
    """Django's GZipMiddleware adds random padding (Heal The BREACH): a CSRF token cannot be guessed by size."""
    lengths = {len(client.get(reverse("home"), headers={"accept-encoding": "gzip"}).content) for _ in range(8)}
    assert len(lengths) > 1
