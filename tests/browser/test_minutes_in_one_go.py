"""An officer writes a minute with three resolutions and two actions in one save, adding rows in the page."""

import pytest
from playwright.sync_api import expect

from boards.models import Meeting
from tests.browser.conftest import assert_accessible, sign_in

pytestmark = pytest.mark.browser


def test_an_officer_writes_three_resolutions_and_two_actions_in_one_save(page, site, axe):
    june = Meeting.objects.get(starts_at__date="2021-06-17")
    sign_in(page, site, "officer")
    page.goto(f"{site.url}/meetings/{june.pk}/minutes/add/")
    page.get_by_label("Agenda item").select_option(label=str(june.agenda_items.get(number=4, suffix="a")))
    page.get_by_label("Minute", exact=True).fill("The Board considered the strategy report.")
    add_resolution = page.get_by_role("button", name="Add another resolution")
    add_resolution.click()
    add_resolution.click()
    resolutions = page.get_by_label("RESOLVED that")
    expect(resolutions).to_have_count(3)
    expect(resolutions.nth(2)).to_be_focused()  # the new row is where the officer types next
    for n, text in enumerate(["the report be noted.", "the plan be agreed.", "an update come in September."]):
        resolutions.nth(n).fill(text)
    page.get_by_role("button", name="Add another action").click()
    actions = page.get_by_label("Description")
    expect(actions).to_have_count(2)
    for n, (text, initials) in enumerate([("Circulate the plan", "JS"), ("Report on quad bikes", "CK")]):
        actions.nth(n).fill(text)
        page.get_by_label("Action (initials as printed)").nth(n).fill(initials)
    assert_accessible(axe, page)
    page.get_by_role("button", name="Save minute").click()
    expect(page.get_by_text("saved.")).to_be_visible()

    minute = june.minutes.get()
    assert minute.title == june.agenda_items.get(number=4, suffix="a").title
    assert [r.text for r in minute.resolutions.order_by("pk")] == [
        "the report be noted.",
        "the plan be agreed.",
        "an update come in September.",
    ]
    assert [(a.description, a.action_by) for a in minute.actions.order_by("pk")] == [
        ("Circulate the plan", "JS"),
        ("Report on quad bikes", "CK"),
    ]
