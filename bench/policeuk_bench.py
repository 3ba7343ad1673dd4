"""Benchmark: importing the 35 Leicestershire police.uk monthly street files, as a ratio to a plain
pandas.read_csv of the same 35 files, sides interleaved.

Run: .venv/bin/python bench/policeuk_bench.py [--runs 7]. Set up as bench/import_bench.py (its Databases and
interleaving are reused): SQLite by default, or DATABASE_URL for PostgreSQL; production settings (DEBUG off).
The template database is migrated and holds the ONS lookup (an import needs it, and a partnership imports it
once), so each round imports into a fresh copy of it: the real cold path, where the force area, the police.uk
crime types, every count block and month of coverage and the force's districts are written for the first time.

  (a) pandas.read_csv(path) of each of the 35 files, plain
  (b) the 35 files imported one upload each (importer.import_upload, as import_crime does), committed
  (c) the same 35 files again (same sha256): hash the bytes, find the release, stop
"""

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from import_bench import DATA, Databases, interleaved, report  # on the path since the line above

FILES = sorted((DATA / "policeuk" / "leicestershire").glob("*-street.csv"))
LOOKUP = DATA / "lookups" / "LSOA11_WD19_LAD19_EW_LU.csv"


def in_process(databases, runs):
    import pandas as pd
    from django.utils import timezone

    from crime import importer

    files = [(path.read_bytes(), path.name) for path in FILES]  # the disk is not what is measured

    def read_csv():
        for path in FILES:
            pd.read_csv(path)

    def import_them():
        for raw, name in files:
            importer.import_upload(raw, name, None, timezone.now())

    def import_again():
        for raw, name in files:
            assert importer.import_upload(raw, name, None, timezone.now()).already_imported

    sides = {
        "read_csv x35": read_csv,
        "import x35": import_them,
        "re-import x35": import_again,
    }
    return interleaved(sides, runs, databases.fresh)


def with_lookup(databases):
    """Import the lookup into the template, so that every fresh copy has it."""
    from crime import lookup_csv, lookups

    lookups.import_lookup(lookup_csv.read(LOOKUP.read_bytes(), LOOKUP.name))
    databases.connection.close()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as folder:
        databases = Databases(Path(folder))
        try:
            with_lookup(databases)
            size = sum(path.stat().st_size for path in FILES) / 1e6
            print(f"files: {len(FILES)} police.uk street files ({size:.1f} MB), {databases.vendor}, {runs} rounds")
            report("in-process:", in_process(databases, runs), "read_csv x35")
        finally:
            databases.drop_copies()


if __name__ == "__main__":
    main()
