"""Write a read MPS file into the database: all of it in one transaction, or nothing.

Which release is in force for each month is crime.coverage's rule (the latest publication), applied after
every import, withdrawal, reinstatement and correction. Every release keeps its counts (crime.counts), so what
an earlier release said stays on record.
"""

from dataclasses import dataclass

import numpy as np
import pandas as pd
from django.db import transaction

from crime import counts, coverage, london, publication, ward_vintages
from crime import months as calendar
from crime.models import Area, CountBlock, CrimeCategory, Population, Release

BOROUGH_NAMES = {name for _, name, _ in london.BOROUGHS}


@dataclass
class ImportResult:
    release: Release
    already_imported: bool
    change: coverage.Change | None = None  # the level's coverage before and after the import
    reinstated: bool = False  # the file had been imported and withdrawn: it is back in use

    @property
    def months_written(self):
        return self.change.supplied_by(self.release) if self.change else []

    @property
    def months_kept(self):
        """Months of the file where a later publication stays in force."""
        written = set(self.months_written)
        return [m for m in coverage.covered(self.release) if m not in written] if self.change else []

    def describe(self):
        """One line for the officer or the command line: what the import changed, month by month."""
        release = self.release
        if self.already_imported:
            return f"{release.file_name}: already imported on {release.imported_at:%d %b %Y}; nothing changed."
        standing = coverage.standing(release, self.change)
        if self.reinstated:
            return f"{release.file_name}: had been withdrawn and is back in use; {standing}."
        return (
            f"{release.file_name}: layout {release.layout}, {release.level} level, {release.rows:,} rows "
            f"({release.counts_written:,} non-zero counts in force), published {release.published_on:%b %Y} "
            f"({release.get_publication_basis_display().lower()}); {standing}."
        )


@transaction.atomic
def import_file(mps_file, user, now, ward_vintage=None):
    existing = Release.objects.filter(sha256=mps_file.sha256).first()
    if existing and existing.withdrawn_at:
        existing.withdrawn_at = existing.withdrawn_by = None
        existing.save(update_fields=["withdrawn_at", "withdrawn_by"])
        return ImportResult(existing, False, coverage.resolve(existing.level), reinstated=True)
    if existing:
        return ImportResult(existing, True)
    vintage = (ward_vintage or vintage_of(mps_file)) if mps_file.level == "ward" else None
    area_of_row = area_ids(mps_file.text, vintage)
    category_of_row = category_ids(mps_file.text, mps_file.layout)
    areas, categories, cube = counts.grids(area_of_row, category_of_row, mps_file.counts, mps_file.months)
    published_on, basis = publication.published_on(mps_file)
    release = Release.objects.create(
        file_name=mps_file.name,
        sha256=mps_file.sha256,
        layout=mps_file.layout,
        level=mps_file.level,
        ward_vintage=vintage,
        first_month=mps_file.months[0],
        last_month=mps_file.months[-1],
        published_on=published_on,
        publication_basis=basis,
        rows=mps_file.rows,
        imported_at=now,
        imported_by=user,
        area_ids=areas.tolist(),
    )
    CountBlock.objects.bulk_create(
        CountBlock(release=release, category_id=category, counts=counts.encode(grid))
        for category, grid in zip(categories.tolist(), cube, strict=True)
    )
    result = ImportResult(release, False, coverage.resolve(release.level))
    in_force = cube[:, :, [calendar.between(release.first_month, month) for month in result.months_written]]
    release.areas = int(in_force.any(axis=(0, 2)).sum())
    release.counts_written = int(np.count_nonzero(in_force))
    release.save(update_fields=["areas", "counts_written"])
    return result


def vintage_of(mps_file):
    """The ward file's boundaries, from its codes against the shipped lists and the wards already imported."""
    known = {vintage: set(ward_vintages.shipped_codes(vintage)) for vintage in ward_vintages.VINTAGES}
    wards = Area.objects.filter(kind=Area.Kind.WARD, ward_vintage__in=ward_vintages.VINTAGES)
    for code, vintage in wards.values_list("code", "ward_vintage"):
        known[vintage].add(code)
    in_borough = mps_file.text["borough"].isin(BOROUGH_NAMES).to_numpy()
    return ward_vintages.vintage_of(mps_file.name, mps_file.text, in_borough, known)


@transaction.atomic
def withdraw(release, user, now):
    """Take a release out of use (a wrong or faulty file): each of its months falls back to the latest other
    publication covering it, or becomes a gap. Its counts and its line in the import history stay. Returns the
    coverage change."""
    release.withdrawn_at, release.withdrawn_by = now, user
    release.save(update_fields=["withdrawn_at", "withdrawn_by"])
    return coverage.resolve(release.level)


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
