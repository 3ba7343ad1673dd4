"""Two people in two real browsers edit the same thing: the second save is refused with both versions on screen
and the second person's typing still in the form; saving again from there goes through."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from boards.models import Action, AgendaItem
from tests.browser.conftest import assert_accessible, sign_in

pytestmark = pytest.mark.browser
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-results"


@pytest.fixture
def two_people(browser, site):
    """An officer and a democratic services officer, each signed in in a browser context of their own."""
    contexts = [browser.new_context(), browser.new_context()]
    pages = [context.new_page() for context in contexts]
    sign_in(pages[0], site, "officer")
    sign_in(pages[1], site, "democratic")
    yield pages
    for context in contexts:
        context.close()


def both_open(pages, url):
    for page in pages:
        page.goto(url)


def refused_with_both_versions(page, axe, field, theirs, yours, name):
    expect(page.get_by_role("heading", name="Someone else saved this while you were editing it")).to_be_visible()
    versions = page.get_by_role("table", name="Their saved version and yours")
    expect(versions.get_by_role("cell", name=theirs)).to_be_visible()
    expect(versions.get_by_role("cell", name=yours)).to_be_visible()
    expect(page.get_by_label(field, exact=True)).to_have_value(yours)
    assert_accessible(axe, page)
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"conflict-{name}.png", full_page=True)


def test_a_second_edit_of_an_action_is_refused_with_both_versions(two_people, site, axe):
    first, second = two_people
    action = Action.objects.get(minute__number=9, minute__meeting__starts_at__date="2021-03-25")
    both_open(two_people, f"{site.url}/actions/{action.pk}/edit/")
    first.get_by_label("Description").fill("Circulate the ASB strategy to partners by July.")
    first.get_by_role("button", name="Save").click()
    expect(first.get_by_text("Action saved.")).to_be_visible()

    second.get_by_label("Description").fill("Circulate the ASB strategy to every ward panel.")
    second.get_by_role("button", name="Save").click()
    refused_with_both_versions(
        second, axe, "Description", "Circulate the ASB strategy to partners by July.",
        "Circulate the ASB strategy to every ward panel.", "action",
    )  # fmt: skip
    second.get_by_role("button", name="Save").click()  # having compared them, keep theirs or save yours
    expect(second.get_by_text("Action saved.")).to_be_visible()
    action.refresh_from_db()
    assert action.description == "Circulate the ASB strategy to every ward panel."


def test_a_second_edit_of_an_agenda_item_is_refused_with_both_versions(two_people, site, axe):
    first, second = two_people
    item = AgendaItem.objects.get(meeting__starts_at__date="2021-06-17", number=9)
    both_open(two_people, f"{site.url}/agenda-items/{item.pk}/edit/")
    first.get_by_label("Title", exact=True).fill("ANY OTHER BUSINESS")
    first.get_by_role("button", name="Save").click()
    expect(first.get_by_text("Item 9 saved.")).to_be_visible()

    second.get_by_label("Title", exact=True).fill("AOB AND PARTNER NOTICES")
    second.get_by_role("button", name="Save").click()
    refused_with_both_versions(second, axe, "Title", "ANY OTHER BUSINESS", "AOB AND PARTNER NOTICES", "agenda-item")
    item.refresh_from_db()
    assert item.title == "ANY OTHER BUSINESS"
