"""Benchmark: server time of the quarterly dashboard at London scale, as a ratio to a trivial view (same run).

Builds a throwaway SQLite database with the Bromley demo data, the generated London-scale files
(bench/london_scale.py: 32 boroughs x 10 years monthly, ~680 wards x 2 years) and the ONS populations, then
times GET /dashboard/2021-22/q3/ as a signed-in board member against GET /healthz, and counts queries.
Target: median under 150 ms and no more than 15 queries.

Run: .venv/bin/python bench/dashboard_bench.py [--runs N]
"""

import argparse
import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"


def setup(folder):
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{folder}/bench.sqlite3")
    os.environ.update(DJANGO_SETTINGS_MODULE="sbp.settings", DJANGO_DEBUG="1", DJANGO_ALLOWED_HOSTS="testserver")
    import django

    django.setup()
    import london_scale
    from django.core.management import call_command

    quiet = io.StringIO()
    call_command("migrate", verbosity=0)
    call_command("seed_demo", stdout=quiet)
    generated = london_scale.main(Path(folder) / "data")
    call_command("import_crime", *sorted(str(p) for p in generated.glob("*.csv")), stdout=quiet)
    call_command("import_population", str(DATA / "ons_mye_london_population_2011-2024_long.csv"), stdout=quiet)


def median_ms(client, url, runs):
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(times)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    runs = parser.parse_args().runs
    sys.path.insert(0, str(Path(__file__).parent))
    with tempfile.TemporaryDirectory() as folder:
        setup(folder)
        from django.contrib.auth.models import User
        from django.db import connection, reset_queries
        from django.test import Client
        from django.test.utils import CaptureQueriesContext

        from crime.models import CountBlock, Release

        client = Client()
        client.force_login(User.objects.get(username="member"))
        url = "/dashboard/2021-22/q3/"
        client.get(url)
        reset_queries()  # the set-up filled Django's bounded query log, which would skew the capture
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        trivial = median_ms(client, "/healthz", runs)
        page = median_ms(client, url, runs)
        counted = sum(release.counts_written for release in Release.objects.all())
        blocks = CountBlock.objects.count()
        print(f"data: {counted:,} non-zero monthly counts in {blocks:,} count blocks; {runs} runs, medians")
        print(f"trivial view /healthz: {trivial:.1f} ms (1.0x)")
        print(f"dashboard {url}: {page:.1f} ms ({page / trivial:.1f}x); target < 150 ms")
        print(f"queries per dashboard request: {len(queries.captured_queries)} (target <= 15)")


if __name__ == "__main__":
    main()
