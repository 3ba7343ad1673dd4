"""Full-text search (boards.search): papers' words, stemming, filters, paging, odd queries, and above all that
withheld business is never found, snippeted or counted by those who may not read it."""

import datetime
import importlib
import io
import re

import pytest
from django.apps import apps
from django.contrib.auth.models import AnonymousUser, User
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from weasyprint import HTML

from boards import search, search_schema
from boards.models import Action, AgendaItem, Meeting, Minute, Part, Report, ReportAppendix, SearchDocument
from tests.factories import B_SECRET, make_partnership_b

pytestmark = pytest.mark.django_db


def pdf(text):
    return HTML(string=f"<p>{text}</p>").write_pdf()


def found(user, query, **filters):
    return search.search(user, query, search.Filters(**filters), 1)


def titles(results):
    return [hit.title for hit in results.page]


def user(name):
    return AnonymousUser() if name == "anonymous" else User.objects.get(username=name)


def new_item(meeting, title, **fields):
    number = (meeting.agenda_items.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    position = (meeting.agenda_items.order_by("-position").values_list("position", flat=True).first() or 0) + 1
    return AgendaItem.objects.create(meeting=meeting, number=number, position=position, title=title, **fields)


def test_a_word_of_an_uploaded_paper_finds_its_meeting(client_for, june_2021):
    client = client_for("officer")
    item = june_2021.agenda_items.get(number=9)
    paper = SimpleUploadedFile("paper.pdf", pdf("The Orpington lighting survey"), content_type="application/pdf")
    data = {"title": item.title, "kind": item.kind, "part": "public", "version": item.version, "document": paper}
    assert client.post(reverse("edit-agenda-item", args=[item.pk]), data).status_code == 302
    item.refresh_from_db()
    assert "Orpington lighting survey" in item.document_text  # read once, at upload
    results = found(AnonymousUser(), "lighting surveys")
    assert [(hit.meeting_id, hit.title) for hit in results.page] == [(june_2021.pk, item.title)]
    assert "<mark>lighting</mark> <mark>survey</mark>" in str(results.page[0].snippet)


def test_papers_uploaded_before_text_was_kept_are_read_by_the_migration(june_2021):
    item = new_item(june_2021, "Old paper")
    item.document.save("old.pdf", ContentFile(pdf("Chislehurst graffiti")))
    appendix = ReportAppendix.objects.create(report=Report.objects.filter(agenda_item__isnull=False).first(),
                                             letter="Z", title="Old appendix")  # fmt: skip
    appendix.file.save("old-appendix.pdf", ContentFile(pdf("Penge allotments")))
    assert not found(AnonymousUser(), "graffiti").count
    step = importlib.import_module("boards.migrations.0011_search").read_papers_already_uploaded
    step(apps, connection.schema_editor())
    assert titles(found(AnonymousUser(), "graffiti")) == ["Old paper"]
    assert titles(found(AnonymousUser(), "allotment")) == ["Old appendix"]


def test_a_broken_paper_is_kept_with_no_text(client_for, june_2021):
    client = client_for("officer")
    item = june_2021.agenda_items.get(number=9)
    paper = SimpleUploadedFile("paper.pdf", b"%PDF-1.4 truncated", content_type="application/pdf")
    data = {"title": item.title, "kind": item.kind, "part": "public", "version": item.version, "document": paper}
    assert client.post(reverse("edit-agenda-item", args=[item.pk]), data).status_code == 302
    item.refresh_from_db()
    assert item.document
    assert item.document_text == ""


@pytest.fixture
def part_2_word(june_2021):
    """A Part 2 item of the published June meeting with a paper, a front sheet, an appendix and a minute."""
    item = new_item(june_2021, "Exempt zebrafish", part=Part.EXEMPT, exempt_reason="Financial affairs",
                    public_title="Contract award", context="Zebrafish tender",
                    document_text="zebrafish bids")  # fmt: skip
    report = Report.objects.create(agenda_item=item, part=Part.EXEMPT, title="Zebrafish report")
    ReportAppendix.objects.create(report=report, letter="A", title="Zebrafish appendix", file_text="zebrafish")
    minute = Minute.objects.create(meeting=june_2021, agenda_item=item, number=98, title="Zebrafish", text="zebrafish")
    Action.objects.create(minute=minute, description="Zebrafish follow-up", action_by="SB")
    return item


@pytest.mark.parametrize("reader", ["anonymous", "partner", "b officer", "b member"])
def test_a_part_2_word_finds_nothing_for_those_who_may_not_see_it(part_2_word, reader):
    b = make_partnership_b()
    who = b.users.get(reader) or user(reader)
    results = found(who, "zebrafish")
    assert results.count == 0
    assert list(results.page) == []


@pytest.mark.parametrize("reader", ["officer", "member", "admin"])
def test_a_part_2_word_finds_every_text_of_it_for_those_entitled(part_2_word, reader):
    results = found(user(reader), "zebrafish")
    kinds = sorted(hit.kind for hit in results.page)
    assert kinds == ["Action", "Agenda item", "Appendix", "Minute", "Report"]
    assert results.count == 5


def test_a_role_in_one_partnership_opens_nothing_of_another():
    b = make_partnership_b()
    b_officer, a_officer = b.users["b officer"], User.objects.get(username="officer")
    # B's Part 2 item, its minute and action, and B's draft agenda: all B's officer's and B's member's to read
    assert sorted(hit.kind for hit in found(b_officer, B_SECRET).page) == ["Action", "Agenda item", "Agenda item",
                                                                          "Minute"]  # fmt: skip
    assert found(b.users["a officer b member"], B_SECRET).count == 4
    assert found(a_officer, B_SECRET).count == 0  # A's officer is the public in B
    assert found(a_officer, "Northfield open business").count == 1
    assert found(a_officer, "Northfield open action").count == 0  # nor are B's actions A's officer's


def test_unpublished_agendas_and_unapproved_minutes_only_for_their_readers(june_2021):
    draft = Meeting.objects.create(board=june_2021.board, starts_at="2021-12-09T10:00Z")
    new_item(draft, "Quokka strategy")
    Minute.objects.create(meeting=june_2021, number=97, title="Wombat discussion")  # June's minutes: not approved
    for reader, expected in [("anonymous", 0), ("officer", 1), ("partner", 1), ("member", 1)]:
        assert found(user(reader), "quokka").count == expected, reader
        assert found(user(reader), "wombat").count == expected, reader
    june_2021.minutes_status, june_2021.minutes_approved_by = Meeting.MinutesStatus.APPROVED, draft
    june_2021.save()
    assert found(AnonymousUser(), "wombat").count == 1


def test_actions_are_found_only_by_the_registers_readers(march_2021, june_2021):
    # Minutes the public read (approved), so that only the register's rule keeps the action from them.
    march_2021.minutes_status, march_2021.minutes_approved_by = Meeting.MinutesStatus.APPROVED, june_2021
    march_2021.save()
    minute = march_2021.minutes.exclude(agenda_item__part=Part.EXEMPT).first()
    minute.text += " The platypus licences were discussed."
    minute.save()
    Action.objects.create(minute=minute, description="Audit the platypus licences", action_by="SB")
    assert [hit.kind for hit in found(AnonymousUser(), "platypus").page] == ["Minute"]
    assert found(b_officer := make_partnership_b().users["b officer"], "platypus").count == 1  # B's: the public's
    assert [hit.kind for hit in found(b_officer, "audit platypus").page] == []
    hits = {hit.kind: hit for hit in found(user("partner"), "platypus").page}
    assert sorted(hits) == ["Action", "Minute"]
    assert hits["Action"].url.startswith("/actions/")


def test_stemming_finds_burglary_from_burglaries_and_the_filters_narrow_it(june_2021):
    b = make_partnership_b()
    new_item(b.published, "Northfield update", context="One burglary was reported in the high street.")
    assert "Northfield update" in titles(found(AnonymousUser(), "burglaries"))
    assert titles(found(AnonymousUser(), "burglaries", partnership=b.partnership)) == ["Northfield update"]
    assert titles(found(AnonymousUser(), "burglaries", board=b.board)) == ["Northfield update"]
    in_bromley = found(AnonymousUser(), "burglaries", board=june_2021.board)
    assert in_bromley.count >= 1
    assert "Northfield update" not in titles(in_bromley)
    june = datetime.date(2021, 6, 10)
    assert titles(found(AnonymousUser(), "burglaries", partnership=b.partnership, date_from=june, date_to=june)) == [
        "Northfield update"
    ]
    assert found(AnonymousUser(), "burglaries", partnership=b.partnership, date_to=june.replace(day=9)).count == 0
    assert found(AnonymousUser(), "burglaries", partnership=b.partnership, date_from=june.replace(day=11)).count == 0


def test_the_page_filters_and_says_so_beside_a_bad_date(client):
    b = make_partnership_b()
    new_item(b.published, "Northfield update", context="One burglary was reported.")
    page = client.get(reverse("search"), {"q": "burglaries", "partnership": b.partnership.pk}).content.decode()
    assert "1 result for ‘burglaries’" in page
    assert "Northfield update" in page
    assert "Safer Northfield Partnership Board, meeting of 10 June 2021" in page
    for params in ({"date_from": "2021-13-45"}, {"date_from": "2021-06-10", "date_to": "2021-06-01"},
                   {"board": "nonsense"}, {"partnership": "999999"}):  # fmt: skip
        response = client.get(reverse("search"), {"q": "burglaries"} | params)
        assert response.status_code == 200
        assert "govuk-error-summary" in response.content.decode()
        assert "result for" not in response.content.decode()


def test_results_come_in_pages_with_a_count_and_the_queries_do_not_grow(client, june_2021):
    def page(number):
        with CaptureQueriesContext(connection) as queries:
            body = client.get(reverse("search"), {"q": "narwhal", "page": number}).content.decode()
        return body, len(queries.captured_queries)

    for n in range(3):
        new_item(june_2021, f"Narwhal {n}")
    client.get(reverse("search"), {"q": "narwhal"})  # sessions and the like, once per process
    _, few = page(1)
    for n in range(3, 45):
        new_item(june_2021, f"Narwhal {n}")
    first, many = page(1)
    assert many == few
    assert "45 results for ‘narwhal’" in first
    assert first.count("Agenda item: Narwhal") == search.PER_PAGE
    last, _ = page(3)
    assert last.count("Agenda item: Narwhal") == 5
    assert 'aria-current="page">3<' in last
    assert page("not-a-number")[0].count("Agenda item: Narwhal") == search.PER_PAGE


ODD = ['"', '""burglary', "burglary*", "NEAR(burglary crime)", "-burglary", "burglary -crime", "((burglary",
       "burglary)", "title:burglary", "^burglary", "burglary OR AND NOT", "x' OR 1=1 --", "\\", "%_", "🙂 burglary",
       "a" * 10_000, "burglary\x00", "<script>burglary</script>"]  # fmt: skip


@pytest.mark.parametrize("query", ODD)
def test_a_query_of_odd_characters_is_answered_never_an_error(client, query):
    response = client.get(reverse("search"), {"q": query})
    assert response.status_code == 200
    page = response.content.decode()
    assert "<script>burglary" not in page
    if search.terms(query) == ["burglary"] and "\x00" not in query:  # a NUL is refused beside the field
        assert "Nothing you may read matches" not in page
        assert re.search(r"[1-9]\d* results? for", page)


@pytest.mark.parametrize(
    "query",
    ['""burglary', "burglary*", "-burglary", "((burglary", "burglary)", "^burglary", "burglary:", "🙂 burglary"],
)
def test_query_syntax_around_a_word_is_only_punctuation_to_both_databases(query):
    assert search.terms(query) == ["burglary"]
    assert found(AnonymousUser(), query).count == found(AnonymousUser(), "burglary").count > 0


def test_snippets_are_escaped_and_only_the_hits_marked(june_2021):
    new_item(june_2021, "<b>Ocelot</b>", context='<script>alert("ocelot")</script> & the ocelot survey')
    snippet = str(found(AnonymousUser(), "ocelot").page[0].snippet)
    assert "<mark>ocelot</mark>" in snippet
    unmarked = snippet.replace("<mark>", "").replace("</mark>", "")
    assert "<" not in unmarked
    assert ">" not in unmarked
    assert re.fullmatch(r"([^&]|&(lt|gt|amp|quot|#x27);)*", unmarked)


def test_a_snippet_is_cut_around_a_hit_far_into_a_long_paper_and_of_whole_words(june_2021):
    # Both databases cut it from a piece of the text holding a hit (boards/search_schema.py): wherever the hit
    # falls, at either edge of a piece or across one, the snippet holds it and no word the cut split.
    filler = " ".join(f"word{n}" for n in range(1000))  # about 8,900 characters, past many pieces
    shifts = range(600)  # a piece's start moves on by 600 characters: every offset within one
    for shift in shifts:
        new_item(june_2021, "Long paper", document_text=f"{'x' * shift} {filler} the quokka{shift} census, {filler}")
    for shift in shifts:
        snippet = str(found(AnonymousUser(), f"quokka{shift}").page[0].snippet)
        assert f"<mark>quokka{shift}</mark>" in snippet
        assert snippet.startswith("… "), (shift, snippet)  # the text goes on both ways
        assert snippet.endswith(" …"), (shift, snippet)
        words = snippet.replace("<mark>", "").replace("</mark>", "").replace("…", " ").split()
        assert 10 <= len(words) <= 48
        assert all(re.fullmatch(r"word\d+|the|quokka\d+|census,?", word) for word in words), (shift, words)


def test_a_snippet_is_cut_where_every_word_is_rather_than_at_the_first_common_one(june_2021):
    filler = " ".join(f"word{n}" for n in range(300))
    new_item(june_2021, "Zoo paper", document_text=f"The council met. {filler} the council counted a quokka. {filler}")
    snippet = str(found(AnonymousUser(), "council quokka").page[0].snippet)
    assert "<mark>council</mark> counted a <mark>quokka</mark>" in snippet


def pieces_of(rowid):
    """An index entry's pieces' texts, first to last, as each database cuts them (boards/search_schema.py)."""
    query = {
        "sqlite": ("SELECT body FROM boards_search_pieces WHERE rowid / %s = %s ORDER BY rowid",
                   [search_schema.PIECES_EACH, rowid]),
        "postgresql": ("SELECT boards_search_piece(body, 1 + %s * n) FROM boards_search, "
                       "generate_series(0, cardinality(pieces) - 1) AS n WHERE rowid = %s ORDER BY n",
                       [search_schema.STEP, rowid]),
    }[connection.vendor]  # fmt: skip
    with connection.cursor() as cursor:
        cursor.execute(*query)
        return [text for (text,) in cursor.fetchall()]


def test_a_text_is_cut_into_pieces_the_last_reaching_its_end_and_none_inside_the_one_before(june_2021):
    # Whether a snippet's text goes on is whether a piece follows its own (boards.search): true only while no piece
    # but the last reaches the end. PostgreSQL's cut one more inside the last wherever a text's length fell within
    # a piece's overlap; SQLite's, where the text's last word straddled a piece's nominal end (both seen).
    words = ("word", "a", "quokkas", "hi", "extraordinarily")  # edges fall in words of every length
    for length in (0, 5, *range(640, 1400, 9)):
        item = new_item(june_2021, "Pieces", document_text=" ".join(words * 100)[:length].rstrip())
        rowid, body = SearchDocument.objects.filter(agenda_item=item, kind="item").values_list("rowid", "body").get()
        body = body.rstrip()
        ends = []
        for n, piece in enumerate(pieces_of(rowid)):
            start = body.find(piece.strip(), n * search_schema.STEP)  # each begins within a word of its place
            assert start >= 0, (length, n, piece)
            ends.append(start + len(piece.strip()))
        assert ends[-1] == len(body), length
        assert all(end < len(body) for end in ends[:-1]), (length, ends)


def test_a_snippet_shows_where_the_text_goes_on_beyond_it(june_2021):
    # A snippet is cut from a piece of the text (boards/search_schema.py), whose edges neither database's snippet
    # function can see beyond: an ellipsis at an end says the text goes on, and none says it begins or ends there.
    filler = " ".join(f"word{n}" for n in range(300))
    new_item(june_2021, "Middle", document_text=f"{filler} the wombat census {filler}")
    new_item(june_2021, "Opening", document_text=f"Numbat census begins. {filler}")
    new_item(june_2021, "Ending", document_text=f"{filler} and so to the quoll.")
    new_item(june_2021, "Short", document_text="Write to the dugong.")  # ts_headline drops the full stop
    new_item(june_2021, "Whole", document_text="Only the bilby census")
    new_item(june_2021, "Title only cassowary", document_text=f"Nothing here. {filler}")
    snippets = {word: str(found(AnonymousUser(), word).page[0].snippet) for word in
                ("wombat", "numbat", "quoll", "bilby", "cassowary", "dugong")}  # fmt: skip
    edges = {word: (snippet.startswith("… "), snippet.endswith(" …")) for word, snippet in snippets.items()}
    assert edges == {  # (the text goes on before it, after it)
        "wombat": (True, True), "numbat": (False, True), "quoll": (True, False), "bilby": (False, False),
        "cassowary": (False, True), "dugong": (False, False),
    }, snippets  # fmt: skip
    assert snippets["numbat"].startswith("<mark>Numbat</mark> census")
    assert snippets["quoll"].rstrip(".").endswith("the <mark>quoll</mark>")
    assert snippets["bilby"] == "Only the <mark>bilby</mark> census"
    assert snippets["cassowary"].startswith("Nothing here.")


def test_the_nightly_upkeep_merges_the_index_and_every_entry_is_found_as_before(june_2021):
    from django.core.management import call_command

    for n in range(30):  # thirty saves, each a transaction and on SQLite a part of the index of its own
        new_item(june_2021, f"Okapi {n}", context=f"okapi census number{n}")
    before = [(hit.title, str(hit.snippet)) for hit in found(AnonymousUser(), "okapi").page]
    call_command("optimize_search", stdout=io.StringIO())
    assert [(hit.title, str(hit.snippet)) for hit in found(AnonymousUser(), "okapi").page] == before
    assert len(before) == 20
    if connection.vendor == "sqlite":  # FTS5's own check of each index against its text
        with connection.cursor() as cursor:
            for table in ("boards_search_fts", "boards_search_pieces"):
                cursor.execute(f"INSERT INTO {table} ({table}, rank) VALUES ('integrity-check', 1)")


def test_the_text_is_escaped_before_the_hits_are_marked():
    marks = f"<b>{search.START}hit{search.STOP}</b> & {search.START}unclosed {search.STOP}{search.STOP}"
    assert search.marked(marks) == "&lt;b&gt;<mark>hit</mark>&lt;/b&gt; &amp; <mark>unclosed </mark>"


def test_the_index_follows_every_save_and_delete(june_2021):
    item = new_item(june_2021, "Pangolin")
    assert found(AnonymousUser(), "pangolin").count == 1
    item.title = "Armadillo"
    item.save()
    assert found(AnonymousUser(), "pangolin").count == 0
    assert found(AnonymousUser(), "armadillo").count == 1
    AgendaItem.objects.filter(pk=item.pk).update(context="Tapir")  # a bulk update too
    assert found(AnonymousUser(), "tapir").count == 1
    AgendaItem.objects.filter(pk=item.pk).update(part=Part.EXEMPT, exempt_reason="Personal")
    assert found(AnonymousUser(), "tapir").count == 0  # redaction is asked at query time, not indexed
    pk = item.pk
    item.delete()
    assert not SearchDocument.objects.filter(agenda_item=pk).exists()


def test_a_changed_text_never_comes_back_under_an_old_rowid(june_2021):
    # A search reads its page's snippets by the rowids its access-filtered query found (boards.search): that is
    # safe only while a rowid names one text for good. The newest entry is the one SQLite would give again.
    item = new_item(june_2021, "Pangolin")
    (before,) = SearchDocument.objects.filter(agenda_item=item).values_list("rowid", flat=True)
    assert before == SearchDocument.objects.order_by("-rowid").values_list("rowid", flat=True).first()
    AgendaItem.objects.filter(pk=item.pk).update(part=Part.EXEMPT, exempt_reason="Personal", context="Secret tapir")
    (after,) = SearchDocument.objects.filter(agenda_item=item).values_list("rowid", flat=True)
    assert after > before
    assert not SearchDocument.objects.filter(rowid=before).exists()


def test_a_page_of_hits_is_read_by_the_rowids_the_filtered_query_found(june_2021):
    # Between the two queries the item turns Part 2 with new text: its page row is no longer found by that rowid.
    item = new_item(june_2021, "Pangolin survey", context="Pangolin")
    documents = search.access.searchable(AnonymousUser(), SearchDocument.objects.all())
    (rowid,) = search.BACKENDS[connection.vendor].ranked(documents, ["pangolin"]).values_list("rowid", flat=True)
    AgendaItem.objects.filter(pk=item.pk).update(part=Part.EXEMPT, exempt_reason="Personal", context="Pangolin tapir")
    rows = search.BACKENDS[connection.vendor].rows(
        SearchDocument.objects.filter(rowid__in=[rowid]), ["tapir"], ["title"]
    )
    assert not list(rows)


def test_every_page_has_the_search_box(client):
    page = client.get(reverse("home")).content.decode()
    assert f'action="{reverse("search")}"' in page
    assert '<label class="govuk-visually-hidden" for="header-search">' in page


@pytest.mark.parametrize(
    "data",
    [{}, {"q": 'a <b> "c"', "board": "BOARD", "date_from": "2021-13-01"}, {"partnership": "PARTNERSHIP", "q": "x"}],
)
def test_the_search_form_draws_each_field_as_django_s_own_widget_would(data):
    """The page draws its fields itself, for speed (boards.forms.control): they must be Django's widgets' HTML all
    the same, with what was typed and chosen kept and an error marked."""
    from django.test import SimpleTestCase

    from boards.forms import SearchForm, control
    from boards.models import Board
    from sbp.models import Partnership

    data = {
        key: {"BOARD": str(Board.objects.first().pk), "PARTNERSHIP": str(Partnership.objects.last().pk)}.get(v, v)
        for key, v in data.items()
    }
    form = SearchForm(data or None)
    form.is_valid()
    for name in form.fields:
        drawn = control(form[name])
        SimpleTestCase().assertHTMLEqual(drawn, str(form[name]))
