"""Nothing in the code or templates names one partnership's place: any of the ~300 partnerships in England and
Wales runs its board on the same product, its area, comparators and measures being data (crime.FiguresSetting).

Demo loaders, migrations, tests and reference data files (crime/reference/) may name places; nothing else."""

import re
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
SEARCHED = ["boards", "crime", "strategy", "sbp", "templates", "static/js", "static/css"]
SUFFIXES = {".py", ".html", ".txt", ".js", ".css", ".toml", ".json"}
PLACE = re.compile(r"Bromley|London|\b32\b")
# Lines that say these words without naming a partnership's place, and why.
ALLOWED = {
    ("sbp/settings.py", 'TIME_ZONE = "Europe/London"'),  # the IANA name of the zone England and Wales keep
    ("sbp/models.py", "token = models.CharField(max_length=32)"),  # a UUID's 32 hex digits
}


def searched_files():
    for top in SEARCHED:
        for path in sorted((ROOT / top).rglob("*")):
            relative = path.relative_to(ROOT).as_posix()
            if path.suffix not in SUFFIXES or "/migrations/" in relative or "/reference/" in relative:
                continue
            if path.name == "demo.py" or path.name.startswith("seed_demo"):
                continue
            yield relative, path


def test_no_code_or_template_names_a_place_or_the_number_of_boroughs():
    found = []
    for relative, path in searched_files():
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if PLACE.search(line) and (relative, line.strip()) not in ALLOWED:
                found.append(f"{relative}:{number}: {line.strip()}")
    assert found == []


def test_the_search_can_find_a_place():
    # The test above would pass on nothing: make sure it reads the files it means to.
    assert any(relative == "boards/dashboard.py" for relative, _ in searched_files())
    assert PLACE.search('BOROUGH = "Bromley"')
    assert PLACE.search("Rank of the 32 boroughs")
    assert not PLACE.search("Little-endian 4-byte whole numbers; 320 rows")
