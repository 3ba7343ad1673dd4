"""Benchmark: import of the largest MPS ward file, as a ratio to pandas.read_csv of the same file (same run).

Run: .venv/bin/python bench/import_bench.py [--runs N]. Reports medians and the ratio; the target is an
import at most 4x the parse. Uses a throwaway SQLite database; each import runs in a transaction that is
rolled back, so every run imports into the same starting state.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
LARGEST = "MPS_Ward_Level_Crime_recent24_202009-202208_oldwards.csv"


def setup_django(database):
    """A throwaway SQLite file, or the (empty, migratable) database DATABASE_URL names."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{database}")
    os.environ.update(DJANGO_SETTINGS_MODULE="sbp.settings", DJANGO_DEBUG="1")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def median_seconds(action, runs):
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as folder:
        setup_django(Path(folder) / "bench.sqlite3")
        import pandas as pd
        from django.db import transaction
        from django.utils import timezone

        from crime import importer, mps_csv

        path = DATA / LARGEST
        raw = path.read_bytes()

        def parse_only():
            pd.read_csv(path, dtype=str, keep_default_na=False)

        def full_import():
            with transaction.atomic():
                importer.import_file(mps_csv.read(raw, LARGEST), None, timezone.now())
                transaction.set_rollback(True)

        def read_and_validate():
            mps_csv.read(raw, LARGEST)

        full_import()  # warm-up: creates the boroughs and wards once, as a real first import would
        baseline = median_seconds(parse_only, runs)
        validated = median_seconds(read_and_validate, runs)
        imported = median_seconds(full_import, runs)
    print(f"file: {LARGEST} ({len(raw) / 1e6:.1f} MB), {runs} runs, medians")
    print(f"pandas.read_csv:          {baseline:.3f} s (1.00x)")
    print(f"read + validate + reshape: {validated:.3f} s ({validated / baseline:.2f}x)")
    from django.db import connection

    print(f"full import ({connection.vendor}): {imported:.3f} s ({imported / baseline:.2f}x; target <= 4x)")


if __name__ == "__main__":
    main()
