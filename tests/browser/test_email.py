"""The outbox and the email preferences page in a real browser, each checked with axe-core."""

from io import StringIO

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from sbp import outbox
from sbp.models import MessageKind, Person
from tests.browser.conftest import assert_accessible, sign_in

pytestmark = pytest.mark.browser


def test_democratic_services_see_the_reminders_in_the_outbox(page, site, axe):
    call_command("send_reminders", "--date", "2021-07-01", stdout=StringIO())
    sign_in(page, site, "democratic")
    page.goto(f"{site.url}/outbox/")
    expect(page.get_by_role("heading", name="Outbox")).to_be_visible()
    table = page.locator("#outbox")
    expect(table.get_by_role("row").filter(has_text="London Fire Brigade: 2021/22 Q1 return overdue")).to_contain_text(
        "Sent"
    )
    expect(table.get_by_role("row").filter(has_text="joanne.stowell@example.org").first).to_be_visible()
    assert_accessible(axe, page)


def test_a_member_without_an_account_turns_off_a_kind_of_email_from_the_link(page, site, axe):
    lead = Person.objects.get(name="Kevin McKenzie")
    page.goto(f"{site.url}/email-preferences/{outbox.preferences_token(lead)}/")
    expect(page.get_by_role("heading", name="Choose the emails you receive")).to_be_visible()
    assert_accessible(axe, page)
    page.get_by_label(MessageKind.RETURN_DUE.label).uncheck()
    page.get_by_role("button", name="Save my choices").click()
    expect(page.get_by_text("Your choices are saved.")).to_be_visible()
    expect(page.get_by_label(MessageKind.RETURN_DUE.label)).not_to_be_checked()
    expect(page.get_by_label(MessageKind.AGENDA_PUBLISHED.label)).to_be_checked()
    assert_accessible(axe, page)
    assert not outbox.receives(lead, MessageKind.RETURN_DUE)


def test_a_signed_in_partner_reaches_their_preferences_from_the_menu(page, site, axe):
    sign_in(page, site, "partner")
    page.get_by_role("link", name="Your emails").click()
    expect(page.get_by_text("Dawn Helps")).to_be_visible()
    assert_accessible(axe, page)
