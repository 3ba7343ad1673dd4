"""Benchmark: building a ~100-page agenda pack, as a ratio to WeasyPrint rendering the same final HTML alone.

Both are measured in the same run on the same machine: median seconds and Python peak memory (tracemalloc).
Target: the build at most 1.3x the plain render. The pack is laid out once: page references come from CSS
target-counter() and anchors in that same layout, never from a second full render.

Run: .venv/bin/python bench/pack_bench.py [--runs N]
"""

import argparse
import io
import os
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"


def setup(folder):
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{folder}/bench.sqlite3")
    os.environ.update(DJANGO_SETTINGS_MODULE="sbp.settings", DJANGO_DEBUG="1", DJANGO_MEDIA_ROOT=f"{folder}/media")
    import django

    django.setup()
    from django.core.management import call_command

    quiet = io.StringIO()
    call_command("migrate", verbosity=0)
    call_command("seed_demo", stdout=quiet)
    call_command("import_crime", str(DATA / "MPS_Borough_Level_Crime_Historical_201004-202201.csv"), stdout=quiet)
    call_command("import_population", str(DATA / "ons_mye_london_population_2011-2024_long.csv"), stdout=quiet)


def appendix(pages):
    from weasyprint import HTML

    body = "".join(
        f'<h1 style="break-before: page">Crime Needs Assessment, page {n}</h1><p>{"Text. " * 300}</p>'
        for n in range(pages)
    )
    return HTML(string=f"<html lang=en><body>{body}</body></html>").write_pdf()


def measure(action, runs):
    """Median seconds over the runs, then Python peak memory from one more run (tracemalloc slows the code
    it watches several times over, so it is kept out of the timed runs)."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    tracemalloc.start()
    action()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return statistics.median(times), peak


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as folder:
        setup(folder)
        from django.core.files.base import ContentFile
        from weasyprint import HTML

        from boards import pack, redaction
        from boards.models import Meeting
        from sbp import charts, pdf

        meeting = Meeting.objects.get(starts_at__date="2021-06-17")
        for number, suffix, pages in [(4, "a", 18), (5, "a", 24)]:  # the strategy document and the needs assessment
            item = meeting.agenda_items.get(number=number, suffix=suffix)
            item.document.save(f"{number}{suffix}.pdf", ContentFile(appendix(pages)))
        _, count = pack.build(meeting, restricted=False)  # warm-up: draws the charts once, as a server would

        papers = pack.contents(meeting, redaction.PUBLIC_PACK)
        for section in papers:
            if section.document:
                section.page_count = pdf.page_count(section.document)
        final_html = pack.html(meeting, papers, False, charts.to_svg(pack.chart_figures(papers)))

        def plain():
            HTML(string=final_html, base_url=pdf.STATIC_BASE, url_fetcher=pdf.StaticFilesFetcher()).write_pdf()

        base_time, base_peak = measure(plain, runs)
        build_time, build_peak = measure(lambda: pack.build(meeting, restricted=False), runs)
    print(f"pack: {count} pages; {runs} runs, medians")
    print(f"WeasyPrint alone on the final HTML: {base_time:.2f} s, peak {base_peak / 1e6:.0f} MB (1.00x)")
    print(
        f"full pack build: {build_time:.2f} s ({build_time / base_time:.2f}x; target <= 1.3x), "
        f"peak {build_peak / 1e6:.0f} MB ({build_peak / base_peak:.2f}x)"
    )


if __name__ == "__main__":
    main()
