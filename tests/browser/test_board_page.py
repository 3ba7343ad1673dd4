"""A resident goes from a meeting to its board's page and finds how to follow it, in a real browser: every page
axe-clean, the subscription addresses readable, and the meeting page's event data parsed by the browser itself."""

import json

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible

pytestmark = pytest.mark.browser


def test_the_public_follow_a_board_from_its_meeting_page(page, site, axe):
    page.goto(site.url)
    page.get_by_role("link", name="Safer Bromley Partnership Board, Thursday 17 June 2021").click()
    event = json.loads(page.locator('script[type="application/ld+json"]').text_content())
    assert event["startDate"] == "2021-06-17T10:00:00+01:00"
    assert event["eventStatus"] == "https://schema.org/EventScheduled"
    page.get_by_role("link", name="Safer Bromley Partnership Board", exact=True).click()
    expect(page.get_by_role("heading", name="Safer Bromley Partnership Board", level=1)).to_be_visible()
    expect(page.get_by_role("heading", name="Follow this board")).to_be_visible()
    calendar = page.get_by_role("link", name="/boards/safer-bromley-partnership-board/meetings.ics")
    expect(calendar).to_be_visible()
    assert_accessible(axe, page)
    feed_path = page.get_by_role("link", name="/boards/safer-bromley-partnership-board/feed/").get_attribute("href")
    feed = page.request.get(f"{site.url}{feed_path}")
    assert feed.ok
    assert "<feed" in feed.text()


def test_the_archive_names_each_boards_page(page, site, axe):
    page.goto(f"{site.url}/meetings/")
    expect(page.get_by_role("link", name="Safer Bromley Partnership Board", exact=True)).to_be_visible()
    assert_accessible(axe, page)
