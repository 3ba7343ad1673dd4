"""The attendance statistics page in a real browser: the period form, the chart drawn beside its tables, axe-core."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, sign_in

pytestmark = pytest.mark.browser

BOARD = "safer-bromley-partnership-board"


def test_a_partner_chooses_a_period_and_reads_the_attendance_chart_and_tables(page, site, axe):
    sign_in(page, site, "partner")
    page.goto(f"{site.url}/boards/{BOARD}/attendance/")
    expect(page.get_by_role("heading", name="Attendance statistics")).to_be_visible()
    assert_accessible(axe, page)
    page.get_by_label("From").fill("2021-03-01")
    page.get_by_label("To").fill("2021-03-31")
    page.get_by_role("button", name="Show attendance").click()
    expect(page.get_by_role("heading", name="1 March 2021 to 31 March 2021")).to_be_visible()
    expect(page.locator("[data-chart='attendance-chart'] .main-svg").first).to_be_visible()  # plotly drew it
    meetings = page.get_by_role("table", name="Each meeting: attendance as minuted, and the responsible authorities")
    expect(meetings).to_contain_text("No: Probation absent")
    people = page.get_by_role("table", name="Each member's attendance, and that of others who sat or sent apologies")
    expect(people.get_by_role("columnheader").nth(7)).to_have_text("Sent an alternate")
    expect(people.get_by_role("row").filter(has_text="Rachel Pankhurst").get_by_role("cell").nth(7)).to_have_text("1")
    assert_accessible(axe, page)


def test_a_bad_date_is_explained_beside_the_field(page, site, axe):
    page.goto(f"{site.url}/boards/{BOARD}/attendance/?date_from=2021-04-01&date_to=2021-03-01")
    expect(page.get_by_text("There is a problem")).to_be_visible()
    expect(page.get_by_text("The start of the period must be on or before its end.").first).to_be_visible()
    assert_accessible(axe, page)
