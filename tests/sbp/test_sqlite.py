"""On SQLite, imports at once all finish: WAL and the busy timeout make each writer wait for the one before."""

import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import SHARED_DATA

ROOT = Path(__file__).resolve().parents[2]
# Longer than sqlite3's own 5-second busy timeout: without ours, a writer waiting this long gives up.
HOLD_SECONDS = 10
WARD_FILE = "MPS_Ward_Level_Crime_recent24_202401-202512.csv"
BOROUGH_FILE = "MPS_Borough_Level_Crime_recent24_202202-202401.csv"

pytestmark = pytest.mark.skipif(
    os.environ.get("DATABASE_URL", "sqlite").startswith("postgres"), reason="the SQLite options only"
)


def manage(database, *args):
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "DATABASE_URL"))}
    env |= {"DJANGO_SECRET_KEY": "concurrency-test-key", "DATABASE_URL": f"sqlite:///{database}"}
    return subprocess.Popen(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )


def test_two_imports_into_one_sqlite_file_at_once_both_finish(tmp_path):
    """Both start while another writer holds the lock (as a long import or pack build would), then take turns."""
    database = tmp_path / "db.sqlite3"
    assert manage(database, "migrate", "--no-input", "-v0").wait() == 0
    writer = sqlite3.connect(database, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    imports = [manage(database, "import_crime", str(SHARED_DATA / name)) for name in (WARD_FILE, BOROUGH_FILE)]
    time.sleep(HOLD_SECONDS)
    writer.execute("COMMIT")
    writer.close()
    results = [(*process.communicate(timeout=300), process.returncode) for process in imports]
    for (out, err, code), name in zip(results, (WARD_FILE, BOROUGH_FILE), strict=True):
        assert "database is locked" not in err.decode()
        assert code == 0, err.decode()
        assert out.decode().startswith(f"{name}: layout")
    with sqlite3.connect(database) as connection:
        names = {row[0] for row in connection.execute("SELECT file_name FROM crime_release")}
        assert connection.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    assert names == {WARD_FILE, BOROUGH_FILE}
