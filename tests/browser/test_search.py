"""Searching from the header's box in a real browser: results, a filter's error, and axe-core on each page."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible

pytestmark = pytest.mark.browser


def test_the_public_search_from_the_header_and_filter_the_results(page, site, axe):
    page.goto(site.url)
    page.get_by_role("searchbox", name="Search meetings and papers").fill("burglaries")
    page.get_by_role("search").get_by_role("button", name="Search").click()
    expect(page.get_by_role("heading", name="1 result for ‘burglaries’")).to_be_visible()
    expect(page.locator("mark").first).to_have_text("Burglary")
    assert_accessible(axe, page)
    page.get_by_label("Meetings from").fill("2022-01-01")
    page.get_by_label("Meetings to").fill("2021-01-01")
    page.get_by_role("main").get_by_role("button", name="Search").click()
    expect(page.get_by_text("The end date must be the same as or after the start date.").first).to_be_visible()
    assert_accessible(axe, page)
