"""The strategy cycle end to end in a real browser (axe-core on every page): a new strategy copying the last one's
priorities, a priority added, a partner's return to it, and the next meeting's pack reporting it with its RAG."""

import pytest
from playwright.sync_api import expect

from tests.boards.test_pack import pages_of
from tests.browser.conftest import assert_accessible, sign_in

pytestmark = pytest.mark.browser
TITLE = "Community Safety Strategy 2023 to 2026"
PRIORITY = "Violence against women and girls"


def sign_out(page):
    page.get_by_role("button", name="Sign out").click()


def officer_starts_a_strategy_and_adds_a_priority(page, site, axe):
    sign_in(page, site, "officer")
    page.get_by_role("link", name="Strategy", exact=True).click()
    page.get_by_role("link", name="Start a new strategy").click()
    assert_accessible(axe, page)
    page.get_by_label("Title").fill(TITLE)
    page.get_by_label("Starts on").fill("2023-04-01")
    page.get_by_label("Ends on").fill("2026-03-31")
    page.get_by_label("Start with a copy of the priorities of").check()
    page.get_by_role("button", name="Save strategy").click()
    expect(page.get_by_role("heading", name=TITLE)).to_be_visible()
    expect(page.get_by_role("heading", name="Priority 1: Safer neighbourhoods")).to_be_visible()
    assert_accessible(axe, page)

    page.get_by_role("link", name="Add a priority").click()
    page.get_by_label("Title").fill(PRIORITY)
    page.get_by_label("Our aim").fill("Fewer women and girls harmed.")
    assert_accessible(axe, page)
    page.get_by_role("button", name="Save priority").click()
    page.get_by_role("link", name="Add a success measure (how we will know)").click()
    page.get_by_label("Title").fill("Repeat victims of domestic abuse")
    page.get_by_label("Target").fill("10% fewer repeat victims by March 2026")
    assert_accessible(axe, page)
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Target: 10% fewer repeat victims by March 2026")).to_be_visible()
    assert_accessible(axe, page)
    sign_out(page)


def partner_returns_against_it(page, site, axe, number):
    sign_in(page, site, "partner")
    page.goto(f"{site.url}/strategy/returns/2023-24/q1/")
    page.get_by_role("link", name="Submit a return").click()
    page.get_by_label("Priority", exact=True).select_option(label=f"Priority {number}: {PRIORITY}")
    page.get_by_label("Red").check()
    page.get_by_label("Heading").fill("Refuge places")
    page.get_by_label("Narrative").fill("Refuge places are full.")
    assert_accessible(axe, page)
    page.get_by_role("button", name="Save return").click()
    expect(page.get_by_role("cell", name="Clarion Housing Group")).to_be_visible()
    assert_accessible(axe, page)
    sign_out(page)


def officer_makes_the_next_meeting_with_a_strategy_report(page, site, axe):
    sign_in(page, site, "officer")
    page.goto(site.url)
    page.get_by_role("link", name="Safer Bromley Partnership Board, Thursday 17 June 2021").click()
    page.get_by_role("link", name="Add an agenda item").click()
    page.get_by_label("Title", exact=True).fill("STRATEGY PROGRESS REPORT")
    page.get_by_label("Kind").select_option(label="Standing item")
    page.get_by_label("What the standing item is for").select_option(label="Strategy progress report")
    assert_accessible(axe, page)
    page.get_by_role("button", name="Save").click()
    page.get_by_role("link", name="Create the next meeting").click()
    page.get_by_label("Date").fill("2023-06-15")
    page.get_by_label("Time").fill("10:00")
    page.get_by_label("Venue").fill("Civic Centre")
    page.get_by_role("button", name="Create meeting").click()
    expect(page.get_by_role("heading", name="Thursday 15 June 2023")).to_be_visible()
    expect(page.get_by_text("STRATEGY PROGRESS REPORT")).to_be_visible()
    assert_accessible(axe, page)


def test_a_new_strategys_priority_and_its_return_reach_the_next_meetings_pack(page, site, axe):
    officer_starts_a_strategy_and_adds_a_priority(page, site, axe)
    from strategy.models import Strategy

    number = Strategy.objects.get(title=TITLE).priorities.get(title=PRIORITY).number
    partner_returns_against_it(page, site, axe, number)
    officer_makes_the_next_meeting_with_a_strategy_report(page, site, axe)

    href = page.get_by_role("link", name="Download the agenda pack (PDF)").get_attribute("href")
    response = page.request.get(f"{site.url}{href}")
    assert response.ok
    text = " ".join(" ".join(pages_of(response.body())).split())
    assert f"Priority {number} – {PRIORITY} Overall RAG Status: Red" in text
    assert "Partner – Clarion Housing Group 1. Refuge places RAG Status: Red" in text
    assert "Refuge places are full." in text
    assert "Priority 1 – Safer neighbourhoods Overall RAG Status: Not rated" in text
