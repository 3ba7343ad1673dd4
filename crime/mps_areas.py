"""The districts the Metropolitan Police's files report on (GSS codes), and the rows they carry that belong to
no district. The list is reference data (crime/reference/), not code: the MPS files name them as printed there.

A ranking among the MPS's districts means these: the City has its own police force and never appears in the
files, and airports, "Unknown" and Aviation Security rows are reported but belong to no district.
"""

import csv
from pathlib import Path

from crime import forces
from crime.models import METROPOLITAN, Area

REFERENCE = Path(__file__).resolve().parent / "reference"


def read_districts():
    with open(REFERENCE / "mps-districts.csv", newline="", encoding="utf-8") as handle:
        return [(row["code"], row["name"], row["short_name"]) for row in csv.DictReader(handle)]


def read_names(file_name):
    """The names in a reference file, one a line ('#' starts a comment line)."""
    lines = (REFERENCE / file_name).read_text(encoding="utf-8").splitlines()
    return {line.strip() for line in lines if line.strip() and not line.startswith("#")}


BOROUGHS = read_districts()
NON_BOROUGH_NAMES = read_names("mps-other-areas.txt")


def ensure_boroughs():
    """The MPS's district areas, policed by the Met, created (in one insert) or renamed when they differ from
    BOROUGHS; by name."""
    force = forces.ensure_force(METROPOLITAN, "Metropolitan Police Service")
    found = {area.code: area for area in Area.objects.filter(kind=Area.Kind.BOROUGH, code__in=[b[0] for b in BOROUGHS])}
    missing = [
        Area(kind=Area.Kind.BOROUGH, code=code, name=name, short_name=short, police_force=force)
        for code, name, short in BOROUGHS
        if code not in found
    ]
    found |= {area.code: area for area in Area.objects.bulk_create(missing)}
    areas = {}
    for code, name, short in BOROUGHS:
        area = found[code]
        if (area.name, area.short_name, area.police_force_id) != (name, short, force.pk):
            area.name, area.short_name, area.police_force = name, short, force
            area.save(update_fields=["name", "short_name", "police_force"])
        areas[name] = area
    return areas
