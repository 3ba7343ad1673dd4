"""An officer reorders and trims an agenda with the keyboard alone (Tab, Enter, Space; no mouse), in a real
browser: item 4 moves down with its sub-items, then a removal is confirmed, and the numbering on the page follows."""

import pytest
from playwright.sync_api import expect

from boards.models import Meeting
from tests.browser.conftest import BROWSER_PASSWORD, assert_accessible

pytestmark = pytest.mark.browser
# Enough presses to reach any control of the demo agenda from the top of the page.
MOST_TABS = 400


def tab_to(page, text):
    """Press Tab until the focused element's text (visually hidden words included) is `text`."""
    for _ in range(MOST_TABS):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.replace(/\\s+/g, ' ').trim()") == text:
            return
    raise AssertionError(f"Tab never reached {text!r}")


def tab_to_field(page, field_id):
    for _ in range(MOST_TABS):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == field_id:
            return
    raise AssertionError(f"Tab never reached #{field_id}")


def sign_in_by_keyboard(page, site, username):
    page.goto(f"{site.url}/sign-in/")
    tab_to_field(page, "id_username")
    page.keyboard.type(username)
    page.keyboard.press("Tab")
    page.keyboard.type(BROWSER_PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{site.url}/")


def numbering(page):
    return page.locator("#agenda + ol .sbp-agenda__number").all_inner_texts()


def titles(page):
    return page.locator("#agenda + ol .sbp-agenda__item > .govuk-\\!-font-weight-bold").all_inner_texts()


def test_an_officer_moves_an_item_with_its_sub_items_and_removes_one_by_keyboard(page, site, axe):
    sign_in_by_keyboard(page, site, "officer")
    june = Meeting.objects.get(starts_at__date="2021-06-17")
    page.goto(f"{site.url}/meetings/{june.pk}/")
    before = dict(zip(numbering(page), titles(page), strict=True))
    assert numbering(page)[:10] == ["1", "2", "3", "4", "4a", "4b", "5", "5a", "5b", "6"]
    assert_accessible(axe, page)

    tab_to(page, "Move down item 4")
    page.keyboard.press("Enter")
    expect(page.locator("#agenda + ol .sbp-agenda__item").nth(6)).to_contain_text(before["4"])
    after = dict(zip(numbering(page), titles(page), strict=True))
    # Item 5 and its sub-items moved up to 4; item 4 went down to 5, its sub-items keeping their letters.
    assert [after[ref] for ref in ("4", "4a", "4b")] == [before[ref] for ref in ("5", "5a", "5b")]
    assert [after[ref] for ref in ("5", "5a", "5b")] == [before[ref] for ref in ("4", "4a", "4b")]
    assert numbering(page) == ["1", "2", "3", "4", "4a", "4b", "5", "5a", "5b", "6", "7", "8", "9", "10"]

    tab_to(page, "Remove item 5")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Remove item 5?")).to_be_visible()
    expect(page.get_by_text("This removes 3 items from the agenda: item 5 and its sub-items.")).to_be_visible()
    assert_accessible(axe, page)
    tab_to(page, "Yes, remove item 5")
    page.keyboard.press("Space")
    expect(page.get_by_text("Item 5 and its sub-items 5a, 5b removed and the agenda renumbered.")).to_be_visible()
    assert numbering(page) == ["1", "2", "3", "4", "4a", "4b", "5", "6", "7", "8", "9"]
    assert dict(zip(numbering(page), titles(page), strict=True))["5"] == before["6"]
    assert_accessible(axe, page)
