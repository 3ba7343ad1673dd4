"""Pages as people see them in a real browser, each checked with axe-core for WCAG violations."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, sign_in

pytestmark = pytest.mark.browser


def test_the_public_home_page_lists_the_meetings_and_is_accessible(page, site, axe):
    page.goto(site.url)
    expect(page.get_by_role("heading", name="Safer Bromley Partnership", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Safer Bromley Partnership Board, Thursday 17 June 2021")).to_be_visible()
    assert_accessible(axe, page)


def test_the_public_read_the_published_agenda(page, site, axe):
    page.goto(site.url)
    page.get_by_role("link", name="Safer Bromley Partnership Board, Thursday 17 June 2021").click()
    expect(page.get_by_role("heading", name="Agenda")).to_be_visible()
    expect(page.get_by_text("CRIME NEEDS ASSESSMENT UPDATE")).to_be_visible()
    assert_accessible(axe, page)


def test_a_board_member_signs_in_and_reads_draft_minutes(page, site, axe):
    page.goto(f"{site.url}/sign-in/")
    assert_accessible(axe, page)
    sign_in(page, site, "member")
    expect(page.get_by_role("button", name="Sign out member")).to_be_visible()
    page.get_by_role("link", name="Safer Bromley Partnership Board, Thursday 25 March 2021").click()
    expect(page.get_by_role("heading", name="9 Violence Reduction Plan Refresh Update")).to_be_visible()
    expect(page.get_by_role("listitem").filter(has_text="alternate for Rachel Pankhurst")).to_be_visible()
    assert_accessible(axe, page)


def test_a_wrong_password_is_explained_and_the_username_kept(page, site, axe):
    page.goto(f"{site.url}/sign-in/")
    page.get_by_label("Username").fill("member")
    page.get_by_label("Password").fill("not-the-password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    expect(page.get_by_label("Username")).to_have_value("member")
    assert_accessible(axe, page)


def test_a_locked_out_sign_in_is_explained_on_the_sign_in_page(page, site, axe):
    from tests.browser.conftest import BROWSER_PASSWORD

    page.goto(f"{site.url}/sign-in/")
    for password in ["wrong-1", "wrong-2", "wrong-3", "wrong-4", "wrong-5", BROWSER_PASSWORD]:
        page.get_by_label("Username").fill("member")
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Signing in is locked for this account")).to_be_visible()
    expect(page.get_by_text("Try again in 30 minutes, or ask an administrator to unlock it.")).to_be_visible()
    expect(page.get_by_role("button", name="Sign out member")).to_have_count(0)
    assert_accessible(axe, page)


def test_a_board_member_reads_the_crime_figures(page, site, axe):
    from crime import importer, ons_csv
    from tests.conftest import BOROUGH_B, POPULATION, import_shared, read_shared

    import_shared(BOROUGH_B)
    importer.import_population(ons_csv.read(read_shared(POPULATION), POPULATION))
    sign_in(page, site, "member")
    page.get_by_role("link", name="Crime figures").click()
    page.get_by_label("Measure").select_option(label="Residential burglary")
    page.get_by_label("Twelve months to").fill("2019-12")
    page.get_by_label("Compare with the same months of").fill("2018")
    page.get_by_role("button", name="Show figures").click()
    expect(page.get_by_role("heading", name="Residential burglary, Bromley")).to_be_visible()
    expect(page.locator("#borough-ranking .sbp-highlight")).to_contain_text("Bromley")
    assert_accessible(axe, page)


def test_a_board_member_reads_the_quarterly_dashboard_and_its_charts(page, site, axe):
    from crime import importer, ons_csv
    from tests.conftest import BOROUGH_B, POPULATION, import_shared, read_shared

    import_shared(BOROUGH_B)
    importer.import_population(ons_csv.read(read_shared(POPULATION), POPULATION))
    sign_in(page, site, "member")
    page.get_by_role("link", name="Dashboard", exact=True).click()
    expect(page.get_by_role("heading", name="Quarterly dashboard: 2021/22 Q1")).to_be_visible()
    expect(page.locator("[data-chart] svg.main-svg").first).to_be_attached()
    # Every chart is drawn by the basic plotly.js bundle: the rankings' bars and the trends' lines.
    expect(page.locator("[data-chart] .plot-container")).to_have_count(page.locator("[data-chart]").count())
    assert page.locator("[data-chart] .barlayer .trace").count() >= 6
    assert page.locator("[data-chart] .scatterlayer .trace").count() >= 12
    assert page.locator("#chart-ranking-residential-burglary").count() == 1
    assert_accessible(axe, page)
    page.get_by_text("Show the residential burglary figures as tables").click()
    expect(
        page.get_by_role("cell", name="Bromley").or_(page.get_by_role("rowheader", name="Bromley")).first
    ).to_be_visible()
    page.get_by_role("link", name="Previous quarter").click()
    expect(page.get_by_role("heading", name="Quarterly dashboard: 2020/21 Q4")).to_be_visible()
    assert_accessible(axe, page)


def test_the_strategy_and_partner_returns_pages_are_accessible(page, site, axe):
    sign_in(page, site, "officer")
    page.get_by_role("link", name="Strategy").click()
    expect(page.get_by_role("heading", name="Priority 1: Safer neighbourhoods")).to_be_visible()
    assert_accessible(axe, page)
    page.goto(f"{site.url}/strategy/returns/2021-22/q1/")
    expect(page.get_by_role("heading", name="Partner returns: 2021/22 Q1")).to_be_visible()
    assert_accessible(axe, page)
    page.get_by_role("link", name="Submit a return").click()
    page.get_by_label("Priority", exact=True).select_option(label="Priority 1: Safer neighbourhoods")
    page.get_by_label("Partner").select_option(label="London Fire Brigade")
    page.get_by_label("Amber").check()
    page.get_by_label("Heading").fill("Arson reduction visits")
    page.get_by_role("button", name="Save return").click()
    expect(page.get_by_role("cell", name="London Fire Brigade")).to_be_visible()
    assert_accessible(axe, page)


def test_an_officer_adds_a_measure_after_correcting_a_category(page, site, axe):
    from tests.conftest import BOROUGH_B, import_shared

    import_shared(BOROUGH_B)  # the categories the form checks against come from an imported release
    sign_in(page, site, "officer")
    page.get_by_role("link", name="Crime figures").click()
    page.get_by_role("link", name="add and change measures").click()
    expect(page.get_by_role("row", name="Residential burglary")).to_contain_text("Subtracts Burglary")
    assert_accessible(axe, page)
    page.get_by_role("link", name="Add a measure").click()
    page.get_by_label("Name", exact=True).fill("Burglary, every premises")
    row = page.get_by_role("group", name="Category row 1")
    row.get_by_label("File layout").select_option("B")
    row.get_by_label("Major category").fill("Burglery")
    page.get_by_role("button", name="Save measure").click()
    expect(row.get_by_text("No imported layout B file has the major category 'Burglery'.")).to_be_visible()
    expect(page.get_by_label("Name", exact=True)).to_have_value("Burglary, every premises")
    assert_accessible(axe, page)
    row.get_by_label("Major category").fill("Burglary")
    page.get_by_role("button", name="Save measure").click()
    expect(page.get_by_role("row", name="Burglary, every premises")).to_contain_text("Adds Burglary")


def test_an_officer_withdraws_a_release_from_the_import_history(page, site, axe):
    from tests.conftest import BOROUGH_C, import_shared

    import_shared(BOROUGH_C)
    sign_in(page, site, "officer")
    page.goto(f"{site.url}/crime/import/")
    expect(page.get_by_role("row", name=BOROUGH_C)).to_contain_text("In force for 24 months")
    assert_accessible(axe, page)
    page.get_by_role("link", name=f"Withdraw {BOROUGH_C}").click()
    expect(page.get_by_role("heading", name=f"Withdraw {BOROUGH_C}?")).to_be_visible()
    assert_accessible(axe, page)
    page.get_by_role("button", name="Withdraw this release").click()
    expect(page.get_by_text(f"{BOROUGH_C} is withdrawn:")).to_be_visible()
    expect(page.get_by_role("row", name=BOROUGH_C)).to_contain_text("Withdrawn")
    assert_accessible(axe, page)


def test_the_open_data_page_is_reached_from_the_footer_and_is_accessible(page, site, axe):
    page.goto(site.url)
    page.get_by_role("link", name="Open data").click()
    expect(page.get_by_role("heading", name="Open data", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Open Government Licence v3.0")).to_be_visible()
    expect(page.get_by_role("table", name="Lists")).to_contain_text("Meetings as CSV")
    assert_accessible(axe, page)
