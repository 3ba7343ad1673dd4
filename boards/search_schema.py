"""The full-text index's tables and the triggers that keep it in step, in each database's own SQL.

`boards_search_source` is a view giving every searchable text of a meeting's business with what the redaction
policy asks about it (its meeting, agenda item and minute). `boards_search` is the index read by
boards.models.SearchDocument: on SQLite a table whose words an FTS5 table (porter stemming) indexes as its
external content (and a second FTS5 table of the pieces of each body, for snippets), on PostgreSQL a table with a
stored English tsvector (and one for each piece of its body) and a GIN index. Triggers on each source table
delete a changed row's entries and read them again from the view, so every save and delete, by a form, the admin,
a command or a bulk update, keeps the index in step, and nothing in Python has to remember to.

Django rebuilds a SQLite table to alter it, which drops its triggers; a migration that alters one of the source
tables must run `statements()` again (tests/boards/test_search.py fails when the index falls out of step).
"""

from django.db import migrations

# The longest text indexed per row: PostgreSQL's tsvector holds at most 1 MB.
MAX_CHARS = 200_000

REPORT_TEXT = [
    "report_number", "decision_maker", "decision_type", "chief_officer", "ward", "reason", "recommendations",
    "background_documents", "policy_implications", "financial_implications", "staff_implications",
    "legal_implications", "customer_impact", "ward_councillor_views",
]  # fmt: skip

COLUMNS = "title, body, kind, source_id, meeting_id, agenda_item_id, minute_id, report_id"


def _body(*parts):
    return f"substr({" || ' ' || ".join(parts)}, 1, {MAX_CHARS})"


NONE = "CAST(NULL AS INTEGER)"
VIEW = f"""CREATE VIEW boards_search_source AS
SELECT i.title AS title, {_body("i.context", "i.document_text")} AS body, 'item' AS kind, i.id AS source_id,
       i.meeting_id AS meeting_id, i.id AS agenda_item_id, {NONE} AS minute_id, {NONE} AS report_id
  FROM boards_agendaitem i
UNION ALL
SELECT r.title, {_body(*(f"r.{name}" for name in REPORT_TEXT))}, 'report', r.id,
       i.meeting_id, i.id, {NONE}, r.id
  FROM boards_report r JOIN boards_agendaitem i ON i.id = r.agenda_item_id
UNION ALL
SELECT a.title, {_body("a.body", "a.file_text")}, 'appendix', a.id, i.meeting_id, i.id, {NONE}, r.id
  FROM boards_reportappendix a JOIN boards_report r ON r.id = a.report_id
  JOIN boards_agendaitem i ON i.id = r.agenda_item_id
UNION ALL
SELECT m.title, {_body("m.text")}, 'minute', m.id, m.meeting_id, m.agenda_item_id, m.id, {NONE}
  FROM boards_minute m
UNION ALL
SELECT m.title, {_body("s.text")}, 'resolution', s.id, m.meeting_id, m.agenda_item_id, m.id, {NONE}
  FROM boards_resolution s JOIN boards_minute m ON m.id = s.minute_id
UNION ALL
SELECT t.action_by, {_body("t.description")}, 'action', t.id, m.meeting_id, m.agenda_item_id, m.id, {NONE}
  FROM boards_action t JOIN boards_minute m ON m.id = t.minute_id"""

# Which index entries a row of each source table is read into: `?` stands for the row's id.
ENTRIES_OF = {
    "boards_agendaitem": "agenda_item_id = ?",  # the item, its front sheet, appendices, minutes and actions
    "boards_report": "report_id = ?",
    "boards_reportappendix": "kind = 'appendix' AND source_id = ?",
    "boards_minute": "minute_id = ?",  # the minute, its resolutions and actions
    "boards_resolution": "kind = 'resolution' AND source_id = ?",
    "boards_action": "kind = 'action' AND source_id = ?",
}
# For the triggers' deletes, and the joins of a search.
INDEXES = [
    *(
        f"CREATE INDEX boards_search_{column} ON boards_search ({column})"
        for column in ("meeting_id", "agenda_item_id", "minute_id", "report_id")
    ),
    "CREATE INDEX boards_search_kind_source ON boards_search (kind, source_id)",
    # The Part 1 items a search may show (boards.redaction.shown_documents), without reading the items' rows.
    "CREATE INDEX boards_search_item_part ON boards_agendaitem (part)",
]
FILL = f"INSERT INTO boards_search ({COLUMNS}) SELECT {COLUMNS} FROM boards_search_source"


# A snippet is cut from the first piece of a text holding a searched word, not from the whole text: both databases
# read through all the text they cut a snippet from (FTS5 tokenizes it, PostgreSQL's ts_headline parses it), and
# twenty whole papers cost a search page more than all the rest of it (bench/search.py). So each entry's body is
# also indexed in pieces, PIECE characters every STEP (a word cut at one piece's end is whole at the next one's
# start). On SQLite the pieces are rows of their own FTS5 table, an entry's under rowids from its rowid times
# PIECES_EACH on, so that one entry's are a range FTS5 seeks to; on PostgreSQL each entry keeps its pieces' words.
PIECE, STEP = 700, 600
PIECES_EACH = 1000
assert PIECES_EACH * STEP > MAX_CHARS  # every piece of the longest text has a rowid of its entry's own
PIECES_OF = f"rowid BETWEEN {{0}}.rowid * {PIECES_EACH} AND {{0}}.rowid * {PIECES_EACH} + {PIECES_EACH - 1}"

# NEW.body with every other kind of space (line ends, tabs, form feeds, no-break spaces) made a space.
SPACES = "NEW.body"
for code in (9, 10, 12, 13, 160):
    SPACES = f"replace({SPACES}, char({code}), ' ')"


# NEW.body's pieces, each cut where a space is (FTS5's snippet may start at a piece's first word, and would show
# half of one): from the first space in a piece's first 100 characters, to the first space after its last (`after`,
# one beyond the piece's end). A next piece only where this one stops short of the text's end, so that the last
# piece reaches it and none lies wholly inside the one before (boards.search marks where a snippet's text goes on by
# whether a piece follows its own).
def _after(stop):
    return f"{stop} + coalesce(nullif(instr(substr(text, {stop} + 1, 100), ' '), 0), 101)"


SQLITE_PIECES = f"""WITH RECURSIVE
  spaced(text) AS (SELECT {SPACES}),
  piece(n, start, after) AS (
    SELECT 0, 1, {_after(PIECE)} FROM spaced UNION ALL
    SELECT n + 1, (n + 1) * {STEP} + 1, {_after(f"(n + 1) * {STEP} + {PIECE}")} FROM piece, spaced
     WHERE after <= length(text)
  ),
  cut(n, text, first, after) AS (
    SELECT n, text, start + CASE WHEN n = 0 THEN 0 ELSE instr(substr(text, start, 100), ' ') END, after
      FROM piece, spaced
  )
SELECT NEW.rowid * {PIECES_EACH} + n, substr(text, first, after - first) FROM cut"""


def sqlite_statements():
    statements = [
        VIEW,
        # AUTOINCREMENT: an entry's rowid is never given again, as PostgreSQL's bigserial never is. A changed row's
        # entries are deleted and read again, so a rowid names one text for good, and a search may fetch a page's
        # snippets by the rowids its access-filtered query found (boards.search). Without it SQLite gives the
        # newest entry's rowid to its replacement.
        "CREATE TABLE boards_search (rowid INTEGER PRIMARY KEY AUTOINCREMENT, kind varchar(20) NOT NULL, "
        "source_id integer NOT NULL, "
        "meeting_id integer NOT NULL, agenda_item_id integer, minute_id integer, report_id integer, "
        "title text NOT NULL, body text NOT NULL)",
        *INDEXES,
        # The words, indexed over the table above (external content): filtering on the keys never reads a body.
        "CREATE VIRTUAL TABLE boards_search_fts USING fts5(title, body, content = 'boards_search', "
        "content_rowid = 'rowid', tokenize = 'porter unicode61 remove_diacritics 2')",
        "CREATE VIRTUAL TABLE boards_search_pieces USING fts5(body, tokenize = 'porter unicode61 remove_diacritics 2')",
        "CREATE TRIGGER boards_search_fts_insert AFTER INSERT ON boards_search BEGIN "
        "INSERT INTO boards_search_fts (rowid, title, body) VALUES (NEW.rowid, NEW.title, NEW.body); "
        f"INSERT INTO boards_search_pieces (rowid, body) {SQLITE_PIECES}; END",
        "CREATE TRIGGER boards_search_fts_delete AFTER DELETE ON boards_search BEGIN "
        "INSERT INTO boards_search_fts (boards_search_fts, rowid, title, body) "
        "VALUES ('delete', OLD.rowid, OLD.title, OLD.body); "
        f"DELETE FROM boards_search_pieces WHERE {PIECES_OF.format('OLD')}; END",
    ]
    for table, entries in ENTRIES_OF.items():
        old, new = entries.replace("?", "OLD.id"), entries.replace("?", "NEW.id")
        remove = f"DELETE FROM boards_search WHERE {old};"
        add = f"{FILL} WHERE {new};"
        statements += [
            f"CREATE TRIGGER {table}_search_insert AFTER INSERT ON {table} BEGIN {add} END",
            f"CREATE TRIGGER {table}_search_update AFTER UPDATE ON {table} BEGIN {remove} {add} END",
            f"CREATE TRIGGER {table}_search_delete AFTER DELETE ON {table} BEGIN {remove} END",
        ]
    return [*statements, FILL]


POSTGRESQL_SYNC = f"""CREATE FUNCTION boards_search_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    EXECUTE 'DELETE FROM boards_search WHERE ' || TG_ARGV[0] USING OLD.id;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    EXECUTE '{FILL} WHERE ' || TG_ARGV[0] USING NEW.id;
  END IF;
  RETURN NULL;
END $$"""
# TRUNCATE (Django's flush, so a restore and every transactional test) fires no row triggers: after one, the index
# is read again from the rows that are left, so it never keeps entries of rows taken away (which a reset sequence
# could then give to other business).
POSTGRESQL_REFILL = f"""CREATE FUNCTION boards_search_refill() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM boards_search;
  {FILL};
  RETURN NULL;
END $$"""


# The piece of `body` from `start`, less a word either edge cuts (a word is cut where the character beyond the
# edge is not a space): the words stored for each piece and the text its headline is cut from are both this, so
# neither a half-word ("council" of "councillors") matches nor a whole word at an edge is lost.
POSTGRESQL_PIECE = f"""CREATE FUNCTION boards_search_piece(body text, start integer) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT regexp_replace(regexp_replace(substr(body, start, {PIECE}),
           CASE WHEN start > 1 AND substr(body, start - 1, 1) ~ '\\S' THEN '^\\S*' ELSE '^' END, ''),
           CASE WHEN substr(body, start + {PIECE}, 1) ~ '\\S' THEN '\\S*$' ELSE '$' END, '')
$$"""
# A next piece only where the one before stops short of the body's end, as SQLite's are: so the last piece reaches
# the end, none lies wholly inside the one before, and a snippet's text goes on past its piece unless that is the last.
POSTGRESQL_PIECES = f"""CREATE FUNCTION boards_search_pieces(body text) RETURNS tsvector[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(array_agg(to_tsvector('english', boards_search_piece(body, start)) ORDER BY start), '{{}}')
    FROM generate_series(1, greatest(length(body) - {PIECE - STEP}, 1), {STEP}) AS start
$$"""
# Marks around a hit in a snippet, chosen rather than HTML so that the text can be escaped before the hits are
# marked (boards.search.marked).
START, STOP = "\x02", "\x03"
# Between a snippet's fragments, and where its text goes on: the headline function below splits a snippet at it.
GAP = " … "
# The headline of the first piece holding every searched word, else of the first holding any (so that a common word
# early in a paper does not hide the rarer one further in), else of the body's start (only the title holds them);
# with an ellipsis at either end where the text goes on beyond it (ts_headline puts one only between fragments).
# PL/pgSQL rather than SQL: a SQL function this long is not inlined, and its per-call start cost twice as much.
POSTGRESQL_HEADLINE = f"""CREATE FUNCTION boards_search_headline(pieces tsvector[], body text, every_word tsquery,
  any_word tsquery, options text) RETURNS text LANGUAGE plpgsql STABLE PARALLEL SAFE AS $$
DECLARE
  words tsvector;
  start integer := 1;
  chosen integer;
  first_any integer;
  piece text;
  headline text;
  shown text;
  before integer;
  after integer;
BEGIN
  FOREACH words IN ARRAY pieces LOOP
    IF words @@ every_word THEN
      chosen := start;
      EXIT;
    END IF;
    IF first_any IS NULL AND words @@ any_word THEN
      first_any := start;
    END IF;
    start := start + {STEP};
  END LOOP;
  chosen := coalesce(chosen, first_any, 1);
  piece := boards_search_piece(body, chosen);
  headline := btrim(ts_headline('english', piece, any_word, options));
  -- Where the headline's first and last fragments lie in the piece: ts_headline drops punctuation and short words
  -- at a fragment's edges, so what counts as more text beyond one is a word.
  shown := translate(headline, chr({ord(START)}) || chr({ord(STOP)}), '');
  IF shown !~ '\\w' THEN
    RETURN headline;
  END IF;
  before := strpos(piece, split_part(shown, '{GAP}', 1));
  after := strpos(reverse(piece), reverse(split_part(shown, '{GAP}', -1)));
  IF chosen > 1 OR before = 0 OR left(piece, before - 1) ~ '\\w' THEN
    headline := '{GAP.lstrip()}' || headline;
  END IF;
  IF chosen < 1 + (cardinality(pieces) - 1) * {STEP} OR after = 0 OR right(piece, after - 1) ~ '\\w' THEN
    headline := headline || '{GAP.rstrip()}';
  END IF;
  RETURN headline;
END $$"""


def postgresql_statements():
    statements = [
        VIEW,
        POSTGRESQL_PIECE,
        POSTGRESQL_PIECES,
        "CREATE TABLE boards_search (rowid bigserial PRIMARY KEY, title text NOT NULL, body text NOT NULL, "
        "kind varchar(20) NOT NULL, source_id bigint NOT NULL, meeting_id bigint NOT NULL, agenda_item_id bigint, "
        "minute_id bigint, report_id bigint, vector tsvector GENERATED ALWAYS AS "
        "(setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', body), 'B')) STORED, "
        "pieces tsvector[] GENERATED ALWAYS AS (boards_search_pieces(body)) STORED)",
        # fastupdate off: GIN's pending list of new entries, until a vacuum merges it, makes the planner cost the
        # index so high that it reads (and decompresses) every entry's vector instead (bench/search.py: 3x slower).
        "CREATE INDEX boards_search_vector ON boards_search USING GIN (vector) WITH (fastupdate = off)",
        POSTGRESQL_HEADLINE,
        *INDEXES,
        POSTGRESQL_SYNC,
        POSTGRESQL_REFILL,
    ]
    for table, entries in ENTRIES_OF.items():
        argument = entries.replace("?", "$1").replace("'", "''")
        statements.append(
            f"CREATE TRIGGER {table}_search AFTER INSERT OR UPDATE OR DELETE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION boards_search_sync('{argument}')"
        )
        statements.append(
            f"CREATE TRIGGER {table}_search_truncate AFTER TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION boards_search_refill()"
        )
    return [*statements, FILL]


# Nightly upkeep (manage.py optimize_search): FTS5 writes each transaction's entries as a new b-tree segment and
# merges them only a few at a time, so an index built by years of saves is read in dozens of segments; a snippet
# looks an entry's pieces up in every one (bench/search.py: 3 ms a page, 1.5 ms once merged into one). PostgreSQL's
# GIN index takes each entry in at once (fastupdate off); its statistics, which the planner's choice of that index
# rests on, are refreshed.
SQLITE_UPKEEP = [
    f"INSERT INTO {table} ({table}) VALUES ('optimize')" for table in ("boards_search_fts", "boards_search_pieces")
]
POSTGRESQL_UPKEEP = ["ANALYZE boards_search"]


def upkeep_statements(vendor):
    return {"sqlite": SQLITE_UPKEEP, "postgresql": POSTGRESQL_UPKEEP}[vendor]


def statements(vendor):
    return {"sqlite": sqlite_statements, "postgresql": postgresql_statements}[vendor]()


def drop_statements(vendor):
    triggers = [
        f"DROP TRIGGER IF EXISTS {table}_search_{event}" if vendor == "sqlite" else
        f"DROP TRIGGER IF EXISTS {table}_search{event} ON {table}"
        for table in ENTRIES_OF
        for event in (("insert", "update", "delete") if vendor == "sqlite" else ("", "_truncate"))
    ]  # fmt: skip
    functions = ["boards_search_sync()", "boards_search_refill()"] if vendor == "postgresql" else []
    function = [f"DROP FUNCTION IF EXISTS {name}" for name in functions]
    words = (
        ["DROP TABLE IF EXISTS boards_search_fts", "DROP TABLE IF EXISTS boards_search_pieces"]
        if vendor == "sqlite"
        else []
    )
    tables = [
        "DROP INDEX IF EXISTS boards_search_item_part",
        "DROP TABLE IF EXISTS boards_search",
        "DROP VIEW IF EXISTS boards_search_source",
    ]
    # After the table, whose column is made by one of them.
    pieces = ["boards_search_headline", "boards_search_pieces", "boards_search_piece"] if vendor == "postgresql" else []
    cutting = [f"DROP FUNCTION IF EXISTS {name}" for name in pieces]
    return [*triggers, *function, *words, *tables, *cutting]


class RebuildIndex(migrations.RunSQL):
    """A migration's step: drop the full-text index, its view, triggers and functions, and create them again as
    this module now has them, in the migrating database's dialect. The index is read again from the rows it comes
    from, so nothing is lost; backwards it is rebuilt the same way (the schemas before had the same tables)."""

    def __init__(self, description):
        super().__init__(sql=[], reverse_sql=[])
        self.description = description

    def deconstruct(self):
        return self.__class__.__qualname__, [self.description], {}

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        vendor = schema_editor.connection.vendor
        for statement in [*drop_statements(vendor), *statements(vendor)]:
            schema_editor.execute(statement, params=None)

    database_backwards = database_forwards

    def describe(self):
        return self.description
