"""Write a read MPS file (or population files) into the database: all of it in one transaction, or nothing;
police.uk files go on to crime.policeuk_import from the same entry point.

Which release is in force for each month is crime.coverage's rule (the latest publication), applied after
every import, withdrawal, reinstatement and correction. Every release keeps its counts (crime.counts), so what
an earlier release said stays on record.
"""

import itertools
from dataclasses import dataclass

import numpy as np
import pandas as pd
from django.db import connection, transaction

from crime import counts, coverage, mps_areas, mps_csv, policeuk_csv, policeuk_import, publication, ward_vintages
from crime import months as calendar
from crime.models import Area, CountBlock, CrimeCategory, Population, Release
from sbp import data_version

BOROUGH_NAMES = {name for _, name, _ in mps_areas.BOROUGHS}


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


def import_upload(raw, name, user, now, ward_vintage=None):
    """Import a file's bytes as uploaded. A file imported before is known by its sha256 before it is parsed, so
    importing it again costs a hash and a query, not a read. A police.uk street file or zip is recognised by its
    header or its zip signature and imported as such (`ward_vintage` does not apply)."""
    if policeuk_csv.recognises(raw):
        return policeuk_import.import_upload(raw, name, user, now)
    sha256 = mps_csv.sha256_of(raw)
    existing = Release.objects.filter(sha256=sha256).first()
    if existing:
        return imported_again(existing)
    return write(mps_csv.read(raw, name, sha256), user, now, ward_vintage)


def import_file(mps_file, user, now, ward_vintage=None):
    """Import a file already read; one imported before changes nothing (or is back in use if withdrawn)."""
    existing = Release.objects.filter(sha256=mps_file.sha256).first()
    if existing:
        return imported_again(existing)
    return write(mps_file, user, now, ward_vintage)


@transaction.atomic
def write(mps_file, user, now, ward_vintage):
    """A new release: its areas and categories (created where new), its count blocks and the coverage."""
    wards = imported_wards() if mps_file.level == "ward" else {}
    vintage = (ward_vintage or vintage_of(mps_file, wards)) if mps_file.level == "ward" else None
    area_of_row = area_ids(mps_file.text, vintage, wards.get(vintage, {}))
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
    result = ImportResult(release, False, coverage.resolve_for(release))
    written = [calendar.between(release.first_month, month) for month in result.months_written]
    # A new release usually supplies every month it covers: then the cube itself, not a copy of it.
    in_force = cube if len(written) == cube.shape[2] else cube[:, :, written]
    release.areas = int(in_force.any(axis=(0, 2)).sum())
    release.counts_written = int(np.count_nonzero(in_force))
    release.save(update_fields=["areas", "counts_written"])
    return result


@transaction.atomic
def imported_again(release):
    """A file imported before changes nothing, unless it had been withdrawn: then it is back in use."""
    if not release.withdrawn_at:
        return ImportResult(release, True)
    release.withdrawn_at = release.withdrawn_by = None
    release.save(update_fields=["withdrawn_at", "withdrawn_by"])
    return ImportResult(release, False, coverage.resolve_for(release), reinstated=True)


def imported_wards():
    """{vintage: {code: id}} of every ward imported so far, in one query."""
    wards = {vintage: {} for vintage in ward_vintages.VINTAGES}
    rows = Area.objects.filter(kind=Area.Kind.WARD, ward_vintage__in=ward_vintages.VINTAGES)
    for code, vintage, pk in rows.values_list("code", "ward_vintage", "pk"):
        wards[vintage][code] = pk
    return wards


def vintage_of(mps_file, wards):
    """The ward file's boundaries, from its codes against the shipped lists and the wards already imported."""
    known = {
        vintage: ward_vintages.shipped_codes(vintage) | wards[vintage].keys() for vintage in ward_vintages.VINTAGES
    }
    in_borough = mps_file.text["borough"].isin(BOROUGH_NAMES).to_numpy()
    return ward_vintages.vintage_of(mps_file.name, mps_file.text, in_borough, known)


@transaction.atomic
def withdraw(release, user, now):
    """Take a release out of use (a wrong or faulty file): each of its months falls back to the latest other
    publication covering it, or becomes a gap. Its counts and its line in the import history stay. Returns the
    coverage change."""
    release.withdrawn_at, release.withdrawn_by = now, user
    release.save(update_fields=["withdrawn_at", "withdrawn_by"])
    return coverage.resolve_for(release)


def area_ids(text, vintage, wards):
    """The area id of every file row: its ward in a ward file (its borough otherwise), or a non-borough area.
    `wards` is {code: id} of the vintage's wards imported before.

    The columns are categorical, so the lookups run once per distinct name or code, not once per row.
    """
    borough_areas = mps_areas.ensure_boroughs()
    boroughs = text["borough"].cat
    by_name = {name: area.pk for name, area in borough_areas.items()}
    for name in set(boroughs.categories) - set(by_name):
        by_name[name] = Area.objects.get_or_create(kind=Area.Kind.OTHER, name=name)[0].pk
    by_borough = np.array([by_name[name] for name in boroughs.categories], dtype=np.int64)[boroughs.codes]
    if vintage is None:
        return by_borough
    in_borough = text["borough"].isin(borough_areas).to_numpy()
    wards = ensure_wards(text, in_borough, borough_areas, vintage, wards)
    codes = text["ward_code"].cat
    by_code = np.array([wards.get(code, 0) for code in codes.categories.tolist()], dtype=np.int64)
    return np.where(in_borough, by_code[codes.codes], by_borough)


def ensure_wards(text, in_borough, boroughs, vintage, known):
    """{code: id} of the vintage's wards, creating those the file's borough rows name for the first time."""
    rows = np.flatnonzero(in_borough)
    _, first = np.unique(text["ward_code"].cat.codes.to_numpy()[rows], return_index=True)
    wards = text.iloc[rows[first]]  # each ward's first row gives its name and borough
    new = [
        (code, name, vintage, boroughs[borough].pk)
        for code, name, borough in zip(*(wards[c].tolist() for c in ("ward_code", "ward_name", "borough")), strict=True)
        if code not in known
    ]
    return known | insert_wards(new) if new else known


def insert_wards(wards):
    """Insert (code, name, vintage, parent id) wards in one statement; returns {code: id}.

    A first import creates some 630 wards. bulk_create spends about 70 microseconds an object preparing each
    field's value, a third of the time the whole import may take (bench/import_bench.py); these values are
    plain strings and numbers and go to the driver as they are. PostgreSQL takes one array per column: with
    parameters bound on the client, 3,800 VALUES cost it more to plan than to insert. The model's constraints
    still hold: the database checks them.
    """
    names = ("kind", "code", "name", "short_name", "slug", "ward_vintage", "parent")
    fields = [Area._meta.get_field(name) for name in names]
    rows = [(Area.Kind.WARD.value, code, name, "", "", vintage, parent) for code, name, vintage, parent in wards]
    quote = connection.ops.quote_name
    insert = f"INSERT INTO {quote(Area._meta.db_table)} ({', '.join(quote(field.column) for field in fields)})"
    returning = f"RETURNING {quote('code')}, {quote('id')}"
    created = {}
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            arrays = ", ".join(
                f"%s::{field.rel_db_type(connection) if field.is_relation else field.db_type(connection)}[]"
                for field in fields
            )
            cursor.execute(
                f"{insert} SELECT * FROM UNNEST({arrays}) {returning}", [list(c) for c in zip(*rows, strict=True)]
            )
            return dict(cursor.fetchall())
        # SQLite, the other database we run on: multi-row VALUES, within its limit on parameters.
        for batch in itertools.batched(rows, connection.ops.bulk_batch_size(fields, rows)):
            values = ", ".join([f"({', '.join(['%s'] * len(fields))})"] * len(batch))
            cursor.execute(f"{insert} VALUES {values} {returning}", [value for row in batch for value in row])
            created |= dict(cursor.fetchall())
    return created


def category_ids(text, layout):
    """The category id of every file row, creating the (major, minor) pairs this layout has not had before."""
    majors, minors = text["major"].cat, text["minor"].cat
    rows, pairs = pd.factorize(majors.codes.astype(np.int64) * len(minors.categories) + minors.codes)
    pairs = [
        (majors.categories[pair // len(minors.categories)], minors.categories[pair % len(minors.categories)])
        for pair in pairs.tolist()
    ]
    known = {(c.major_text, c.minor_text): c.pk for c in CrimeCategory.objects.filter(layout=layout)}
    new = [pair for pair in pairs if pair not in known]
    created = CrimeCategory.objects.bulk_create(
        CrimeCategory(layout=layout, major_text=major, minor_text=minor) for major, minor in new
    )
    known |= {(c.major_text, c.minor_text): c.pk for c in created}
    return np.array([known[pair] for pair in pairs], dtype=np.int64)[rows]


@transaction.atomic
def import_population(*populations):
    """Save read population files (crime.population_files), all in one transaction. A district not met before is
    created by its GSS code; a figure already stored as it is changes nothing. Returns the figures written."""
    files = ", ".join(population.name for population in populations)
    rows = agreed(pd.concat([population.rows for population in populations], ignore_index=True), files)
    areas = district_areas(rows, files)
    stored = {
        (row.area_id, row.mid_year, row.source): row
        for row in Population.objects.filter(area__in=areas.values(), source__in=set(rows["source"]))
    }
    new, changed = [], []
    columns = (rows[column].tolist() for column in ("code", "mid_year", "source", "population"))
    for code, mid_year, source, value in zip(*columns, strict=True):
        known = stored.get((areas[code].pk, mid_year, source))
        if known is None:
            new.append(Population(area=areas[code], mid_year=mid_year, source=source, value=value))
        elif known.value != value:  # a revised estimate: the newest import wins, as for crime releases
            known.value = value
            changed.append(known)
    Population.objects.bulk_create(new)
    Population.objects.bulk_update(changed, ["value"])
    if new or changed:
        data_version.changed()  # bulk writes send no model signals
    return len(new) + len(changed)


def agreed(rows, files):
    """The rows once each, where several files give a figure (Census 2011 is in both census files); refused where
    they give different figures for one district, year and source."""
    rows = rows.drop_duplicates(["code", "mid_year", "source", "population"])
    clash = rows.duplicated(["code", "mid_year", "source"])
    if clash.any():
        code, year, source = rows.loc[clash.idxmax(), ["code", "mid_year", "source"]]
        raise mps_csv.ImportProblem(files, f"the files give different figures for {code}, {year}, '{source}'")
    return rows


def district_areas(rows, file):
    """{GSS code: Area} of the rows' districts: the MPS's boroughs as crime.mps_areas names them, any other district
    found by its code or created with the name the file gives it."""
    mps_areas.ensure_boroughs()
    names = dict(zip(rows["code"], rows["borough"], strict=True))
    found = {area.code: area for area in Area.objects.filter(kind=Area.Kind.BOROUGH, code__in=names)}
    new = {code: name for code, name in names.items() if code not in found}
    # A district is its code: a second code under a name already taken is a renamed or merged district to sort
    # out by hand, not a row to guess at.
    taken = dict(Area.objects.filter(kind=Area.Kind.BOROUGH, name__in=new.values()).values_list("name", "code"))
    for code, name in new.items():
        if taken.setdefault(name, code) != code:
            raise mps_csv.ImportProblem(
                file, f"{code} has the name of district {taken[name]}", column="name", value=name
            )
    created = Area.objects.bulk_create(Area(kind=Area.Kind.BOROUGH, code=code, name=name) for code, name in new.items())
    return found | {area.code: area for area in created}
