"""A board's first meeting made, then postponed, in a real browser: every page on the way is axe-clean, and the
postponement shows on the meeting page and the home page."""

import pytest
from playwright.sync_api import expect

from boards.models import Board
from sbp.models import Partnership
from tests.browser.conftest import assert_accessible, sign_in
from tests.conftest import BROMLEY

pytestmark = pytest.mark.browser


def test_an_officer_makes_a_boards_first_meeting_and_postpones_it(page, site, axe):
    Board.objects.create(partnership=Partnership.objects.get(slug=BROMLEY), name="Youth Safety Board", slug="ysb")
    sign_in(page, site, "officer")
    page.get_by_role("link", name="Create the first meeting of Youth Safety Board").click()
    assert_accessible(axe, page)
    page.get_by_label("Date").fill("2030-10-03")
    page.get_by_label("Time").fill("14:00")
    page.get_by_label("How it meets").select_option("hybrid")
    page.get_by_label("Venue").fill("Civic Centre")
    page.get_by_label("Web link to join (virtual or hybrid meetings)").fill("https://meet.example.org/ysb")
    page.get_by_role("button", name="Create meeting").click()
    expect(page.get_by_role("heading", name="Thursday 3 October 2030")).to_be_visible()
    expect(page.get_by_role("link", name="Join the meeting online")).to_be_visible()
    expect(page.get_by_text("WELCOME, APOLOGIES AND DECLARATIONS")).to_be_visible()
    assert_accessible(axe, page)

    page.get_by_role("link", name="Postpone the meeting").click()
    assert_accessible(axe, page)
    page.get_by_label("Reason").fill("The chairman is unwell.")
    page.get_by_label("New date").fill("2030-10-17")
    page.get_by_role("button", name="Postpone the meeting").click()
    expect(page.get_by_text("It will now be held on Thursday 17 October 2030 at 2.00 p.m.")).to_be_visible()
    expect(page.get_by_text("Reason: The chairman is unwell.")).to_be_visible()
    assert_accessible(axe, page)

    page.goto(site.url)
    listed = page.get_by_role("listitem").filter(has_text="Youth Safety Board, Thursday 3 October 2030")
    expect(listed.get_by_text("Postponed", exact=True)).to_be_visible()
    assert_accessible(axe, page)
