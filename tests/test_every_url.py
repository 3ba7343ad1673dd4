"""Every URL the project serves, requested by every role, answers as the permission table says.

A URL that is not in the table fails `test_every_named_url_has_a_permission_decision`: nothing ships without
a decision on who may use it.
"""

import pytest
from django.contrib.auth.models import User
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from boards.models import Action, Board, Meeting, Minute
from crime.models import Area, Release
from sbp.models import Organisation, PartnerOrganisation, Partnership
from tests.boards.test_api import DETAILS as API_DETAILS
from tests.boards.test_api import LISTS as API_LISTS
from tests.conftest import BROMLEY, ROLES
from tests.factories import make_partnership_b, make_published_figures
from tests.test_no_leaks import text_of

pytestmark = pytest.mark.django_db

SIGN_IN = 302  # a signed-out visitor is sent to sign in
EVERYONE = dict.fromkeys(ROLES, 200)
EDITORS = {
    "anonymous": SIGN_IN,
    "no role": 403,
    "officer": 200,
    "democratic": 200,
    "member": 403,
    "partner": 403,
    "admin": 200,
}
DEMOCRATIC = EDITORS | {"officer": 403}
READERS = EDITORS | {"member": 200, "partner": 200}
POST_ONLY = dict.fromkeys(ROLES, 405)
# After a POST that is allowed, the view redirects back (302); refused roles get 403.
EDITORS_POST = {role: 302 if status == 200 else status for role, status in EDITORS.items()}
DEMOCRATIC_POST = {role: 302 if status == 200 else status for role, status in DEMOCRATIC.items()}


FULL = EDITORS | {"member": 200}


def borough_c_release():
    return Release.objects.get(layout="C", level="borough").pk


def june():
    return Meeting.objects.get(starts_at__date="2021-06-17")


def december():
    return Meeting.objects.get(starts_at__date="2019-12-05")


def paper_item():
    from django.core.files.base import ContentFile

    item = june().agenda_items.get(number=4, suffix="a")
    item.document.save("strategy.pdf", ContentFile(b"%PDF-1.4 a paper"))
    return item.pk


def stored_pack():
    from django.core.files.base import ContentFile
    from django.utils import timezone

    from boards.models import PackBuild

    build = PackBuild(
        meeting=june(), restricted=False, content_hash="0" * 64, status="ready", requested_at=timezone.now()
    )
    build.file.save("pack.pdf", ContentFile(b"%PDF-1.4 a pack"))
    return build.pk


def draft_meeting():
    june = Meeting.objects.get(starts_at__date="2021-06-17")
    return Meeting.objects.create(board=june.board, starts_at="2021-09-09T09:00Z")


def march_minute():
    return Minute.objects.get(meeting__starts_at__date="2021-03-25", number=9)


def june_item(first=True):
    items = Meeting.objects.get(starts_at__date="2021-06-17").agenda_items
    return (items.first() if first else items.last()).pk


def mps_return():
    from strategy.models import ProgressUpdate

    return ProgressUpdate.objects.filter(partner__short_name="MPS").first().pk


def bromley():
    return Area.objects.get(kind="borough", name="Bromley").pk


def demo_strategy():
    from strategy.models import Strategy

    return Strategy.objects.get(partnership__slug=BROMLEY, starts_on="2020-04-01")


def demo_priority(number=1):
    return demo_strategy().priorities.get(number=number).pk


def demo_measure():
    from strategy.models import SuccessMeasure

    return SuccessMeasure.objects.filter(priority__strategy=demo_strategy()).order_by("priority", "position").last().pk


def js_action():
    return Action.objects.get(minute__number=9)


def preferences_link():
    from sbp.models import Person
    from sbp.outbox import preferences_token

    return reverse("email-preferences", args=[preferences_token(Person.objects.get(name="Amanda Mumford"))])


def failed_email():
    from django.utils import timezone

    from sbp.models import MessageKind, OutboxMessage

    return OutboxMessage.objects.create(
        to="member@example.org", subject="Agenda published", body="...", kind=MessageKind.AGENDA_PUBLISHED,
        partnership=Partnership.objects.get(slug=BROMLEY), created_at=timezone.now(), status="failed", error="refused",
    ).pk  # fmt: skip


def bromley_board():
    return Board.objects.get(partnership__slug=BROMLEY)


def bromley_membership_row():
    return bromley_board().memberships.filter(end_date__isnull=True).first()


def bromley_membership():
    return bromley_membership_row().pk


def bromley_partner():
    organisation = Organisation.objects.get(short_name="MPS")
    return PartnerOrganisation.objects.get_or_create(
        partnership=bromley_board().partnership, organisation=organisation
    )[0].pk


def demo_partner_user():
    return User.objects.get(username="partner").pk


def published_q1_figures():
    """The June 2021 pack's figures, published (get_or_create, as bromley_partner: a URL may be asked twice)."""
    june = Meeting.objects.get(starts_at__date="2021-06-17")
    if not june.pack_builds.filter(published_at__isnull=False).exists():
        make_published_figures(june)
    return reverse("api-crime-figures", args=[BROMLEY, "2021-22", "q1"])


def manage(name, *args):
    return lambda: reverse(name, args=[arg() if callable(arg) else arg for arg in args])


# name -> (what to request, GET statuses, POST statuses or None)
URLS = {
    "home": (lambda: reverse("home"), EVERYONE, None),
    "meeting-archive": (lambda: reverse("meeting-archive"), EVERYONE, None),
    "health": (lambda: reverse("health"), EVERYONE, None),
    "accessibility": (lambda: reverse("accessibility"), EVERYONE, None),
    "search": (lambda: f"{reverse('search')}?q=burglary", EVERYONE, None),
    "login": (lambda: reverse("login"), EVERYONE, None),
    "logout": (lambda: reverse("logout"), POST_ONLY, dict.fromkeys(ROLES, 302)),
    "admin:index": (lambda: reverse("admin:index"), dict.fromkeys(ROLES, 302) | {"admin": 200}, None),
    "meeting-detail": (lambda: reverse("meeting-detail", args=[draft_meeting().pk]), READERS, None),
    "next-meeting": (lambda: reverse("next-meeting", args=[draft_meeting().pk]), EDITORS, None),
    "new-meeting": (lambda: reverse("new-meeting", args=[june().board.slug]), EDITORS, EDITORS),
    # Public: each reader counts the meetings whose attendance they may see (tests/boards/test_attendance_stats.py).
    "attendance-statistics": (lambda: reverse("attendance-statistics", args=[june().board.slug]), EVERYONE, None),
    # A board's page, its calendar and feed, and its partnership's calendar are public: apps read them signed out.
    "board": (lambda: reverse("board", args=[june().board.slug]), EVERYONE, None),
    "board-calendar": (lambda: reverse("board-calendar", args=[june().board.slug]), EVERYONE, None),
    "board-feed": (lambda: reverse("board-feed", args=[june().board.slug]), EVERYONE, None),
    "partnership-calendar": (lambda: reverse("partnership-calendar", args=[BROMLEY]), EVERYONE, None),
    # An empty POST shows the form again with its errors (200); nothing is called off.
    "cancel-meeting": (lambda: reverse("cancel-meeting", args=[draft_meeting().pk]), EDITORS, EDITORS),
    "postpone-meeting": (lambda: reverse("postpone-meeting", args=[draft_meeting().pk]), EDITORS, EDITORS),
    "pack-build": (lambda: reverse("pack-build", args=[stored_pack()]), EVERYONE, None),
    "publish-agenda": (lambda: reverse("publish-agenda", args=[draft_meeting().pk]), DEMOCRATIC, DEMOCRATIC_POST),
    "publish-revised-pack": (
        lambda: reverse("publish-revised-pack", args=[draft_meeting().pk]), POST_ONLY, DEMOCRATIC_POST
    ),
    # December 2019 has a short pack (no agenda in the demo data): the rule is the same for every meeting.
    "meeting-pack": (lambda: reverse("meeting-pack", args=[december().pk]), EVERYONE, None),
    "meeting-pack-restricted": (lambda: reverse("meeting-pack-restricted", args=[december().pk]), FULL, None),
    "agenda-item-paper": (lambda: reverse("agenda-item-paper", args=[paper_item()]), EVERYONE, None),
    "agenda-item-report": (lambda: reverse("agenda-item-report", args=[june_item()]), EDITORS, None),
    "stored-pack": (lambda: reverse("stored-pack", args=[stored_pack()]), EVERYONE, None),
    "add-agenda-item": (lambda: reverse("add-agenda-item", args=[draft_meeting().pk]), EDITORS, None),
    "edit-agenda-item": (
        lambda: reverse("edit-agenda-item", args=[june_item()]),
        EDITORS,
        None,
    ),
    "move-agenda-item-up": (
        lambda: reverse("move-agenda-item-up", args=[june_item(first=False)]),
        POST_ONLY,
        EDITORS_POST,
    ),
    "move-agenda-item-down": (
        lambda: reverse("move-agenda-item-down", args=[june_item()]),
        POST_ONLY,
        EDITORS_POST,
    ),
    "remove-agenda-item": (  # GET asks to confirm; the POST removes
        lambda: reverse("remove-agenda-item", args=[june_item(first=False)]),
        EDITORS,
        EDITORS_POST,
    ),
    "attendance": (lambda: reverse("attendance", args=[draft_meeting().pk]), EDITORS, None),
    "add-declaration": (lambda: reverse("add-declaration", args=[draft_meeting().pk]), EDITORS, None),
    "add-minute": (lambda: reverse("add-minute", args=[draft_meeting().pk]), EDITORS, None),
    "circulate-minutes": (
        lambda: reverse("circulate-minutes", args=[march_minute().meeting_id]),
        POST_ONLY,
        EDITORS_POST,
    ),
    "approve-minutes": (lambda: reverse("approve-minutes", args=[march_minute().meeting_id]), DEMOCRATIC, None),
    "edit-minute": (lambda: reverse("edit-minute", args=[march_minute().pk]), EDITORS, None),
    "amend-minute": (lambda: reverse("amend-minute", args=[march_minute().pk]), EDITORS, None),
    "actions": (lambda: reverse("actions"), READERS, None),
    "action-detail": (lambda: reverse("action-detail", args=[js_action().pk]), READERS, None),
    "action-update": (lambda: reverse("action-update", args=[js_action().pk]), EDITORS, None),
    "close-action": (lambda: reverse("close-action", args=[js_action().pk]), EDITORS, None),
    "edit-action": (lambda: reverse("edit-action", args=[js_action().pk]), EDITORS, None),
    # Each reader holds roles in one partnership here: sent on to its dashboard, and from there to its latest quarter.
    # The administrator reads both demo partnerships: a choice of dashboards.
    "dashboard": (
        lambda: reverse("dashboard"),
        READERS | {r: 302 for r, code in READERS.items() if code == 200} | {"admin": 200},
        None,
    ),
    "partnership-dashboard": (
        lambda: reverse("partnership-dashboard", args=[BROMLEY]),
        READERS | {r: 302 for r, code in READERS.items() if code == 200},
        None,
    ),
    "dashboard-quarter": (lambda: reverse("dashboard-quarter", args=[BROMLEY, "2021-22", "q1"]), READERS, None),
    "crime-figures": (lambda: reverse("crime-figures"), READERS, None),
    "crime-setting": (lambda: reverse("crime-setting", args=[BROMLEY]), EDITORS, None),
    "strategy": (lambda: reverse("strategy"), READERS, None),
    "partnership-strategy": (lambda: reverse("partnership-strategy", args=[BROMLEY]), READERS, None),
    "strategy-returns": (lambda: reverse("strategy-returns", args=["2021-22", "q1"]), READERS, None),
    "strategy-submit-return": (
        lambda: reverse("strategy-submit-return", args=["2021-22", "q2"]),
        EDITORS,  # a partner signed in without a person record has no organisation to return for
        None,
    ),
    "strategy-revise-return": (lambda: reverse("strategy-revise-return", args=[mps_return()]), EDITORS, None),
    "strategy-accept-return": (
        lambda: reverse("strategy-accept-return", args=[mps_return()]), POST_ONLY, EDITORS_POST
    ),
    "strategy-detail": (lambda: reverse("strategy-detail", args=[BROMLEY, demo_strategy().slug]), READERS, None),
    "strategy-new": (lambda: reverse("strategy-new", args=[BROMLEY]), EDITORS, None),
    "strategy-edit": (lambda: reverse("strategy-edit", args=[demo_strategy().pk]), EDITORS, None),
    "strategy-deadlines": (lambda: reverse("strategy-deadlines", args=[demo_strategy().pk]), EDITORS, None),
    "strategy-add-priority": (lambda: reverse("strategy-add-priority", args=[demo_strategy().pk]), EDITORS, None),
    "strategy-edit-priority": (lambda: reverse("strategy-edit-priority", args=[demo_priority()]), EDITORS, None),
    "strategy-move-priority-up": (
        lambda: reverse("strategy-move-priority-up", args=[demo_priority(3)]), POST_ONLY, EDITORS_POST
    ),
    "strategy-move-priority-down": (
        lambda: reverse("strategy-move-priority-down", args=[demo_priority()]), POST_ONLY, EDITORS_POST
    ),
    # Priority 1 has returns against it: the officer is told it stays (and sent back), nothing is deleted.
    "strategy-remove-priority": (
        lambda: reverse("strategy-remove-priority", args=[demo_priority()]), POST_ONLY, EDITORS_POST
    ),
    "strategy-add-part": (
        lambda: reverse("strategy-add-part", args=[demo_priority(), "success-measures"]), EDITORS, None
    ),
    "strategy-edit-part": (
        lambda: reverse("strategy-edit-part", args=["success-measures", demo_measure()]), EDITORS, None
    ),
    "strategy-move-part-up": (
        lambda: reverse("strategy-move-part-up", args=["success-measures", demo_measure()]), POST_ONLY, EDITORS_POST
    ),
    "strategy-move-part-down": (
        lambda: reverse("strategy-move-part-down", args=["success-measures", demo_measure()]), POST_ONLY,
        EDITORS_POST,
    ),
    "strategy-remove-part": (
        lambda: reverse("strategy-remove-part", args=["success-measures", demo_measure()]), POST_ONLY, EDITORS_POST
    ),
    "crime-import": (lambda: reverse("crime-import"), EDITORS, None),
    "crime-withdraw-release": (lambda: reverse("crime-withdraw-release", args=[borough_c_release()]), EDITORS, None),
    "crime-release-publication": (
        lambda: reverse("crime-release-publication", args=[borough_c_release()]), EDITORS, None
    ),
    "crime-reported": (lambda: reverse("crime-reported"), READERS, None),
    "crime-add-figure": (lambda: reverse("crime-add-figure"), EDITORS, None),
    "crime-measures": (lambda: reverse("crime-measures"), READERS, None),
    "crime-add-measure": (lambda: reverse("crime-add-measure"), EDITORS, None),
    "crime-edit-measure": (lambda: reverse("crime-edit-measure", args=["residential-burglary"]), EDITORS, None),
    "outbox": (lambda: reverse("outbox"), EDITORS, None),
    "outbox-send-again": (lambda: reverse("outbox-send-again", args=[failed_email()]), POST_ONLY, EDITORS_POST),
    # The test users have no directory entry: told so (the partner of partnership B has one: sent to its page).
    "my-email-preferences": (lambda: reverse("my-email-preferences"), EVERYONE | {"anonymous": SIGN_IN}, None),
    # The signed link in every email is its own permission, so members without an account can use it.
    "email-preferences": (preferences_link, EVERYONE, dict.fromkeys(ROLES, 302)),
    "crime-override": (
        lambda: reverse("crime-override", args=["residential-burglary", bromley(), "2021-05"]), EDITORS, None
    ),
    # Password reset and invitation links answer everyone; a link that is not one we sent says so in words.
    "password_reset": (lambda: reverse("password_reset"), EVERYONE, None),
    "password_reset_done": (lambda: reverse("password_reset_done"), EVERYONE, None),
    "password_reset_confirm": (lambda: reverse("password_reset_confirm", args=["MQ", "a-b"]), EVERYONE, None),
    "password_reset_complete": (lambda: reverse("password_reset_complete"), EVERYONE, None),
    "accept-invitation": (lambda: reverse("accept-invitation", args=["MQ", "a-b"]), EVERYONE, None),
    "manage": (manage("manage"), EDITORS, None),
    "manage-people": (manage("manage-people"), EDITORS, None),
    "manage-add-person": (manage("manage-add-person"), EDITORS, None),
    "manage-edit-person": (manage("manage-edit-person", lambda: bromley_membership_row().person_id), EDITORS, None),
    "manage-organisations": (manage("manage-organisations"), EDITORS, None),
    "manage-add-organisation": (manage("manage-add-organisation"), EDITORS, None),
    "manage-edit-organisation": (manage("manage-edit-organisation", lambda: bromley_board().host_id), EDITORS, None),
    "manage-partnership": (manage("manage-partnership", BROMLEY), EDITORS, None),
    "manage-edit-partnership": (manage("manage-edit-partnership", BROMLEY), EDITORS, None),
    "manage-add-board": (manage("manage-add-board", BROMLEY), EDITORS, None),
    "manage-add-partner": (manage("manage-add-partner", BROMLEY), EDITORS, None),
    "manage-edit-partner": (manage("manage-edit-partner", BROMLEY, bromley_partner), EDITORS, None),
    "manage-users": (manage("manage-users", BROMLEY), EDITORS, None),
    "manage-invite": (manage("manage-invite", BROMLEY), EDITORS, None),
    "manage-deactivate": (manage("manage-deactivate", BROMLEY, demo_partner_user), EDITORS, EDITORS_POST),
    "manage-board": (manage("manage-board", lambda: bromley_board().pk), EDITORS, None),
    "manage-edit-board": (manage("manage-edit-board", lambda: bromley_board().pk), EDITORS, None),
    "manage-add-member": (manage("manage-add-member", lambda: bromley_board().pk), EDITORS, None),
    "manage-edit-membership": (manage("manage-edit-membership", bromley_membership), EDITORS, None),
    "manage-end-membership": (manage("manage-end-membership", bromley_membership), EDITORS, None),
    # The open data API (boards/api, ADR 0027): public, and the same answer for every reader.
    "api-index": (lambda: reverse("api-index"), EVERYONE, None),
    "api-schema": (lambda: reverse("api-schema"), EVERYONE, None),
    **{name: (lambda name=name: reverse(name), EVERYONE, None) for name in API_LISTS},
    **{name: (lambda name=name, pk=pk: reverse(name, args=[pk()]), EVERYONE, None) for name, pk in API_DETAILS.items()},
    "api-crime-figures": (published_q1_figures, EVERYONE, None),
}  # fmt: skip


def named_urls(resolver=None):
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin":
                yield "admin:index"
            else:
                yield from named_urls(pattern)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield pattern.name


def test_every_named_url_has_a_permission_decision():
    assert set(named_urls()) == set(URLS)


@pytest.mark.parametrize("role", list(ROLES))
@pytest.mark.parametrize("name", list(URLS))
def test_each_role_gets_the_expected_answer_to_a_get(client_for, name, role):
    url, expected, _ = URLS[name]
    assert client_for(role).get(url()).status_code == expected[role]


@pytest.mark.parametrize("role", list(ROLES))
@pytest.mark.parametrize("name", [name for name, (_, _, post) in URLS.items() if post])
def test_each_role_gets_the_expected_answer_to_a_post(client_for, name, role):
    url, _, expected = URLS[name]
    response = client_for(role).post(url())
    assert response.status_code == expected[role]
    if role == "anonymous" and name not in ("logout", "email-preferences"):  # both open to the signed-out
        assert response["Location"].startswith(reverse("login"))


# Partnership B's people, each asking for partnership A's business (the URLS above are all A's), and the role of
# partnership A that answers the same where a role anywhere is enough (the figures, shared by every partnership),
# or where they read their own partnership's list (the register, the returns, the strategy).
B_ROLES = {"b officer": "officer", "b member": "member", "b partner": "partner", "a officer b member": "officer"}
ANY_PARTNERSHIP = {
    "actions", "dashboard", "strategy", "strategy-returns", "strategy-submit-return", "crime-figures", "crime-import",
    "crime-withdraw-release", "crime-release-publication", "crime-reported", "crime-add-figure", "crime-measures",
    "crime-add-measure", "crime-edit-measure", "outbox", "my-email-preferences", "email-preferences",
    # The directory of people and organisations is shared, as the figures are (sbp/directory_views.py).
    "manage", "manage-people", "manage-add-person", "manage-edit-person", "manage-organisations",
    "manage-add-organisation", "manage-edit-organisation",
}  # fmt: skip
# Not shared: a district's rating override and a partnership's figures setting are its own record keepers' (the
# demo's Bromley is covered by partnership A's setting).
B_EXCEPTIONS = {
    ("dashboard", "a officer b member"): 200,  # two partnerships: a choice of dashboards
    ("strategy-submit-return", "b partner"): 200,  # B's partner has a person record: returns for their organisation
    ("my-email-preferences", "b partner"): 302,  # ... and so is sent on to their own email preferences
}


def expected_for_b(name, role, statuses):
    """What partnership B's role gets from a URL of A's: a role in B opens nothing of A's, so they are answered
    as a user with no role is (403), unless the URL is one every partnership shares or they hold a role in A."""
    if (name, role) in B_EXCEPTIONS:
        return B_EXCEPTIONS[name, role]
    if name in ANY_PARTNERSHIP or role == "a officer b member":
        return statuses[B_ROLES[role]]
    return statuses["no role"]


@pytest.fixture
def client_for_b(client):
    """client_for_b('b officer'), with partnership B made: the client signed in as that user."""
    b = make_partnership_b()

    def sign_in(role):
        client.force_login(b.users[role])
        return client

    sign_in.b = b
    return sign_in


@pytest.mark.parametrize("role", list(B_ROLES))
@pytest.mark.parametrize("name", list(URLS))
def test_partnership_bs_roles_open_nothing_of_partnership_as_by_a_get(client_for_b, name, role):
    url, expected, _ = URLS[name]
    assert client_for_b(role).get(url()).status_code == expected_for_b(name, role, expected)


@pytest.mark.parametrize("role", list(B_ROLES))
@pytest.mark.parametrize("name", [name for name, (_, _, post) in URLS.items() if post and name != "logout"])
def test_partnership_bs_roles_change_nothing_of_partnership_as_by_a_post(client_for_b, name, role):
    url, _, expected = URLS[name]
    assert client_for_b(role).post(url()).status_code == expected_for_b(name, role, expected)


def b_urls(b):
    """Partnership B's own working papers: its draft, its Part 2 paper and restricted pack, its return, its
    action (and the history pages that edit them), and the register's exports."""
    return {
        "draft meeting": reverse("meeting-detail", args=[b.draft.pk]),
        "Part 2 paper": reverse("agenda-item-paper", args=[b.exempt_item.pk]),
        "restricted pack": reverse("meeting-pack-restricted", args=[b.published.pk]),
        "return": reverse("strategy-revise-return", args=[b.progress_update.pk]),
        "action": reverse("action-detail", args=[b.action.pk]),
        "Part 2 action": reverse("action-detail", args=[b.exempt_action.pk]),
        "agenda item history": reverse("edit-agenda-item", args=[b.exempt_item.pk]),
        "action history": reverse("edit-action", args=[b.action.pk]),
        "dashboard": reverse("dashboard-quarter", args=[b.partnership.slug, "2021-22", "q1"]),
        "strategy": reverse("partnership-strategy", args=[b.partnership.slug]),
        "strategy editing": reverse("strategy-edit", args=[b.progress_update.priority.strategy_id]),
    }


# Who of each partnership gets what from B's working papers. A role in A is no role in B: 403, as for a signed-in
# user with no role, never 404: whether a meeting or an action with that number exists is not secret (its
# published neighbours' numbers say as much), and one answer for every refusal keeps one rule (sbp.permissions).
B_PAPERS = {
    #                       A officer  A member  B officer  B member  B partner  A officer and B member
    "draft meeting":        (403,      403,      200,       200,      200,       200),
    "Part 2 paper":         (403,      403,      200,       200,      403,       200),
    "restricted pack":      (403,      403,      200,       200,      403,       200),
    "return":               (403,      403,      200,       403,      200,       403),
    "action":               (403,      403,      200,       200,      200,       200),
    "Part 2 action":        (403,      403,      200,       200,      403,       200),
    "agenda item history":  (403,      403,      200,       403,      403,       403),
    "action history":       (403,      403,      200,       403,      403,       403),
    "dashboard":            (403,      403,      200,       200,      200,       200),
    "strategy":             (403,      403,      200,       200,      200,       200),
    "strategy editing":     (403,      403,      200,       403,      403,       403),
}  # fmt: skip
B_PAPER_READERS = ["officer", "member", "b officer", "b member", "b partner", "a officer b member"]


@pytest.mark.parametrize("paper", list(B_PAPERS))
@pytest.mark.parametrize("reader", B_PAPER_READERS)
def test_each_partnerships_roles_get_the_expected_answer_from_partnership_bs_working_papers(
    client_for, client_for_b, paper, reader
):
    client = client_for(reader) if reader in ROLES else client_for_b(reader)
    response = client.get(b_urls(client_for_b.b)[paper])
    assert response.status_code == B_PAPERS[paper][B_PAPER_READERS.index(reader)]


@pytest.mark.parametrize("export", ["csv", "xlsx"])
def test_the_register_and_its_exports_list_only_the_readers_own_partnerships_actions(client_for, client_for_b, export):
    js = js_action().description
    a_only = text_of(client_for("officer").get(reverse("actions"), {"_export": export}))
    assert js in a_only
    assert "Northfield open action" not in a_only
    b_only = text_of(client_for_b("b officer").get(reverse("actions"), {"_export": export}))
    assert "Northfield open action" in b_only
    assert js not in b_only
    both = text_of(client_for_b("a officer b member").get(reverse("actions"), {"_export": export}))
    assert js in both
    assert "Northfield open action" in both
    assert "Exempt action" in both


def test_the_returns_list_only_the_readers_own_partnerships_returns(client_for, client_for_b):
    url = reverse("strategy-returns", args=["2021-22", "q1"])
    assert "Return zqxB" not in client_for("officer").get(url).content.decode()
    page = client_for_b("b partner").get(url).content.decode()
    assert "Northfield priority" in page
    assert "MPS" not in page


def test_the_public_home_page_lists_each_partnership_with_its_published_meetings(client, client_for_b):
    b = client_for_b.b
    page = client.get(reverse("home")).content.decode()
    assert "Safer Bromley Partnership" in page
    assert "Safer Northfield Partnership" in page
    assert reverse("meeting-detail", args=[b.published.pk]) in page
    assert reverse("meeting-detail", args=[b.draft.pk]) not in page
    b_officers = client_for_b("b officer").get(reverse("home")).content.decode()
    assert reverse("meeting-detail", args=[b.draft.pk]) in b_officers
    assert reverse("meeting-detail", args=[draft_meeting().pk]) not in b_officers  # A's draft


def test_the_dashboard_page_offers_a_choice_to_someone_with_roles_in_two_partnerships(client_for_b):
    page = client_for_b("a officer b member").get(reverse("dashboard")).content.decode()
    assert reverse("partnership-dashboard", args=[BROMLEY]) in page
    assert reverse("partnership-dashboard", args=["safer-northfield"]) in page
