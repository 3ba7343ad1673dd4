"""The error pages in a real browser: headings, what to do next, no axe-core violations, at desktop and phone width."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, sign_in

pytestmark = pytest.mark.browser
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-results"


def look_at(page, name):
    """Save the page at desktop and phone (375 px) width, for a person to look at."""
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)
    page.set_viewport_size({"width": 375, "height": 812})
    page.screenshot(path=SCREENSHOTS / f"{name}-375.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 375  # nothing runs off the side


def test_a_missing_page_says_so_and_leads_home(page, site, axe):
    response = page.goto(f"{site.url}/meetings/999999/")
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
    expect(page.get_by_role("link", name="Go to boards and meetings")).to_be_visible()
    assert_accessible(axe, page)
    look_at(page, "error-404")


def test_a_partner_refused_a_page_is_told_who_may_use_it(page, site, axe):
    sign_in(page, site, "partner")
    response = page.goto(f"{site.url}/crime/import/")
    assert response.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text("You cannot see this page")
    expect(page.get_by_text("Only officers and democratic services can import crime figures.")).to_be_visible()
    expect(page.get_by_text("You are signed in as partner.")).to_be_visible()
    assert_accessible(axe, page)
    look_at(page, "error-403")
