"""Pages on a 375 px phone and on paper (ADR 0029): no sideways page scroll, tables scroll in their own box,
the navigation folds behind a menu button, and printing leaves out navigation and editing controls."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, sign_in

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 800}
JUNE_MEETING = "Safer Bromley Partnership Board, Thursday 17 June 2021"
MARCH_MEETING = "Safer Bromley Partnership Board, Thursday 25 March 2021"


@pytest.fixture
def phone(page):
    page.set_viewport_size(PHONE)
    return page


def assert_no_page_scroll(page):
    """WCAG 1.4.10 reflow: nothing makes the page itself wider than the screen."""
    widths = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], f"the page is {widths[0]} px wide on a {widths[1]} px screen"


def open_menu(page):
    page.get_by_role("button", name="Menu").click()


def test_the_public_pages_fit_a_phone_and_are_accessible(phone, site, axe):
    phone.goto(site.url)
    assert_no_page_scroll(phone)
    assert_accessible(axe, phone)
    # The June agenda's notice carries a long bare URL, and its matters arising a four-column table.
    phone.get_by_role("link", name=JUNE_MEETING).click()
    expect(phone.get_by_role("region", name="Open actions from earlier meetings")).to_be_visible()
    assert_no_page_scroll(phone)
    assert_accessible(axe, phone)
    phone.goto(f"{site.url}/meetings/")
    assert_no_page_scroll(phone)
    assert_accessible(axe, phone)


def test_the_menu_button_opens_and_closes_the_navigation(phone, site):
    sign_in(phone, site, "member")
    menu = phone.get_by_role("button", name="Menu")
    dashboard = phone.get_by_role("navigation", name="Menu").get_by_role("link", name="Dashboard")
    expect(menu).to_have_attribute("aria-expanded", "false")
    expect(dashboard).to_be_hidden()
    menu.click()
    expect(menu).to_have_attribute("aria-expanded", "true")
    expect(dashboard).to_be_visible()
    menu.click()
    expect(dashboard).to_be_hidden()


def test_without_javascript_the_navigation_is_simply_shown(browser, site):
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    page.goto(site.url)
    expect(page.get_by_role("button", name="Menu")).to_have_count(0)
    expect(page.get_by_role("navigation", name="Menu").get_by_role("link", name="Sign in")).to_be_visible()
    context.close()


def test_a_meeting_with_minutes_and_actions_fits_a_phone(phone, site, axe):
    sign_in(phone, site, "officer")
    phone.get_by_role("link", name=MARCH_MEETING).click()
    expect(phone.get_by_role("heading", name="9 Violence Reduction Plan Refresh Update")).to_be_visible()
    assert_no_page_scroll(phone)
    assert_accessible(axe, phone)


def test_the_actions_register_table_scrolls_in_its_own_box_from_the_keyboard(phone, site, axe):
    sign_in(phone, site, "member")
    open_menu(phone)
    phone.get_by_role("link", name="Actions register", exact=True).click()
    box = phone.get_by_role("region", name="Actions matching the filters")
    expect(box).to_be_visible()
    assert_no_page_scroll(phone)
    assert_accessible(axe, phone)
    assert box.evaluate("box => box.scrollWidth > box.clientWidth"), "the seven columns should need scrolling"
    box.focus()
    expect(box).to_be_focused()
    assert box.evaluate("box => box.scrollLeft") == 0
    phone.keyboard.press("ArrowRight")
    phone.keyboard.press("ArrowRight")
    # The arrow keys scroll smoothly: wait for the box to have moved.
    phone.wait_for_function("box => box.scrollLeft > 0", arg=box.element_handle(), timeout=5000)


def test_the_dashboard_and_crime_figures_fit_a_phone(phone, site, axe):
    from crime import importer, ons_csv
    from tests.conftest import BOROUGH_B, POPULATION, import_shared, read_shared

    import_shared(BOROUGH_B)
    importer.import_population(ons_csv.read(read_shared(POPULATION), POPULATION))
    sign_in(phone, site, "member")
    open_menu(phone)
    phone.get_by_role("link", name="Dashboard", exact=True).click()
    expect(phone.get_by_role("heading", name="Quarterly dashboard: 2021/22 Q1")).to_be_visible()
    expect(phone.locator("[data-chart] .plot-container")).to_have_count(phone.locator("[data-chart]").count())
    assert_no_page_scroll(phone)
    # A chart's title is wrapped into lines that fit: none is cut off at the chart's right edge.
    for chart in phone.locator("[data-chart]").all():
        assert chart.evaluate(
            "c => [...c.querySelectorAll('.gtitle, .g-xtitle text')].every("
            "t => t.getBoundingClientRect().right <= c.getBoundingClientRect().right + 1)"
        )
    assert_accessible(axe, phone)
    phone.get_by_text("Show the residential burglary figures as tables").click()
    assert_no_page_scroll(phone)
    phone.goto(f"{site.url}/crime/")
    phone.get_by_label("Measure").select_option(label="Residential burglary")
    phone.get_by_label("Twelve months to").fill("2019-12")
    phone.get_by_label("Compare with the same months of").fill("2018")
    phone.get_by_role("button", name="Show figures").click()
    expect(phone.get_by_role("region", name="Districts ranked by rate per 1,000 population")).to_be_visible()
    assert_no_page_scroll(phone)
    assert_accessible(axe, phone)


def test_printing_leaves_out_the_navigation_and_editing_controls(page, site):
    sign_in(page, site, "officer")
    page.get_by_role("link", name=MARCH_MEETING).click()
    edit = page.get_by_role("link", name="Edit minute 9").first
    expect(edit).to_be_visible()
    expect(page.get_by_role("navigation", name="Menu")).to_be_visible()
    page.emulate_media(media="print")
    expect(edit).to_be_hidden()
    expect(page.get_by_role("navigation", name="Menu")).to_be_hidden()
    expect(page.get_by_role("link", name="Skip to main content")).to_be_hidden()
    expect(page.locator(".govuk-button:visible, form:visible")).to_have_count(0)
    # The record itself is still there.
    expect(page.get_by_role("heading", name="9 Violence Reduction Plan Refresh Update")).to_be_visible()
