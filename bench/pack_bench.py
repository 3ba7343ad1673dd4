"""Benchmark: building a ~100-page agenda pack in a cold process, as a ratio to WeasyPrint alone rendering the
same final HTML to the same PDF variant (PDF/UA-1), also in a cold process.

Each side is a fresh Python process, timed from start to exit, so both pay interpreter start-up, imports and
Django set-up, and nothing is warmed for one side only. Three sides, interleaved in a rotating order per round:
- build, charts never drawn: the chart store is emptied first, so kaleido starts Chromium and draws every chart
  (the first build after new figures arrive);
- build, charts drawn before: the usual case, a rebuild or the other audience's pack of the same figures;
- WeasyPrint alone on the final HTML the build produced.
Target: a cold build at most 1.3x WeasyPrint alone.

Run: .venv/bin/python bench/pack_bench.py [--rounds N]
"""

import argparse
import io
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
APPENDICES = [(4, "a", 18), (5, "a", 24)]  # the strategy document and the crime needs assessment, as uploaded


def environment(folder):
    return os.environ | {
        "DATABASE_URL": os.environ.get("DATABASE_URL") or f"sqlite:///{folder}/bench.sqlite3",
        "DJANGO_SETTINGS_MODULE": "sbp.settings",
        "DJANGO_DEBUG": "1",
        "DJANGO_MEDIA_ROOT": f"{folder}/media",
        "PYTHONPATH": str(ROOT),
    }


def django_setup(folder):
    os.environ.update(environment(folder))
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def setup(folder):
    """The demo with real figures, two long appendices uploaded, and the final HTML of the public pack saved."""
    django_setup(folder)
    from django.core.files.base import ContentFile
    from django.core.management import call_command
    from weasyprint import HTML

    from boards import pack, redaction
    from boards.models import Meeting
    from sbp import charts, pdf

    quiet = io.StringIO()
    call_command("migrate", verbosity=0)
    call_command("seed_demo", "--without-packs", stdout=quiet)
    call_command("import_crime", str(DATA / "MPS_Borough_Level_Crime_Historical_201004-202201.csv"), stdout=quiet)
    call_command("import_population", str(DATA / "ons_mye_london_population_2011-2024_long.csv"), stdout=quiet)
    meeting = Meeting.objects.get(starts_at__date="2021-06-17")
    for number, suffix, pages in APPENDICES:
        body = "".join(
            f'<h1 style="break-before: page">Appendix page {n}</h1><p>{"Text. " * 300}</p>' for n in range(pages)
        )
        item = meeting.agenda_items.get(number=number, suffix=suffix)
        item.document.save(f"{number}{suffix}.pdf", ContentFile(HTML(string=f"<body>{body}</body>").write_pdf()))
    papers = pack.contents(meeting, redaction.PUBLIC_PACK)
    for section in papers:
        if section.document:
            section.page_count = pdf.page_count(section.document)
    final = pack.html(meeting, papers, False, charts.to_svg(pack.chart_figures(papers)))
    (Path(folder) / "final.html").write_text(final)
    _, pages = pack.build(meeting, restricted=False)
    return meeting.pk, pages


def child(kind, folder, meeting_id):
    """One side, in this (fresh) process."""
    django_setup(folder)
    if kind == "weasyprint":
        from weasyprint import HTML

        from sbp import pdf

        html = (Path(folder) / "final.html").read_text()
        HTML(string=html, base_url=pdf.STATIC_BASE, url_fetcher=pdf.StaticFilesFetcher()).write_pdf(
            pdf_variant="pdf/ua-1"
        )
        return
    from boards import pack
    from boards.models import Meeting

    pack.build(Meeting.objects.get(pk=meeting_id), restricted=False)


def empty_chart_store():
    from sbp.models import DrawnChart

    DrawnChart.objects.all().delete()


def timed(kind, folder, meeting_id):
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, __file__, "--child", kind, "--folder", folder, "--meeting", str(meeting_id)],
        env=environment(folder), check=True, capture_output=True,
    )  # fmt: skip
    return time.perf_counter() - started


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--child")
    parser.add_argument("--folder")
    parser.add_argument("--meeting", type=int)
    options = parser.parse_args()
    if options.child:
        return child(options.child, options.folder, options.meeting)
    sides = ["build, charts never drawn", "build, charts drawn before", "WeasyPrint alone"]
    times = {side: [] for side in sides}
    with tempfile.TemporaryDirectory() as folder:
        meeting_id, pages = setup(folder)
        for round_number in range(options.rounds):
            shift = round_number % len(sides)
            for side in sides[shift:] + sides[:shift]:
                if side == "build, charts never drawn":
                    empty_chart_store()
                kind = "weasyprint" if side == "WeasyPrint alone" else "build"
                times[side].append(timed(kind, folder, meeting_id))
    base = statistics.median(times["WeasyPrint alone"])
    print(f"pack of {pages} pages; {options.rounds} rounds, each side a cold process, interleaved; medians (min-max)")
    for side, runs in times.items():
        median = statistics.median(runs)
        print(f"  {side:28} {median:6.2f} s ({min(runs):.2f}-{max(runs):.2f})  {median / base:.2f}x")
    print("target: a cold build at most 1.30x WeasyPrint alone")


if __name__ == "__main__":
    main()
