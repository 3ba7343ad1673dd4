"""No page shows its reader a link they cannot use: every role crawls the site from / and meets no 403 or 500."""

import re
from collections import deque
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

pytestmark = pytest.mark.django_db

MAX_PAGES = 150
PER_PATTERN = 3  # paths that differ only in their ids (a pk, a quarter): a few of each are enough
SKIP = ("/admin/", "/sign-out/", ".pdf", "_export=")
ID = re.compile(r"[^/]*\d[^/]*")  # a path segment with a digit in it: 12, 2021-22, q1
# Answers a reader cannot use. 404 is left out: a page a reader was linked to that is gone is another test.
DEAD = {403, 405, 500}


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        if tag == "a" and (href := dict(attrs).get("href")):
            self.hrefs.append(href)


def links_on(page_path, html):
    """The same-site paths an <a href> on the page leads to (fragment dropped, query kept for the skip rules)."""
    parser = Links()
    parser.feed(html)
    for href in parser.hrefs:
        url = urlsplit(urljoin(f"http://testserver{page_path}", href))
        if url.scheme in ("http", "https") and url.netloc == "testserver":
            yield url.path + (f"?{url.query}" if url.query else "")


def crawl(client, signed_in):
    """{link: (answer, page it was on)} for the links that are dead to this reader."""
    queue, seen, per_pattern, dead = deque([("/", "(start)")]), set(), {}, {}
    while queue and len(seen) < MAX_PAGES:
        link, source = queue.popleft()
        path = link.split("?")[0]
        pattern = ID.sub("<id>", path)
        if path in seen or any(skip in link for skip in SKIP) or per_pattern.get(pattern, 0) >= PER_PATTERN:
            continue
        seen.add(path)
        per_pattern[pattern] = per_pattern.get(pattern, 0) + 1
        response = client.get(link)
        location = response.get("Location", "")
        if response.status_code in DEAD or (not signed_in and location.startswith(reverse("login"))):
            dead[link] = (response.status_code, source)
        elif response.status_code in (301, 302):
            queue.append((location, link))
        elif "text/html" in response.get("Content-Type", ""):
            queue.extend((found, link) for found in links_on(path, response.content.decode()))
    return dead


@pytest.mark.parametrize("role", ["anonymous", "partner", "member", "officer", "democratic"])
def test_no_link_shown_to_a_reader_leads_them_to_a_refusal(client_for, role):
    assert crawl(client_for(role), signed_in=role != "anonymous") == {}


def test_no_link_shown_to_a_partner_with_an_organisation_leads_them_to_a_refusal(client):
    # The demo partner works for Clarion Housing Group: they see links to their own organisation's actions.
    client.force_login(User.objects.get(username="partner"))
    assert crawl(client, signed_in=True) == {}
