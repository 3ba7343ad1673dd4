"""Real headless Chromium (Debian's package) driven by Playwright, against a live server with the demo data."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth.models import User

from boards import demo

# The demo password is refused with DEBUG off (boards/demo_sign_ins.py), as the live server runs: the demo
# sign-ins get this one instead.
BROWSER_PASSWORD = "browser-test-password"

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    # This machine's network is closed: without these Chromium keeps trying to reach Google's hosts.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": "/usr/bin/chromium", "args": CHROMIUM_ARGS}


@pytest.fixture
def site(live_server, transactional_db):
    """The live server with the demo data (a transactional test empties the tables after each test)."""
    demo.load_all(with_users=True)
    for user in User.objects.all():
        user.set_password(BROWSER_PASSWORD)
        user.save()
    return live_server


@pytest.fixture
def axe():
    return Axe()


def assert_accessible(axe, page):
    results = axe.run(page)
    assert results.violations_count == 0, results.generate_report()


def sign_in(page, site, username):
    page.goto(f"{site.url}/sign-in/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(BROWSER_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
