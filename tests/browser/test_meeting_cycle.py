"""The meeting cycle end to end in a real browser, with axe-core run on every page of the journey."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, sign_in

pytestmark = pytest.mark.browser


def sign_out(page):
    page.get_by_role("button", name="Sign out").click()


def open_meeting(page, site, label):
    page.goto(site.url)
    page.get_by_role("link", name=f"Safer Bromley Partnership Board, {label}").click()


def test_officers_run_a_meeting_and_the_public_read_its_agenda(page, site, axe):
    sign_in(page, site, "officer")
    open_meeting(page, site, "Thursday 17 June 2021")
    assert_accessible(axe, page)

    page.get_by_role("link", name="Create the next meeting").click()
    assert_accessible(axe, page)
    page.get_by_label("Date").fill("2021-09-09")
    page.get_by_label("Time").fill("10:00")
    page.get_by_label("Venue").fill("Bromley Civic Centre")
    page.get_by_role("button", name="Create meeting").click()
    expect(page.get_by_role("heading", name="Thursday 9 September 2021")).to_be_visible()
    expect(page.get_by_text("MINUTES OF THE MEETING HELD ON 17TH JUNE 2021")).to_be_visible()
    assert_accessible(axe, page)

    page.get_by_role("link", name="Record attendance").click()
    page.get_by_label("Chloe Todd").select_option("apologies")
    page.get_by_role("button", name="Save attendance").click()
    page.get_by_label("Who attended").select_option(label="Jamie O'Malley")
    page.get_by_label("As alternate for").select_option(label="Rachel Pankhurst")
    page.get_by_role("button", name="Add alternate").click()
    expect(page.get_by_role("listitem").filter(has_text="alternate for Rachel Pankhurst")).to_be_visible()
    expect(page.get_by_role("listitem").filter(has_text="Chloe Todd")).to_be_visible()
    assert_accessible(axe, page)
    page.get_by_role("link", name="Back to the meeting").click()

    page.get_by_role("link", name="Add an agenda item").click()
    page.get_by_label("Title", exact=True).fill("CCTV MAINTENANCE CONTRACT AWARD")
    page.get_by_label("Text printed under the item").fill("Tender prices from three bidders.")
    page.get_by_label("Part 2 (exempt)").check()
    page.get_by_label("Exempt reason").fill("Information relating to the financial or business affairs of any person")
    assert_accessible(axe, page)
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("CCTV MAINTENANCE CONTRACT AWARD")).to_be_visible()

    page.get_by_role("link", name="Write a minute").click()
    page.get_by_label("Title", exact=True).fill("AOB")
    page.get_by_label("Minute", exact=True).fill("The Vice-Chairman raised off-road bikes in Cray Valley.")
    page.get_by_label("RESOLVED that").fill("the update be noted.")
    page.get_by_label("Description").fill("Report on off-road bike seizures in Cray Valley")
    page.get_by_label("Action (initials as printed)").fill("JS")
    page.get_by_label("Due date").fill("2021-09-23")
    assert_accessible(axe, page)
    page.get_by_role("button", name="Save minute").click()
    expect(page.get_by_text("RESOLVED that the update be noted.")).to_be_visible()
    assert_accessible(axe, page)
    sign_out(page)

    sign_in(page, site, "democratic")
    open_meeting(page, site, "Thursday 9 September 2021")
    page.get_by_role("button", name="Publish the agenda").click()
    expect(page.locator("#publishing-effects")).to_contain_text("Part 2 (exempt) item")
    assert_accessible(axe, page)
    page.get_by_role("button", name="Yes, publish the agenda").click()
    expect(page.get_by_text("The agenda is published.")).to_be_visible()
    sign_out(page)

    open_meeting(page, site, "Thursday 9 September 2021")
    expect(page.get_by_text("AOB", exact=True)).to_be_visible()
    expect(page.get_by_text("Not for publication", exact=True)).to_be_visible()
    expect(page.get_by_text("Information relating to the financial or business affairs of any person")).to_be_visible()
    content = page.content()
    assert "CCTV MAINTENANCE CONTRACT AWARD" not in content
    assert "Tender prices" not in content
    assert_accessible(axe, page)

    sign_in(page, site, "officer")
    open_meeting(page, site, "Thursday 9 September 2021")
    page.get_by_role("link", name="Create the next meeting").click()
    page.get_by_label("Date").fill("2021-12-09")
    page.get_by_role("button", name="Create meeting").click()
    matters = page.locator("table:has(#matters-arising-caption)")  # the table in its scroll box (ADR 0029)
    expect(matters.get_by_text("Report on off-road bike seizures in Cray Valley")).to_be_visible()
    assert_accessible(axe, page)
