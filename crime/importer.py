"""Write a read MPS file into the database: all of it in one transaction, or nothing.

A release is in force for a month at its level (borough or ward) until a newer release covering that month is
imported; older releases never displace newer ones, and a withdrawn release gives its months back to the newest
other release covering them. Every release keeps its counts (crime.counts), so what an earlier release said
stays on record.
"""

from dataclasses import dataclass

import numpy as np
import pandas as pd
from django.db import transaction

from crime import counts, london
from crime import months as calendar
from crime.models import Area, CountBlock, CrimeCategory, MonthCoverage, Population, Release

# Ward boundaries changed in May 2022; files starting earlier carry the 2014 codes (shared/data/README.md).
NEW_WARDS_FROM = pd.Timestamp("2022-05-01").date()


@dataclass
class ImportResult:
    release: Release
    already_imported: bool
    months_written: list
    months_kept: list  # months where a newer release already in the database stays in force
    reinstated: bool = False  # the file had been imported and withdrawn: it is back in use

    def describe(self):
        """One line for the officer or the command line: what the import changed."""
        release = self.release
        if self.already_imported:
            return f"{release.file_name}: already imported on {release.imported_at:%d %b %Y}; nothing changed."
        kept = f"; {len(self.months_kept)} month(s) kept from a newer release" if self.months_kept else ""
        if self.reinstated:
            in_force = len(self.months_written)
            return f"{release.file_name}: had been withdrawn and is back in use; {in_force} month(s) in force{kept}."
        return (
            f"{release.file_name}: layout {release.layout}, {release.level} level, {release.rows:,} rows, "
            f"{len(self.months_written)} month(s) written ({release.counts_written:,} non-zero counts){kept}."
        )


def ward_vintage_for(mps_file):
    return 2022 if mps_file.months[0] >= NEW_WARDS_FROM else 2014


@transaction.atomic
def import_file(mps_file, user, now, ward_vintage=None):
    existing = Release.objects.filter(sha256=mps_file.sha256).first()
    if existing and existing.withdrawn_at:
        existing.withdrawn_at = existing.withdrawn_by = None
        existing.save(update_fields=["withdrawn_at", "withdrawn_by"])
        written, kept = split_months(existing, resolve_coverage(existing.level))
        return ImportResult(existing, False, written, kept, reinstated=True)
    if existing:
        return ImportResult(existing, True, [], [])
    vintage = (ward_vintage or ward_vintage_for(mps_file)) if mps_file.level == "ward" else None
    area_of_row = area_ids(mps_file.text, vintage)
    category_of_row = category_ids(mps_file.text, mps_file.layout)
    areas, categories, cube = counts.grids(area_of_row, category_of_row, mps_file.counts, mps_file.months)
    release = Release.objects.create(
        file_name=mps_file.name,
        sha256=mps_file.sha256,
        layout=mps_file.layout,
        level=mps_file.level,
        ward_vintage=vintage,
        first_month=mps_file.months[0],
        last_month=mps_file.months[-1],
        rows=mps_file.rows,
        imported_at=now,
        imported_by=user,
        area_ids=areas.tolist(),
    )
    CountBlock.objects.bulk_create(
        CountBlock(release=release, category_id=category, counts=counts.encode(grid))
        for category, grid in zip(categories.tolist(), cube, strict=True)
    )
    write, keep = split_months(release, resolve_coverage(release.level))
    in_force = cube[:, :, [calendar.between(release.first_month, month) for month in write]]
    release.areas = int(in_force.any(axis=(0, 2)).sum())
    release.counts_written = int(np.count_nonzero(in_force))
    release.save(update_fields=["areas", "counts_written"])
    return ImportResult(release, False, write, keep)


@transaction.atomic
def withdraw(release, user, now):
    """Take a release out of use (a wrong or faulty file): each of its months falls back to the newest other
    release covering it, or becomes a gap. Its counts and its line in the import history stay."""
    release.withdrawn_at, release.withdrawn_by = now, user
    release.save(update_fields=["withdrawn_at", "withdrawn_by"])
    resolve_coverage(release.level)


def resolve_coverage(level):
    """Point each month of a level at the newest release in use that covers it; returns {month: release id}.

    Newest means the later last month, then the later import: a full history file
    imported after a recent release never displaces it.
    """
    releases = Release.objects.filter(level=level, withdrawn_at=None).order_by("last_month", "imported_at", "pk")
    in_force = {}
    for release in releases:  # oldest first, so each newer release overwrites the months it covers
        for month in calendar.span(release.first_month, release.last_month):
            in_force[month] = release.pk
    current = dict(MonthCoverage.objects.filter(level=level).values_list("month", "release_id"))
    stale = [month for month, release in current.items() if in_force.get(month) != release]
    MonthCoverage.objects.filter(level=level, month__in=stale).delete()
    MonthCoverage.objects.bulk_create(
        MonthCoverage(level=level, month=month, release_id=release)
        for month, release in in_force.items()
        if current.get(month) != release
    )
    return in_force


def split_months(release, in_force):
    """(months where this release is in force, months where a newer one is)."""
    covered = calendar.span(release.first_month, release.last_month)
    return [m for m in covered if in_force.get(m) == release.pk], [m for m in covered if in_force.get(m) != release.pk]


def area_ids(text, vintage):
    """The area id of every file row: its ward in a ward file (its borough otherwise), or a non-borough area.

    Each column is factorised first, so the lookups run once per distinct name or code, not once per row.
    """
    borough_areas = london.ensure_boroughs()
    rows, names = pd.factorize(text["borough"])
    by_name = {name: area.pk for name, area in borough_areas.items()}
    for name in set(names) - set(by_name):
        by_name[name] = Area.objects.get_or_create(kind=Area.Kind.OTHER, name=name)[0].pk
    by_borough = np.array([by_name[name] for name in names], dtype=np.int64)[rows]
    if vintage is None:
        return by_borough
    in_borough = text["borough"].isin(borough_areas).to_numpy()
    rows, codes = pd.factorize(text["ward_code"])
    wards = ensure_wards(text, rows, codes, in_borough, borough_areas, vintage)
    by_code = np.array([wards.get(code, 0) for code in codes], dtype=np.int64)
    return np.where(in_borough, by_code[rows], by_borough)


def ensure_wards(text, rows, codes, in_borough, boroughs, vintage):
    """{code: id} of the vintage's wards, creating those the file names for the first time."""
    known = dict(Area.objects.filter(kind=Area.Kind.WARD, ward_vintage=vintage).values_list("code", "pk"))
    in_rows = np.nonzero(in_borough)[0]
    present, first = np.unique(rows[in_rows], return_index=True)
    new = [(codes[code], row) for code, row in zip(present, in_rows[first].tolist(), strict=True)]
    new = [(code, row) for code, row in new if code not in known]
    if not new:
        return known
    names, borough_names = text["ward_name"].to_numpy(), text["borough"].to_numpy()
    created = Area.objects.bulk_create(
        Area(
            kind=Area.Kind.WARD,
            code=code,
            name=names[row],
            ward_vintage=vintage,
            parent_id=boroughs[borough_names[row]].pk,
        )
        for code, row in new
    )
    return known | {ward.code: ward.pk for ward in created}  # both databases return the new ids


def category_ids(text, layout):
    """The category id of every file row, creating the (major, minor) pairs this layout has not had before."""
    major_rows, majors = pd.factorize(text["major"])
    minor_rows, minors = pd.factorize(text["minor"])
    rows, pairs = pd.factorize(major_rows * len(minors) + minor_rows)
    pairs = [(majors[pair // len(minors)], minors[pair % len(minors)]) for pair in pairs.tolist()]
    known = {(c.major_text, c.minor_text): c.pk for c in CrimeCategory.objects.filter(layout=layout)}
    new = [pair for pair in pairs if pair not in known]
    created = CrimeCategory.objects.bulk_create(
        CrimeCategory(layout=layout, major_text=major, minor_text=minor) for major, minor in new
    )
    known |= {(c.major_text, c.minor_text): c.pk for c in created}
    return np.array([known[pair] for pair in pairs], dtype=np.int64)[rows]


@transaction.atomic
def import_population(population):
    """Save ONS estimates for the London boroughs; re-importing the same file changes nothing."""
    boroughs = london.ensure_boroughs()
    for row in population.rows.itertuples():
        Population.objects.update_or_create(
            area=boroughs[row.borough],
            mid_year=row.mid_year,
            source=population.source,
            defaults={"value": row.population},
        )
    return len(population.rows)
