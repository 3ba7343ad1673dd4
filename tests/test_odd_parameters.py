"""Every GET page, given odd values in each query parameter it reads and in its path, answers without a 500."""

import re
from urllib.parse import quote

import pytest
from django.http import QueryDict
from django.urls import URLPattern, URLResolver, get_resolver, resolve

from tests.test_every_url import URLS, bromley

pytestmark = pytest.mark.django_db

ODD_VALUES = [
    "",
    "x" * 100_000,
    "'\";--",
    "-1",
    "0",
    "99999999999999999999",
    "9999-00",
    # Months and years at the ends of what a date can hold: a month before or after them overflows.
    "0001-01",
    "9999-12",
    "Zoë 😀",
    "a\x00b",  # PostgreSQL refuses NUL in text, SQLite does not: it must stop before the database
]
# Read only on some paths through a view (e.g. a valid form), so the probe may not see them: always tried.
ALWAYS = {"page", "sort", "_export"}
PROBE = "probe"
# Pages whose parameters reach their code only together (a form valid as a whole): each odd value is also tried
# with the others valid.
VALID_QUERIES = {
    "crime-figures": lambda: {"measure": "residential-burglary", "area": bromley(), "end": "2021-05", "baseline": 2019},
}


class RecordingQueryDict(QueryDict):
    """A QueryDict that remembers every key a view or form asks it for."""

    def __init__(self, *args, **kwargs):
        self.keys_read = set()
        super().__init__(*args, **kwargs)
        self.keys_read = set()  # filling the dict looks its own keys up: only reads after this count

    def __getitem__(self, key):
        self.keys_read.add(key)
        return super().__getitem__(key)

    def __contains__(self, key):
        self.keys_read.add(key)
        return super().__contains__(key)

    def get(self, key, default=None):
        self.keys_read.add(key)
        return super().get(key, default)

    def getlist(self, key, default=None):
        self.keys_read.add(key)
        return super().getlist(key, default)


def record_query_keys(get_response):
    """Test-only middleware: hands views a recording request.GET and puts what they read on the response."""

    def middleware(request):
        request.GET = RecordingQueryDict(request.GET.urlencode())
        response = get_response(request)
        response.query_keys_read = request.GET.keys_read
        return response

    return middleware


@pytest.fixture
def recording(settings):
    settings.MIDDLEWARE = [f"{__name__}.record_query_keys", *settings.MIDDLEWARE]


def roles_to_try(expected):
    """The public where it gets the page, and one signed-in role that gets it (or is redirected onward)."""
    public = ["anonymous"] if expected["anonymous"] == 200 else []
    for status in (200, 302):
        for role in ("officer", "democratic", "admin"):
            if expected[role] == status:
                return [*public, role]
    return public


CASES = [(name, role) for name, (_, expected, _) in URLS.items() for role in roles_to_try(expected)]


def request_each(client, cases):
    """GET each (path, query) and fail naming the case when a view raises or answers 500."""
    for path, query in cases:
        shown = {key: str(value)[:40] for key, value in query.items()}
        label = f"{path[:80]} {shown!r}"
        try:
            response = client.get(path, query)
        except Exception as error:
            raise AssertionError(f"{label} raised {error!r}") from error
        assert response.status_code != 500, label


@pytest.mark.parametrize(("name", "role"), CASES)
def test_odd_values_in_each_query_parameter_a_page_reads_never_cause_a_500(client_for, recording, name, role):
    client = client_for(role)
    path = URLS[name][0]()
    keys = (client.get(path, {PROBE: "1"}).query_keys_read - {PROBE}) | ALWAYS
    bases = [{}, VALID_QUERIES[name]()] if name in VALID_QUERIES else [{}]
    queries = [base | {key: value} for base in bases for key in sorted(keys) for value in ODD_VALUES]
    request_each(client, [(path, query) for query in queries])


PATH_ARGUMENT = re.compile(r"<(?:\w+:)?(\w+)>")


def with_path_argument(route, kwargs, name, value):
    """The route with one argument replaced by an odd value (which may no longer match its converter)."""
    values = {key: str(value) for key, value in kwargs.items()} | {name: value}
    return "/" + PATH_ARGUMENT.sub(lambda found: quote(values[found[1]], safe=""), route)


def routes(resolver=None, prefix=""):
    """{url name: its full route}, e.g. "dashboard/<str:year>/<str:quarter>/"."""
    found = {}
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver) and pattern.namespace != "admin":
            found |= routes(pattern, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern) and pattern.name:
            found[pattern.name] = prefix + str(pattern.pattern)
    return found


ROUTES = routes()


@pytest.mark.parametrize(("name", "role"), [case for case in CASES if PATH_ARGUMENT.search(ROUTES.get(case[0], ""))])
def test_odd_values_in_each_path_argument_never_cause_a_500(client_for, name, role):
    client = client_for(role)
    match = resolve(URLS[name][0]())
    paths = [
        with_path_argument(ROUTES[name], match.kwargs, argument, value)
        for argument in PATH_ARGUMENT.findall(ROUTES[name])
        for value in ODD_VALUES
    ]
    request_each(client, [(path, {}) for path in paths])


def test_the_recorder_sees_every_filter_the_actions_register_reads(client_for, recording):
    response = client_for("officer").get("/actions/", {PROBE: "1"})
    assert response.query_keys_read >= {"status", "action_by", "owner_organisation", "meeting", "overdue", "page"}
