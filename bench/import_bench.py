"""Benchmark: importing the largest MPS ward file, as a ratio to a plain pandas.read_csv of it, sides interleaved.

Run: .venv/bin/python bench/import_bench.py [--runs 7] [--in-process-only]. SQLite by default (a throwaway
file); set DATABASE_URL to an empty PostgreSQL database to measure PostgreSQL (it is migrated once and used as
the template of a fresh database per round; the copies are dropped at the end). Settings are production's
(DEBUG off), so queries are not recorded as they would be in development.

Each round times every side once, in turn, and the order flips every other round, so a busy spell of the
shared machine lands on both sides of a ratio. Printed per side: median, min-max, and the median of the
per-round ratios to the baseline of the same round.

  in-process  (a) pandas.read_csv(path), plain
              (b) import_crime's work in this process, into a fresh empty database (every ward and category is
                  created, as on a first import), committed
              (c) importing the same file again (same sha256): hash the bytes, find the release, stop
  commands    (d) `python manage.py import_crime FILE` into a fresh empty database, against
                  `python -c "import pandas; pandas.read_csv(FILE)"`: both pay interpreter start-up
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
LARGEST = DATA / "MPS_Ward_Level_Crime_recent24_202009-202208_oldwards.csv"
TARGETS = {"import": 3.0, "re-import": 0.2}


class Databases:
    """A migrated template, and a fresh copy of it for each round: SQLite files, or PostgreSQL databases."""

    def __init__(self, folder):
        self.folder = folder
        os.environ.setdefault("DATABASE_URL", f"sqlite:///{folder / 'template.sqlite3'}")
        os.environ.update(DJANGO_SETTINGS_MODULE="sbp.settings", DJANGO_DEBUG="0")
        os.environ.setdefault("DJANGO_SECRET_KEY", "import-bench-only")
        sys.path.insert(0, str(ROOT))
        import django

        django.setup()
        from django.core.management import call_command
        from django.db import connection

        call_command("migrate", verbosity=0)
        self.connection = connection
        self.vendor = connection.vendor
        self.template = connection.settings_dict["NAME"]
        self.copies = []
        connection.close()

    def fresh(self):
        """Point Django at a new copy of the template; returns its DATABASE_URL for a subprocess."""
        settings = self.connection.settings_dict
        self.connection.close()
        name = f"import_bench_{len(self.copies)}"
        if self.vendor == "sqlite":
            name = str(self.folder / f"{name}.sqlite3")
            shutil.copyfile(self.template, name)
            url = f"sqlite:///{name}"
        else:
            with self.server() as server:
                server.execute(f'CREATE DATABASE "{name}" TEMPLATE "{self.template}"')
            password = f":{settings['PASSWORD']}" if settings["PASSWORD"] else ""
            url = f"postgres://{settings['USER']}{password}@{settings['HOST']}:{settings['PORT'] or 5432}/{name}"
        self.copies.append(name)
        settings["NAME"] = name
        self.connection.ensure_connection()  # opening a connection is not part of an import
        return url

    def server(self):
        import psycopg

        settings = self.connection.settings_dict
        return psycopg.connect(
            dbname="postgres",
            user=settings["USER"],
            password=settings["PASSWORD"] or None,
            host=settings["HOST"] or None,
            port=settings["PORT"] or None,
            autocommit=True,
        )

    def drop_copies(self):
        self.connection.close()
        if self.vendor == "postgresql":
            with self.server() as server:
                for name in self.copies:
                    server.execute(f'DROP DATABASE IF EXISTS "{name}"')


def seconds(action):
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def interleaved(sides, runs, prepare):
    """{side: [seconds per round]}. The first side is the baseline: it runs first in even rounds and last in odd
    ones; the others keep their order (a re-import follows its import). `prepare` runs untimed before each round."""
    baseline, *others = sides
    times = {name: [] for name in sides}
    for run in range(runs):
        prepare()
        for name in [baseline, *others] if run % 2 == 0 else [*others, baseline]:
            times[name].append(seconds(sides[name]))
    return times


def report(title, times, baseline):
    print(title)
    for name, took in times.items():
        ratios = [t / b for t, b in zip(took, times[baseline], strict=True)]
        line = f"  {name:<26} median {statistics.median(took):7.3f} s  (min {min(took):.3f} - max {max(took):.3f})"
        if name != baseline:
            target = next((f"; target <= {t}x" for key, t in TARGETS.items() if name.startswith(key + " ")), "")
            line += f"  ratio {statistics.median(ratios):.2f}x (per round {min(ratios):.2f}-{max(ratios):.2f}{target})"
        print(line)


def in_process(databases, runs):
    import pandas as pd
    from django.utils import timezone

    from crime import importer

    def read_csv():
        pd.read_csv(LARGEST)

    def import_it():
        importer.import_upload(LARGEST.read_bytes(), LARGEST.name, None, timezone.now())

    def import_again():
        assert importer.import_upload(LARGEST.read_bytes(), LARGEST.name, None, timezone.now()).already_imported

    sides = {
        "pandas.read_csv(path)": read_csv,
        "import (empty database)": import_it,
        "re-import (same sha256)": import_again,
    }
    return interleaved(sides, runs, databases.fresh)


def commands(databases, runs):
    environment = dict(os.environ)
    python = sys.executable

    def read_csv():
        subprocess.run([python, "-c", f"import pandas; pandas.read_csv({str(LARGEST)!r})"], check=True)

    def import_command():
        subprocess.run(
            [python, "manage.py", "import_crime", str(LARGEST)],
            cwd=ROOT,
            env=environment,
            check=True,
            stdout=subprocess.DEVNULL,
        )

    def prepare():
        environment["DATABASE_URL"] = databases.fresh()
        databases.connection.close()  # the command opens its own

    return interleaved({"python -c read_csv": read_csv, "manage.py import_crime": import_command}, runs, prepare)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--in-process-only", action="store_true", help="skip (d), the commands (slow: seconds a run)")
    arguments = parser.parse_args()
    runs = arguments.runs
    with tempfile.TemporaryDirectory() as folder:
        databases = Databases(Path(folder))
        try:
            print(f"file: {LARGEST.name} ({LARGEST.stat().st_size / 1e6:.1f} MB), {databases.vendor}, {runs} rounds")
            report("in-process:", in_process(databases, runs), "pandas.read_csv(path)")
            if not arguments.in_process_only:
                report("commands (each a new interpreter):", commands(databases, runs), "python -c read_csv")
        finally:
            databases.drop_copies()


if __name__ == "__main__":
    main()
