"""Part 2 (exempt) business never reaches the public or a partner, through any URL, export or pack.

Every text field of a Part 2 item and of everything hanging from it gets a distinct secret; then every URL
pattern the project serves is requested with every object id, as the public and as a partner, with each export,
and the public packs of the meeting and of the next one are read back. No secret may appear anywhere. The
models and fields are found by walking the item's relations, so a new field or model joins the test by itself.
"""

import datetime
import io
import itertools
import zipfile
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.db import models
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from pypdf import PdfReader
from weasyprint import HTML

from boards import agenda, minutes, paper_text
from boards.models import (
    Action,
    ActionUpdate,
    AgendaItem,
    DeclarationOfInterest,
    Meeting,
    Minute,
    MinuteAmendment,
    PackBuild,
    Report,
    ReportAppendix,
    Resolution,
)
from crime.models import Area
from sbp.models import Person
from strategy.models import Priority
from tests.conftest import BROMLEY
from tests.factories import make_partnership_b

B_SLUG = "safer-northfield"  # tests.factories.make_partnership_b's

pytestmark = pytest.mark.django_db

# Fields that are public by design: the exempt reason and the title officers chose to publish.
PUBLIC_FIELDS = {(AgendaItem, "exempt_reason"), (AgendaItem, "public_title")}
PUBLIC_TITLE = "Contract award"
# "slug" names a measure or a board (the demo's, and tests.factories.make_partnership_b's).
STR_ARGUMENTS = {"year": ["2021-22"], "quarter": ["q1", "q2"],
                 "slug": ["residential-burglary", "safer-bromley-partnership-board", "snpb"],
                 "measure": ["residential-burglary"], "end": ["2021-05"], "partnership": [BROMLEY, B_SLUG],
                 "uidb64": ["MQ"], "token": ["not-a-signed-token", "set-password", "a-b"],
                 "strategy": ["bromley-community-safety-partnership-strategy-2020-2023", "northfield"],
                 "part": ["sub-priorities", "success-measures"]}  # fmt: skip


def models_hanging_from(model, found=None):
    """Every model reached from `model` through reverse relations (its front sheet, minutes, actions ...)."""
    found = found if found is not None else set()
    for relation in model._meta.related_objects:
        related = relation.related_model
        if related not in found and not related.__name__.startswith("Historical"):
            found.add(related)
            models_hanging_from(related, found)
    return found


def secret_fields(model):
    return [
        field
        for field in model._meta.concrete_fields
        if isinstance(field, models.CharField | models.TextField)
        and not field.choices
        and (model, field.name) not in PUBLIC_FIELDS
        and (field.max_length is None or field.max_length >= 12)
    ]


def fill_secrets(row, secrets):
    """Give every free-text field of the row a secret of its own; returns the row, saved."""
    for field in secret_fields(type(row)):
        token = f"zqx{len(secrets):03d}zqx"
        secrets[token] = f"{type(row).__name__}.{field.name}"
        setattr(row, field.name, token)
    row.save()
    return row


# A word of the secret paper, and another form of it that search finds by stemming (as "burglaries" finds "burglary").
PAPER_WORD, PAPER_STEM = "zqxwidgeting", "zqxwidgets"


def secret_pdf(token):
    return HTML(string=f"<p>Uploaded paper {token} {PAPER_WORD}</p>").write_pdf()


@pytest.fixture
def part_2_business(june_2021):
    """A Part 2 item of the published June 2021 meeting with everything that can hang from it, each text a secret;
    then the next meeting, at which June's minutes are approved and whose agenda is published."""
    secrets = {}
    partner = User.objects.get(username="partner")
    item = AgendaItem(meeting=june_2021, number=11, position=99, part="exempt", public_title=PUBLIC_TITLE,
                      exempt_reason="Information relating to the financial or business affairs of any person",
                      priority=Priority.objects.first())  # fmt: skip
    fill_secrets(item, secrets)
    token = f"zqx{len(secrets):03d}zqx"
    secrets[token] = "AgendaItem.document (the uploaded PDF's text)"
    item.document.save("secret.pdf", ContentFile(secret_pdf(token)))
    item.document_text = paper_text.read_stored(item.document)  # as an upload reads it, for search
    item.save()
    report = fill_secrets(Report(agenda_item=item, part="exempt"), secrets)
    rows = {
        Report: report,
        ReportAppendix: fill_secrets(ReportAppendix(report=report), secrets),
        DeclarationOfInterest: fill_secrets(
            DeclarationOfInterest(meeting=june_2021, person=Person.objects.first(), agenda_item=item), secrets
        ),
    }
    minute = fill_secrets(
        Minute(meeting=june_2021, agenda_item=item, number=99, priority=Priority.objects.first()), secrets
    )
    resolution = fill_secrets(Resolution(minute=minute), secrets)
    action = fill_secrets(
        Action(minute=minute, resolution=resolution, owner_organisation=partner.person.organisation), secrets
    )
    rows |= {
        Minute: minute,
        Resolution: resolution,
        Action: action,
        ActionUpdate: fill_secrets(ActionUpdate(action=action, written_on=datetime.date(2021, 6, 1)), secrets),
        MinuteAmendment: fill_secrets(MinuteAmendment(minute=minute, recorded_at=timezone.now()), secrets),
    }
    assert set(rows) == models_hanging_from(AgendaItem), "give the new model a row here, full of secrets"
    september = datetime.datetime(2021, 9, 16, 10, 0, tzinfo=ZoneInfo("Europe/London"))
    following = agenda.create_next_meeting(june_2021, september, "Bromley Civic Centre", Meeting.Mode.IN_PERSON)
    minutes.approve(june_2021, following)
    agenda.publish(following, timezone.now())
    return {"secrets": secrets, "item": item, "action": action, "meetings": [june_2021, following],
            "rows": [item, *rows.values()]}  # fmt: skip


def url_patterns(resolver=None, prefix=""):
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace != "admin":
                yield from url_patterns(pattern, prefix)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield pattern


def urls_with_every_id(ids):
    """Every named URL, with every id in place of each int argument and known values for the others."""
    bromley = Area.objects.get(kind="borough", name="Bromley").pk
    for pattern in url_patterns():
        converters = pattern.pattern.converters
        choices = []
        for name, converter in converters.items():
            if type(converter).__name__ == "IntConverter":
                choices.append([bromley] if name == "area" else ids)
            else:
                choices.append(STR_ARGUMENTS[name])
        for values in itertools.product(*choices):
            yield reverse(pattern.name, kwargs=dict(zip(converters, values, strict=True)))


def text_of(response):
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if content.startswith(b"%PDF"):
        return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    if content.startswith(b"PK"):  # an Excel export: the cell text is in the zipped XML
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return "\n".join(archive.read(name).decode() for name in archive.namelist())
    return content.decode(errors="replace")


def leaks(text, secrets):
    return {token: where for token, where in secrets.items() if token in text}


def everything_served(client, ids):
    """(url, text) of every answer the client gets, exports included."""
    for url in urls_with_every_id(ids):
        response = client.get(url)
        if response.status_code != 200:
            continue
        yield url, text_of(response)
        if not response.get("Content-Type", "").startswith("text/html"):
            continue
        for export in ("csv", "xlsx"):
            exported = client.get(url, {"_export": export})
            if exported.status_code == 200 and not exported["Content-Type"].startswith("text/html"):
                yield f"{url}?_export={export}", text_of(exported)


def a_draft_full_of_secrets(june, secrets):
    """A meeting of partnership A whose agenda is not published, an item and a minute on it, each text a secret:
    for those who may read none of A's drafts."""
    draft = Meeting.objects.create(
        board=june.board, starts_at=datetime.datetime(2021, 12, 9, 10, 0, tzinfo=ZoneInfo("UTC"))
    )
    item = fill_secrets(AgendaItem(meeting=draft, number=1, position=1), secrets)
    minute = fill_secrets(Minute(meeting=draft, agenda_item=item, number=199), secrets)
    action = fill_secrets(Action(minute=minute), secrets)
    return [draft, item, minute, action]


def sign_in(client, reader):
    """The public; A's partner (drafts, Part 1 only); B's officer (everything of B, nothing unpublished of A)."""
    if reader == "partner":
        client.force_login(User.objects.get(username="partner"))
    elif reader == "b officer":
        client.force_login(make_partnership_b().users["b officer"])


@pytest.mark.parametrize("reader", ["anonymous", "partner", "b officer"])
def test_no_part_2_text_reaches_the_public_or_a_partner_anywhere(client, part_2_business, reader):
    sign_in(client, reader)
    secrets = part_2_business["secrets"]
    assert len(secrets) >= 30  # every text field of the item and of the nine kinds of row hanging from it
    drafts = [] if reader == "partner" else a_draft_full_of_secrets(part_2_business["meetings"][0], secrets)
    for meeting in part_2_business["meetings"]:  # build the packs first, so that their ids are tried too
        client.get(reverse("meeting-pack", args=[meeting.pk]))
    rows = [*part_2_business["rows"], *part_2_business["meetings"], *drafts, *PackBuild.objects.all()]
    ids = sorted({row.pk for row in rows})
    found, served = {}, set()
    for url, text in everything_served(client, ids):
        served.add(url)
        found |= {f"{url}: {where}": token for token, where in leaks(text, secrets).items()}
    assert not found
    # The meeting pages and the public packs of both meetings really were read.
    for meeting in part_2_business["meetings"]:
        assert {reverse("meeting-detail", args=[meeting.pk]), reverse("meeting-pack", args=[meeting.pk])} <= served
    # So were the board's page, calendar and feed (June's approved minutes, September's agenda), and the
    # partnership's calendar.
    board = part_2_business["meetings"][0].board.slug
    subscriptions = {reverse(name, args=[board]) for name in ("board", "board-calendar", "board-feed")}
    assert subscriptions | {reverse("partnership-calendar", args=[BROMLEY])} <= served
    own = {"partner": BROMLEY, "b officer": B_SLUG}
    if reader in own:
        assert {
            reverse("actions"),
            f"{reverse('actions')}?_export=xlsx",
            reverse("dashboard-quarter", args=[own[reader], "2021-22", "q1"]),
        } <= served


def searched(client, query):
    response = client.get(reverse("search"), {"q": query})
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("reader", ["anonymous", "partner", "b officer"])
def test_no_search_finds_or_counts_part_2_text_for_the_public_or_a_partner(client, part_2_business, reader):
    sign_in(client, reader)
    secrets = part_2_business["secrets"]
    if reader != "partner":  # A's drafts too, for those who may read none of them
        a_draft_full_of_secrets(part_2_business["meetings"][0], secrets)
    for query in [*secrets, PAPER_STEM, f"{PAPER_WORD} paper"]:
        page = searched(client, query)
        assert f"0 results for ‘{query}’" in page, query
        others = {token: where for token, where in secrets.items() if token != query}  # the query is echoed
        assert not leaks(page, others), query


def test_the_same_searches_find_the_part_2_text_for_a_board_member(client, part_2_business):
    """The search leak test can fail: a board member's searches do find the secrets, the paper's by its stem."""
    client.force_login(User.objects.get(username="member"))
    secrets = part_2_business["secrets"]
    paper = searched(client, PAPER_STEM)
    assert "1 result for" in paper
    assert "<mark>zqxwidgeting</mark>" in paper
    found = {where for token, where in secrets.items() if "0 results for" not in searched(client, token)}
    assert {"AgendaItem.title", "AgendaItem.context", "AgendaItem.document (the uploaded PDF's text)",
            "Report.title", "Report.recommendations", "ReportAppendix.file_text", "Minute.text", "Resolution.text",
            "Action.description"} <= found  # fmt: skip


def test_the_public_packs_of_both_meetings_were_read_and_hold_the_public_title(client, part_2_business):
    june, september = part_2_business["meetings"]
    june_pack = text_of(client.get(reverse("meeting-pack", args=[june.pk])))
    september_pack = text_of(client.get(reverse("meeting-pack", args=[september.pk])))
    assert PUBLIC_TITLE in june_pack
    assert "Not for publication" in june_pack
    assert "MINUTES OF THE MEETING HELD ON 17TH JUNE 2021" in september_pack
    assert "99 Contract award" in september_pack  # June's Part 2 minute keeps its number, not its text
    assert not leaks(june_pack + september_pack, part_2_business["secrets"])


def test_the_restricted_pack_and_pages_do_carry_the_secrets_to_those_entitled(client, part_2_business):
    """The leak test can fail: the same requests as a board member do find the secrets."""
    client.force_login(User.objects.get(username="member"))
    june = part_2_business["meetings"][0]
    page = text_of(client.get(reverse("meeting-detail", args=[june.pk])))
    restricted = text_of(client.get(reverse("meeting-pack-restricted", args=[june.pk])))
    secrets = part_2_business["secrets"]
    assert leaks(page, secrets)
    assert "AgendaItem.document (the uploaded PDF's text)" in leaks(restricted, secrets).values()


def test_a_partner_cannot_update_a_part_2_action_their_organisation_owns(client, part_2_business):
    action = part_2_business["action"]
    client.force_login(User.objects.get(username="partner"))
    url = reverse("action-update", args=[action.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"text": "Done."}).status_code == 403
    assert not action.updates.filter(text="Done.").exists()


def test_no_part_2_text_reaches_any_email_of_the_secret_laden_meetings(client, part_2_business):
    """Email leaves the site: publishing, circulating, assigning, a failed pack and the week's reminders put no
    Part 2 text in any subject or body, though every recipient below is entitled to read it signed in."""
    from django.core.management import call_command

    from boards import notices
    from boards.models import Membership
    from sbp.models import OutboxMessage
    from sbp.roles import RoleName
    from tests.conftest import make_user

    june, following = part_2_business["meetings"]
    for n, membership in enumerate(Membership.objects.filter(board=june.board, end_date__isnull=True)):
        Person.objects.filter(pk=membership.person_id, email="").update(email=f"leak-member{n}@example.org")
    action = part_2_business["action"]
    action.owner_person, action.due_date = Person.objects.exclude(email="").first(), datetime.date(2021, 9, 20)
    action.save()
    for meeting in (june, following):
        notices.agenda_published(meeting)
        notices.minutes_circulated(meeting)
    notices.actions_assigned([action])
    make_partnership_b()
    clerk = make_user("leak-clerk", RoleName.DEMOCRATIC_SERVICES)
    Person.objects.create(name="Leak Clerk", email="leak.clerk@example.org", user=clerk)
    build = PackBuild.objects.create(
        meeting=june, restricted=True, content_hash="0" * 64, status="failed", requested_at=timezone.now(),
        error=f"Could not read {action.description}",
    )  # fmt: skip
    notices.pack_failed(build)
    call_command("send_reminders", "--date", "2021-09-16", stdout=io.StringIO())
    emails = list(OutboxMessage.objects.values_list("subject", "body"))
    assert len(emails) >= 10
    assert any(PUBLIC_TITLE in body for _, body in emails)  # June's Part 2 item, as the public agenda names it
    assert any("An action from Part 2 (exempt) business, minute 99" in body for _, body in emails)
    assert not leaks("\n".join(f"{subject}\n{body}" for subject, body in emails), part_2_business["secrets"])
