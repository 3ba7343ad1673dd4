"""Full-text search of meetings' business as one user may see it: one interface, a backend per database.

`search(user, query, filters, page)` is all a caller needs. The index (boards.models.SearchDocument, kept in step
by the database: boards/search_schema.py) is filtered by access and redaction first, so withheld business is
never ranked, counted or paged; then the backend of the database in use matches, ranks and cuts the snippets.
"""

import functools
import json
import operator
import re
from dataclasses import dataclass

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVectorField
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import F, TextField
from django.db.models.expressions import RawSQL
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe

from boards import access, search_schema
from boards.models import SearchDocument

PER_PAGE = 20
MAX_TERMS = 20
START, STOP, GAP = search_schema.START, search_schema.STOP, search_schema.GAP
MARKED = re.compile(f"{START}([^{START}{STOP}]*){STOP}")
SNIPPET_WORDS = 24


@dataclass(frozen=True)
class Filters:
    board: object = None
    partnership: object = None
    date_from: object = None
    date_to: object = None

    def apply(self, documents):
        if self.board:
            documents = documents.filter(meeting__board=self.board)
        if self.partnership:
            documents = documents.filter(meeting__board__partnership=self.partnership)
        if self.date_from:
            documents = documents.filter(meeting__starts_at__date__gte=self.date_from)
        if self.date_to:
            documents = documents.filter(meeting__starts_at__date__lte=self.date_to)
        return documents


@dataclass(frozen=True)
class Hit:
    kind: str
    title: str
    snippet: str  # safe HTML: the escaped text with its hits in <mark>
    meeting_id: int
    board: str  # the meeting's board's name
    held_on: str  # the meeting's date as the page prints it ("17 June 2021")
    url: str


@dataclass(frozen=True)
class Results:
    terms: list
    page: object  # a django.core.paginator.Page of Hits

    @property
    def count(self):
        return self.page.paginator.count

    def page_numbers(self):
        """The pages to link to: the first and last, and two either side of this one; None for a gap."""
        paginator = self.page.paginator
        numbers = paginator.get_elided_page_range(self.page.number, on_each_side=2, on_ends=1)
        return [None if number == paginator.ELLIPSIS else number for number in numbers]


def terms(query):
    """The words searched for: letters and digits only, so no query syntax (quotes, *, NEAR, -, brackets) reaches
    either database's parser."""
    return re.findall(r"\w+", query)[:MAX_TERMS]


def marked(snippet):
    """The snippet as HTML: every character escaped, then the hits the database marked put in <mark>."""
    html = MARKED.sub(r"<mark>\1</mark>", escape(snippet or ""))
    return mark_safe(html.replace(START, "").replace(STOP, ""))  # escaped above: only our <mark> is HTML


class SQLite:
    """FTS5 with the porter tokenizer: terms each quoted (a phrase of one word), bm25 ranking, snippet()."""

    def matching(self, documents, words, select, select_params=()):
        """`documents` joined to the FTS5 table's rows matching every word (Django has no other way to join a
        virtual table); `select`: SQL of its auxiliary functions (bm25, snippet) to add by name."""
        where = ['"boards_search_fts"."rowid" = "boards_search"."rowid"', '"boards_search_fts" MATCH %s']
        return documents.extra(
            tables=["boards_search_fts"], where=where, params=[phrases(words, "AND")], select=select,
            select_params=select_params,
        )  # fmt: skip

    def ranked(self, documents, words):
        return self.matching(documents, words, {"rank": '-bm25("boards_search_fts", 4.0, 1.0)'})

    def rows(self, documents, words, fields):
        # Cut from the entry's first piece holding every word, else from its first holding any (so that a common
        # word early in a paper does not hide the rarer one further in: boards/search_schema.py); from the whole
        # body only when no piece holds one, where the title alone matched. Each as JSON: whether the text begins
        # before the piece and goes on after it (FTS5's snippet knows only the piece's own edges), and the snippet.
        marks = f"'{START}', '{STOP}', '{GAP}', {SNIPPET_WORDS}"
        pieces = '"boards_search_pieces"'  # (and `%%` is `%`: Django formats the SQL with its parameters)
        first_piece = (
            f"(SELECT json_array({pieces}.rowid %% {search_schema.PIECES_EACH} > 0, "
            f"EXISTS (SELECT 1 FROM {pieces} AS next WHERE next.rowid = {pieces}.rowid + 1), "
            f"snippet({pieces}, 0, {marks})) FROM {pieces} WHERE {pieces} MATCH %s AND {pieces}."
            f"{search_schema.PIECES_OF.format('"boards_search"')} ORDER BY {pieces}.rowid LIMIT 1)"
        )
        whole_body = f'json_array(0, 0, snippet("boards_search_fts", 1, {marks}))'
        snippet = f"coalesce({first_piece}, {first_piece}, {whole_body})"
        choices = [phrases(words, "AND"), phrases(words, "OR")]
        rows = self.matching(documents, words, {"snippet": snippet}, choices).values("rowid", *fields, "snippet")
        return [row | {"snippet": framed(*json.loads(row["snippet"]))} for row in rows]


def phrases(words, joint):
    """FTS5's query of the words, each quoted (a phrase of one word, so that no word is read as syntax) and joined
    by AND or OR."""
    return f" {joint} ".join(f'"{word}"' for word in words)


def framed(begun, goes_on, snippet):
    """The snippet with an ellipsis at either end where the text goes on beyond it, once."""
    snippet = snippet.strip()
    if begun and not snippet.startswith(GAP.strip()):
        snippet = GAP.lstrip() + snippet
    if goes_on and snippet and not snippet.endswith(GAP.strip()):
        snippet += GAP.rstrip()
    return snippet


class PostgreSQL:
    """PostgreSQL full-text search, config 'english', over the index's stored tsvector (title weighted above body)."""

    def query(self, words):
        return SearchQuery(" ".join(words), config="english", search_type="plain")

    def ranked(self, documents, words):
        vector = RawSQL('"boards_search"."vector"', [], output_field=SearchVectorField())
        query = self.query(words)
        return documents.annotate(vector=vector).filter(vector=query).annotate(rank=SearchRank(F("vector"), query))

    def rows(self, documents, words, fields):
        # The snippet marks any of the words the piece holds, as FTS5's does.
        any_word = functools.reduce(operator.or_, (self.query([word]) for word in words))
        snippet = Snippet(
            self.query(words), any_word, start_sel=START, stop_sel=STOP, max_fragments=2, min_words=10,
            max_words=SNIPPET_WORDS, fragment_delimiter=GAP,
        )  # fmt: skip
        return list(documents.annotate(snippet=snippet).values("rowid", *fields, "snippet"))


class Snippet(SearchHeadline):
    """ts_headline's options and quoting, of the piece of an entry's body holding the searched words
    (boards_search_headline: boards/search_schema.py) rather than of the whole body."""

    function = "boards_search_headline"

    def __init__(self, every_word, any_word, **options):
        super().__init__("body", any_word, **options)
        pieces = RawSQL('"boards_search"."pieces"', [], output_field=TextField())
        body, any_word = self.get_source_expressions()
        self.set_source_expressions([pieces, body, every_word, any_word])


BACKENDS = {"sqlite": SQLite(), "postgresql": PostgreSQL()}


# A page's hits are read as plain values, not as entries with their meetings and boards: building three model
# instances a hit cost more than its snippet (bench/search.py).
HIT_FIELDS = ("kind", "title", "source_id", "meeting_id", "minute_id", "meeting__board__name",
              "meeting__starts_at")  # fmt: skip


def link(row):
    if row["kind"] == SearchDocument.Kind.ACTION:
        return reverse("action-detail", args=[row["source_id"]])
    part = "minutes" if row["minute_id"] else "agenda"
    return f"{reverse('meeting-detail', args=[row['meeting_id']])}#{part}"


def hit(row, held_on):
    return Hit(
        SearchDocument.Kind(row["kind"]).label, row["title"], marked(row["snippet"]), row["meeting_id"],
        row["meeting__board__name"], held_on, link(row),
    )  # fmt: skip


def dates(rows):
    """Each meeting's date in words, formatted once a meeting: the template's date filter on every hit cost a
    search page more than its pagination (bench/search.py)."""
    starts = {row["meeting_id"]: row["meeting__starts_at"] for row in rows}
    return {meeting: formats.date_format(timezone.localtime(when), "j F Y") for meeting, when in starts.items()}


def search(user, query, filters, page):
    """The page of hits (best first) of what `user` may see matching `query`, within `filters`."""
    words = terms(query)
    if not words:
        return Results(words, Paginator([], PER_PAGE).get_page(1))
    documents = filters.apply(access.searchable(user, SearchDocument.objects.all()))
    backend = BACKENDS[connection.vendor]
    # Every match's id, best first, in one query: how many there are is the count, and a slice of them the page
    # (a separate COUNT would match, join and filter every entry a second time).
    ranked = backend.ranked(documents, words).order_by("-rank", "-meeting__starts_at", "rowid")
    paged = Paginator(list(ranked.values_list("rowid", flat=True)), PER_PAGE).get_page(page)
    # Then the page's rows with their snippets, cut for those alone (a snippet of every match would cost more than
    # the rest), read by rowid: an entry's rowid names one text for good (a changed row's entries, a change of Part
    # included, are read again under new rowids: boards/search_schema.py), so these are the texts the
    # access-filtered query found, and one changed since is not found. Whatever else changed in between (a role, a
    # meeting's minutes) gives the page as it stood a moment before, as any one query would. Asking access a
    # second time cost a search a fifth of its time (bench/search.py).
    rows = backend.rows(SearchDocument.objects.filter(rowid__in=paged.object_list), words, HIT_FIELDS)
    found = {row["rowid"]: row for row in rows}
    held_on = dates(found.values())
    paged.object_list = [hit(row, held_on[row["meeting_id"]]) for row in map(found.get, paged.object_list) if row]
    return Results(words, paged)
