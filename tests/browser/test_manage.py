"""Administering a partnership in a real browser, axe-core run on every page visited: an officer invites a person
who sets a password from the emailed link and signs in, and an officer appoints a Vice-Chairman who is then on the
next meeting's pack cover."""

import datetime
import io
import re
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from playwright.sync_api import expect
from pypdf import PdfReader

from boards import pack
from boards.models import Board, Meeting
from tests.browser.conftest import assert_accessible, sign_in

pytestmark = pytest.mark.browser
NEW_PASSWORD = "a-first-passphrase-of-mine"


@pytest.fixture
def outbox(settings):
    """The live server runs in this process: what it sends lands in Django's locmem outbox."""
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend", "OPTIONS": {}}}
    mail.outbox = []
    return mail.outbox


def go_to_partnership(page, site, axe):
    page.goto(site.url)
    page.get_by_role("link", name="Manage").click()
    assert_accessible(axe, page)
    page.get_by_role("link", name="Safer Bromley Partnership").click()
    assert_accessible(axe, page)


def test_an_invited_person_sets_a_password_from_the_emailed_link_and_signs_in(page, site, axe, outbox):
    sign_in(page, site, "officer")
    go_to_partnership(page, site, axe)
    page.get_by_role("link", name="Users and invitations").click()
    assert_accessible(axe, page)
    page.get_by_role("link", name="Invite a person").click()
    page.get_by_label("Email").fill("sam.carter@example.org")
    page.get_by_label("Name").fill("Sam Carter")
    page.get_by_label("Board Member").check()
    assert_accessible(axe, page)
    page.get_by_role("button", name="Send invitation").click()
    expect(page.get_by_text("Invitation sent to sam.carter@example.org.")).to_be_visible()
    expect(page.get_by_role("cell", name="sam.carter@example.org")).to_be_visible()
    assert_accessible(axe, page)
    page.get_by_role("button", name="Sign out").click()

    (message,) = outbox
    # The link carries the configured site address (DJANGO_SITE_URL), not the live server's: follow its path.
    path = re.search(r"https?://[^/\s]+(/invitations/\S+/)", message.body).group(1)
    page.goto(f"{site.url}{path}")
    expect(page.get_by_role("heading", name="Set your password")).to_be_visible()
    assert_accessible(axe, page)
    page.get_by_label("New password", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("New password confirmation").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Set password").click()
    expect(
        page.get_by_text("Your password is set. Sign in with your username, sam.carter@example.org.")
    ).to_be_visible()
    assert_accessible(axe, page)
    page.get_by_label("Username").fill("sam.carter@example.org")
    page.get_by_label("Password").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name="Sign out sam.carter@example.org")).to_be_visible()
    assert_accessible(axe, page)

    page.goto(f"{site.url}{path}")  # the link is spent
    expect(page.get_by_role("heading", name="This invitation link has already been used")).to_be_visible()
    assert_accessible(axe, page)


def cover_of(meeting):
    data, _ = pack.build(meeting, restricted=False)
    return " ".join(PdfReader(io.BytesIO(data)).pages[0].extract_text().split())


def test_an_officer_appoints_a_vice_chairman_who_is_on_the_next_packs_cover(page, site, axe):
    sign_in(page, site, "officer")
    page.goto(site.url)
    page.get_by_role("link", name="Manage").click()
    page.get_by_role("link", name="People").click()
    assert_accessible(axe, page)
    page.get_by_role("link", name="Add a person").click()
    page.get_by_label("Name").fill("Robin Newcomer")
    page.get_by_label("Honorific").fill("Inspector")
    page.get_by_label("Organisation").select_option(label="Metropolitan Police Service")
    assert_accessible(axe, page)
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Robin Newcomer saved.")).to_be_visible()

    go_to_partnership(page, site, axe)
    page.get_by_role("link", name="Safer Bromley Partnership Board").click()
    assert_accessible(axe, page)
    page.get_by_role("link", name="End membership of Joanne Stowell").click()
    page.get_by_label("Leaving date").fill("2021-06-30")
    assert_accessible(axe, page)
    page.get_by_role("button", name="End membership").click()
    expect(page.get_by_text("Joanne Stowell leaves the board on 30 June 2021.")).to_be_visible()

    page.get_by_role("link", name="Add a member").click()
    page.get_by_label("Person").select_option(label="Robin Newcomer")
    page.get_by_label("Role").select_option(label="Vice-Chairman")
    page.get_by_label("Organisation represented").select_option(label="Metropolitan Police Service")
    page.get_by_label("Joining date").fill("2021-07-01")
    assert_accessible(axe, page)
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Membership of Robin Newcomer saved.")).to_be_visible()
    expect(page.get_by_role("row").filter(has_text="Robin Newcomer").filter(has_text="Vice-Chairman")).to_be_visible()
    assert_accessible(axe, page)

    board = Board.objects.get(partnership__slug="safer-bromley")
    september = Meeting.objects.create(board=board, starts_at=datetime.datetime(2021, 9, 9, 10, tzinfo=ZoneInfo("UTC")))
    cover = cover_of(september)
    assert "Inspector Robin Newcomer (Vice-Chairman)" in cover
    assert "Joanne Stowell" not in cover
