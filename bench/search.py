"""Benchmark: a full-text search over 200 meetings with papers, as a ratio to the trivial template view
(/accessibility/), both requested through Django's full stack (middleware, sessions, templates) in one process.

Set-up builds a throwaway database (SQLite, or DATABASE_URL's, which must be empty): the demo data, then 200
published meetings with approved minutes, each with six agenda items (one Part 2) whose papers are real PDFs
read by pypdf once at upload as the agenda form does, a minute and an action per item; then the night's upkeep of
the index (manage.py optimize_search) and a day's fifty saves after it. Each round then requests,
in a rotating order: the trivial view, a search as the public, a search as a board member (who also sees
Part 2 and drafts, so the redaction conditions are the longest), and the trivial view as that board member.
Every search is for words not searched before, and the data version is bumped before each request, so no cache
of ours or of the database's plan for that query helps (the cold path). Nothing is warmed but one request per side.
Target: each search's median under 10x the trivial view's.

Run: .venv/bin/python bench/search.py [--rounds 60]
     DATABASE_URL=postgres://USER@HOST:PORT/EMPTY_DB .venv/bin/python bench/search.py
"""

import argparse
import io
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MEETINGS, ITEMS_EACH, PAPERS = 200, 6, 12
VOCABULARY = (
    "burglary robbery vehicle theft lighting patrol housing tenancy youth diversion knife crime domestic abuse "
    "violence injury hate incident graffiti littering noise nuisance licensing alcohol drugs county lines "
    "exploitation safeguarding refuge outreach mentoring cameras wardens parks transport station shoplifting "
    "fraud scams elderly vulnerable mediation restorative justice probation offender reoffending prevention "
    "funding budget commissioning contract tender evaluation survey consultation residents partnership"
)
WORDS = VOCABULARY.split()
# --realistic: papers' words follow Zipf's law over a larger vocabulary, as real text does (a few words in every
# paper, most in a few), and the searches are for words a reader would pick from it at random. The default keeps
# the harsh case: 60 words, so every search matches nearly every entry and all of them are ranked.
REALISTIC_WORDS = 3000


def vocabulary(realistic):
    if not realistic:
        return WORDS, None
    words = WORDS + [f"term{n}" for n in range(REALISTIC_WORDS - len(WORDS))]
    return words, [1 / rank for rank in range(1, len(words) + 1)]


def text(rng, k):
    return " ".join(rng.choices(WORDS_IN_USE, weights=WEIGHTS, k=k))


WORDS_IN_USE, WEIGHTS = WORDS, None


def environment(folder):
    return {
        "DATABASE_URL": os.environ.get("DATABASE_URL") or f"sqlite:///{folder}/bench.sqlite3",
        "DJANGO_SETTINGS_MODULE": "sbp.settings",
        "DJANGO_DEBUG": "1",  # the demo sign-ins and the demo data need it; templates are cached either way
        "DJANGO_MEDIA_ROOT": f"{folder}/media",
        "DJANGO_LOG_LEVEL": "WARNING",
        "DJANGO_TASKS_BACKEND": "django.tasks.backends.immediate.ImmediateBackend",
        "DJANGO_STATIC_MANIFEST": "0",
    }


def papers(rng):
    """A dozen real PDFs of about 1,500 words each, read back by pypdf as an upload is."""
    from weasyprint import HTML

    from boards import paper_text

    texts = []
    for n in range(PAPERS):
        pages = "".join(f"<p>{text(rng, 150)}.</p>" for _ in range(10))
        file = io.BytesIO(HTML(string=f"<h1>Paper {n}</h1>{pages}").write_pdf())
        texts.append(paper_text.read(file))
    return texts


def setup(folder):
    os.environ.update(environment(folder))
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    from boards.models import Action, AgendaItem, Board, Meeting, Minute, Part

    call_command("migrate", verbosity=0)
    call_command("seed_demo", "--without-packs", stdout=io.StringIO())
    rng = random.Random(2021)
    texts = papers(rng)
    board = Board.objects.get(partnership__slug="safer-bromley")
    start = datetime(2000, 1, 6, 10, 0, tzinfo=UTC)
    for n in range(MEETINGS):
        when = start + timedelta(days=30 * n)
        meeting = Meeting.objects.create(
            board=board, starts_at=when, status=Meeting.Status.HELD, agenda_published_at=when - timedelta(days=7)
        )
        for i in range(1, ITEMS_EACH + 1):
            exempt = i == ITEMS_EACH
            item = AgendaItem.objects.create(
                meeting=meeting, number=i, position=i, title=text(rng, 4).title(),
                context=text(rng, 60), document_text=rng.choice(texts),
                part=Part.EXEMPT if exempt else Part.PUBLIC, exempt_reason="Financial affairs" if exempt else "",
            )  # fmt: skip
            minute = Minute.objects.create(
                meeting=meeting, agenda_item=item, number=n * ITEMS_EACH + i + 1000, title=item.title,
                text=text(rng, 120),
            )  # fmt: skip
            Action.objects.create(minute=minute, description=text(rng, 15), action_by="SB")
    later = Meeting.objects.order_by("-starts_at").first()
    Meeting.objects.filter(board=board, starts_at__lt=later.starts_at).update(
        minutes_status=Meeting.MinutesStatus.APPROVED, minutes_approved_by=later
    )
    # The index as a search meets it by day: merged by the night's upkeep (README), then a day's fifty saves on top,
    # each in a transaction of its own, as the officers' edits are.
    call_command("optimize_search", stdout=io.StringIO())
    for pk in list(AgendaItem.objects.order_by("pk").values_list("pk", flat=True))[::24][:50]:
        item = AgendaItem.objects.get(pk=pk)
        item.context = text(rng, 60)
        item.save()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=60)
    parser.add_argument("--keep", help="build the database in this folder and leave it there (SQLite)")
    parser.add_argument("--realistic", action="store_true", help="Zipf-distributed words over a larger vocabulary")
    options = parser.parse_args()
    global WORDS_IN_USE, WEIGHTS
    WORDS_IN_USE, WEIGHTS = vocabulary(options.realistic)
    with tempfile.TemporaryDirectory() as scratch:
        folder = options.keep or scratch
        started = time.perf_counter()
        setup(folder)
        made = time.perf_counter() - started
        from django.contrib.auth.models import User
        from django.db import connection
        from django.test import Client

        from boards.models import SearchDocument
        from sbp import data_version

        public, member = Client(HTTP_HOST="localhost"), Client(HTTP_HOST="localhost")
        member.force_login(User.objects.get(username="member"))
        rng = random.Random(17)
        pool = WORDS_IN_USE[:400] if options.realistic else WORDS  # searched words: a reader's, not the rarest
        pairs = iter(rng.sample([f"{a} {b}" for a in pool for b in pool if a < b], k=2 * options.rounds + 2))
        sides = {
            "trivial view (/accessibility/)": lambda: public.get("/accessibility/"),
            "search, the public": lambda: public.get("/search/", {"q": next(pairs)}),
            "search, a board member": lambda: member.get("/search/", {"q": next(pairs)}),
            # A signed-in request pays for its session, user and roles on any page: the member's search is also
            # compared with the member's own trivial view, so that cost is not counted as the search's.
            "trivial view, a board member": lambda: member.get("/accessibility/"),
        }
        for request in sides.values():  # one request each: imports, sessions, template loading
            assert request().status_code == 200
        times = {side: [] for side in sides}
        names = list(sides)
        for round_number in range(options.rounds):
            shift = round_number % len(names)
            for side in names[shift:] + names[:shift]:
                data_version.changed()
                begun = time.perf_counter()
                response = sides[side]()
                times[side].append(time.perf_counter() - begun)
                assert response.status_code == 200
        entries = SearchDocument.objects.count()
    base = statistics.median(times[names[0]])
    print(f"{connection.vendor}, {'realistic' if options.realistic else 'harsh'} vocabulary: {MEETINGS} meetings, "
          f"{entries} index entries (set-up {made:.0f} s); "
          f"{options.rounds} rounds, interleaved in a rotating order")  # fmt: skip
    print("  side                              median      p10-p90         min-max        vs trivial")
    for side, runs in times.items():
        median, deciles = statistics.median(runs), statistics.quantiles(runs, n=10)
        print(
            f"  {side:32} {median * 1000:7.1f} ms  {deciles[0] * 1000:6.1f}-{deciles[-1] * 1000:6.1f} ms"
            f"  {min(runs) * 1000:6.1f}-{max(runs) * 1000:6.1f} ms  {median / base:5.1f}x"
        )
    own_ratio = statistics.median(times["search, a board member"]) / statistics.median(times[names[3]])
    print(f"  the board member's search against the board member's trivial view: {own_ratio:.1f}x")
    print("target: each search's median under 10x the trivial view's")


if __name__ == "__main__":
    main()
