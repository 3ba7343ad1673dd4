"""Benchmark: import of the largest MPS ward file, as a ratio to pandas.read_csv of the same file (same run).

Run: .venv/bin/python bench/import_bench.py [--runs N]. Reports medians and the ratio; the target is an
import at most 4x the parse. Uses a throwaway SQLite database (or the empty one DATABASE_URL names); each import
runs in a transaction that is rolled back, so every run imports into the same starting state. Two states are
measured: an empty database (the first import creates the wards and categories too) and one that already knows
the file's areas and categories, as every later monthly release finds it.
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


def seconds(action):
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def interleaved(baseline, actions, runs):
    """(median baseline seconds, {name: (median seconds, median ratio to the baseline run beside it)}).

    Each run times the baseline and then every action, so a slower spell of the machine slows both sides of
    a ratio rather than only one.
    """
    times = {name: [] for name in ["baseline", *actions]}
    for _ in range(runs):
        times["baseline"].append(seconds(baseline))
        for name, action in actions.items():
            times[name].append(seconds(action))
    ratios = {
        name: statistics.median(t / b for t, b in zip(times[name], times["baseline"], strict=True)) for name in actions
    }
    return statistics.median(times["baseline"]), {
        name: (statistics.median(times[name]), ratios[name]) for name in actions
    }


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

        _, first = interleaved(parse_only, {"empty": full_import}, runs)
        known_areas_and_categories(mps_csv.read(raw, LARGEST))
        baseline, later = interleaved(parse_only, {"validate": read_and_validate, "known": full_import}, runs)
        from django.db import connection

        vendor = connection.vendor
    print(f"file: {LARGEST} ({len(raw) / 1e6:.1f} MB), {runs} runs, medians, {vendor}")
    print(f"pandas.read_csv:             {baseline:.3f} s (1.00x)")
    for label, (took, ratio), note in [
        ("read + validate + reshape: ", later["validate"], ""),
        ("import, areas known:       ", later["known"], "; target <= 4x"),
        ("import into empty database:", first["empty"], "; also creates every ward and category"),
    ]:
        print(f"{label}  {took:.3f} s ({ratio:.2f}x{note})")


def known_areas_and_categories(mps_file):
    """Commit the boroughs, wards and categories a first import creates, and nothing else."""
    from crime import importer

    importer.area_ids(mps_file.text, importer.vintage_of(mps_file))
    importer.category_ids(mps_file.text, mps_file.layout)


if __name__ == "__main__":
    main()
