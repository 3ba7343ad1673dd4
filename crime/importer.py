"""Write a read MPS file into the database: all of it in one transaction, or nothing.

Counts are replaced a whole month at a time: a release is in force for a month at its level (borough or ward)
until a newer release covering that month is imported. Older releases never overwrite newer ones.
"""

from dataclasses import dataclass

import numpy as np
import pandas as pd
from django.db import connection, transaction

from crime import london
from crime.models import Area, CrimeCategory, MonthCoverage, MonthlyCount, Population, Release

# Ward boundaries changed in May 2022; files starting earlier carry the 2014 codes (shared/data/README.md).
NEW_WARDS_FROM = pd.Timestamp("2022-05-01").date()


@dataclass
class ImportResult:
    release: Release
    already_imported: bool
    months_written: list
    months_kept: list  # months where a newer release already in the database stays in force


def ward_vintage_for(mps_file):
    return 2022 if mps_file.months[0] >= NEW_WARDS_FROM else 2014


@transaction.atomic
def import_file(mps_file, user, now, ward_vintage=None):
    existing = Release.objects.filter(sha256=mps_file.sha256).first()
    if existing:
        return ImportResult(existing, True, [], [])
    vintage = (ward_vintage or ward_vintage_for(mps_file)) if mps_file.level == "ward" else None
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
    )
    write, keep = months_to_write(release, mps_file.months)
    rows = resolve(mps_file, vintage)
    rows = rows[rows["month"].isin([month.isoformat() for month in write])]
    MonthlyCount.objects.filter(release__level=release.level, month__in=write).delete()
    insert_counts(rows, release)
    for month in write:
        MonthCoverage.objects.update_or_create(level=release.level, month=month, defaults={"release": release})
    release.areas = int(rows["area_id"].nunique()) if len(rows) else 0
    release.counts_written = len(rows)
    release.save(update_fields=["areas", "counts_written"])
    return ImportResult(release, False, write, keep)


def months_to_write(release, months):
    coverage = {c.month: c.release for c in MonthCoverage.objects.filter(level=release.level).select_related("release")}
    keep = [month for month in months if month in coverage and coverage[month].is_newer_than(release)]
    return [month for month in months if month not in keep], keep


def resolve(mps_file, vintage):
    """Non-zero counts with area and category ids, mapped once per file row before reshaping to long.

    Rows of one non-borough area (the airport wards of Aviation Security) are summed into it.
    """
    text = mps_file.text
    areas, categories = area_ids(text, vintage), category_ids(text, mps_file.layout)
    rows, columns = np.nonzero(mps_file.counts)
    counts = pd.DataFrame(
        {
            "area_id": areas[rows],
            "category_id": categories[rows],
            # ISO text, made once per month rather than once per count: both databases take it as a date.
            "month": np.array([month.isoformat() for month in mps_file.months])[columns],
            "count": mps_file.counts[rows, columns],
        }
    )
    keys = ["area_id", "category_id", "month"]
    return counts.groupby(keys, as_index=False)["count"].sum() if counts.duplicated(keys).any() else counts


def area_ids(text, vintage):
    boroughs = {name: area.pk for name, area in london.ensure_boroughs().items()}
    others = {
        name: Area.objects.get_or_create(kind=Area.Kind.OTHER, name=name)[0].pk
        for name in set(text["borough"]) - set(boroughs)
    }
    by_borough = text["borough"].map(boroughs | others).to_numpy()
    if vintage is None:
        return by_borough
    in_borough = text["borough"].isin(boroughs).to_numpy()
    wards = ensure_wards(text[in_borough], london.ensure_boroughs(), vintage)
    return np.where(in_borough, text["ward_code"].map(wards).fillna(0).to_numpy(), by_borough).astype(np.int64)


def ensure_wards(text, boroughs, vintage):
    known = dict(Area.objects.filter(kind=Area.Kind.WARD, ward_vintage=vintage).values_list("code", "pk"))
    new = text.drop_duplicates("ward_code")
    new = new[~new["ward_code"].isin(known)]
    Area.objects.bulk_create(
        Area(kind=Area.Kind.WARD, code=code, name=name, ward_vintage=vintage, parent=boroughs[borough])
        for code, name, borough in zip(new["ward_code"], new["ward_name"], new["borough"], strict=True)
    )
    return dict(Area.objects.filter(kind=Area.Kind.WARD, ward_vintage=vintage).values_list("code", "pk"))


def category_ids(text, layout):
    pairs = set(zip(text["major"], text["minor"], strict=True))
    known = {(c.major_text, c.minor_text): c.pk for c in CrimeCategory.objects.filter(layout=layout)}
    CrimeCategory.objects.bulk_create(
        CrimeCategory(layout=layout, major_text=major, minor_text=minor) for major, minor in pairs - set(known)
    )
    known = {(c.major_text, c.minor_text): c.pk for c in CrimeCategory.objects.filter(layout=layout)}
    keys = pd.Series(list(zip(text["major"], text["minor"], strict=True)), index=text.index)
    return keys.map(known).to_numpy(dtype=np.int64)


COLUMNS = "area_id, category_id, month, count, release_id"


def insert_counts(rows, release):
    """Bulk writes below the ORM: bulk_create builds a model object per row, several times the cost.

    PostgreSQL takes the rows through COPY; SQLite through one executemany.
    """
    table = MonthlyCount._meta.db_table
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            csv_text = rows.assign(release_id=release.pk)[COLUMNS.split(", ")].to_csv(index=False, header=False)
            with cursor.cursor.copy(f"COPY {table} ({COLUMNS}) FROM STDIN WITH (FORMAT csv)") as copy:
                copy.write(csv_text)
        return
    values = list(
        zip(
            rows["area_id"].astype(int).tolist(),
            rows["category_id"].astype(int).tolist(),
            rows["month"].tolist(),
            rows["count"].astype(int).tolist(),
            [release.pk] * len(rows),
            strict=True,
        )
    )
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {table} ({COLUMNS}) VALUES (%s, %s, %s, %s, %s)", values)


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
