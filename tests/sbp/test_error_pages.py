"""The error pages: on the design system, saying what happened and where to go, whatever context they get."""

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.views.defaults import server_error

from boards import access

pytestmark = pytest.mark.django_db
HOME_LINK = '<a class="govuk-link" href="/">Go to boards and meetings</a>'


def test_a_missing_page_is_a_styled_404_with_a_way_home(client_for):
    response = client_for("partner").get("/no-such-page/")
    page = response.content.decode()
    assert response.status_code == 404
    assert '<h1 class="govuk-heading-l">Page not found</h1>' in page
    assert "check you copied the entire address" in page
    assert HOME_LINK in page
    assert "Sign out test-partner" in page  # the header still knows who is signed in


def test_the_500_page_renders_with_no_request_and_no_context():
    page = render_to_string("500.html")
    assert '<h1 class="govuk-heading-l">Sorry, there is a problem with the service</h1>' in page
    assert HOME_LINK in page
    assert "Sign in" not in page  # it cannot know who is signed in, so it offers no navigation


def test_django_serves_the_500_page_when_a_view_fails(client, monkeypatch):
    def fail(*args):
        raise RuntimeError("a fault")

    monkeypatch.setattr(access, "visible_meetings", fail)
    client.raise_request_exception = False
    response = client.get("/")
    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in response.content.decode()
    assert server_error(RequestFactory().get("/")).status_code == 500


def test_a_request_for_another_host_is_a_styled_400(client):
    response = client.get("/", headers={"host": "elsewhere.example"})
    page = response.content.decode()
    assert response.status_code == 400
    assert '<h1 class="govuk-heading-l">The request could not be understood</h1>' in page
    assert HOME_LINK in page


def test_the_403_page_without_a_reason_still_says_something_useful():
    page = render_to_string("403.html", {"exception": ""})
    assert "Your account does not have a role that may use this page." in page
