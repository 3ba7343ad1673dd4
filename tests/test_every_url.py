"""Every URL the project serves, requested by every role, answers as the permission table says.

A new URL fails this test until it is added to EXPECTED: nothing ships without a decision on who may use it.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from boards.models import Meeting
from tests.conftest import ROLES

pytestmark = pytest.mark.django_db

ALL = dict.fromkeys(ROLES, 200)
# Status per role for each named URL. Admin pages are Django's own and checked only for the front door.
EXPECTED = {
    "home": ALL,
    "login": ALL,
    "logout": None,  # POST only; checked below
    "meeting-detail published": ALL,
    "meeting-detail draft": {
        "anonymous": 403, "no role": 403, "officer": 200, "democratic": 200, "member": 200, "partner": 200,
        "admin": 200,
    },
    "admin:index": dict.fromkeys(ROLES, 302) | {"admin": 200},
}  # fmt: skip


def named_urls(resolver=None, namespace=""):
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin":
                yield "admin:index"
                continue
            yield from named_urls(pattern, namespace)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield pattern.name


def test_every_named_url_has_a_permission_decision():
    decided = {key.split()[0] for key in EXPECTED}
    assert set(named_urls()) <= decided


def url_for(key):
    name, _, which = key.partition(" ")
    if name == "meeting-detail":
        meeting = Meeting.objects.get(starts_at__date="2021-06-17" if which == "published" else "2021-09-09")
        return reverse(name, args=[meeting.pk])
    return reverse(name)


@pytest.mark.parametrize("role", list(ROLES))
@pytest.mark.parametrize("key", [key for key, table in EXPECTED.items() if table])
def test_each_role_gets_the_expected_answer(client_for, key, role):
    assert client_for(role).get(url_for(key)).status_code == EXPECTED[key][role]


@pytest.mark.parametrize("role", list(ROLES))
def test_sign_out_takes_a_post_and_refuses_a_get(client_for, role):
    client = client_for(role)
    assert client.get(reverse("logout")).status_code == 405
    assert client.post(reverse("logout")).status_code == 302
