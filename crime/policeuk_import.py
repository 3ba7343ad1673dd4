"""Write read police.uk street files (crime.policeuk_csv) into the database: an upload, one file or a zip of
months, in one transaction, or nothing.

Each monthly file is a release of its force's scope (ADR 0017). Its rows are counted per crime type at four
levels: each LSOA, each ward and district the lookup puts the LSOA in, and the force (which alone counts the
rows with no location). The four levels share one count block per crime type, and coverage (crime.coverage) puts
the latest download of a month in force at every level at once.
"""

from dataclasses import dataclass, field

import numpy as np
from django.db import transaction

from crime import completeness, counts, coverage, forces, policeuk_csv
from crime import months as calendar
from crime.models import Area, CountBlock, CrimeCategory, Level, Release, Source

UNKNOWN_LSOA = "this LSOA is not in the imported lookup (import the ONS lookup first: manage.py import_lookup)"


@dataclass
class StreetResult:
    release: Release
    already_imported: bool
    change: coverage.Change | None = None
    reinstated: bool = False
    force: Area | None = None  # a new file's force, and {district id: [ids of its LSOAs with rows]}
    reached: dict = field(default_factory=dict)

    def describe(self):
        release = self.release
        if self.already_imported:
            return f"{release.file_name}: already imported on {release.imported_at:%d %b %Y}; nothing changed."
        standing = coverage.standing(release, self.change)
        if self.reinstated:
            return f"{release.file_name}: had been withdrawn and is back in use; {standing}."
        return (
            f"{release.file_name}: police.uk, {release.force}, {release.first_month:%Y-%m}, {release.rows:,} rows "
            f"({release.unlocated_rows:,} with no location, counted for the force only) in {release.areas:,} LSOAs; "
            f"{standing}."
        )


@dataclass
class UploadResult:
    """What an upload did, file by file, and which of its forces' months look incomplete afterwards."""

    files: list
    suspect: dict = field(default_factory=dict)  # {force area: {month: reason}}

    @property
    def already_imported(self):
        return all(result.already_imported for result in self.files)

    def describe(self):
        lines = [result.describe() for result in self.files]
        for force, months in self.suspect.items():
            lines += [f"{force.name}, {month:%Y-%m} may be incomplete: {reason}." for month, reason in months.items()]
        return "\n".join(lines)


@transaction.atomic
def import_upload(raw, name, user, now):
    """Import a street file or a zip of them. Each file is known by its sha256 before it is parsed, so one
    imported before costs a hash and a query."""
    results = [import_member(member, data, user, now) for member, data in policeuk_csv.members(raw, name)]
    written, reached = {}, {}
    for result in results:
        if result.force:  # a new file: the months and places it brought, by force
            written.setdefault(result.force, []).append(result.release.first_month)
            for district, lsoas in result.reached.items():
                reached.setdefault(result.force, {}).setdefault(district, set()).update(lsoas)
    for force, districts in reached.items():
        forces.assign_districts(force, districts)
    return UploadResult(
        results, {force: completeness.suspect_months(force.slug, months) for force, months in written.items()}
    )


def import_member(name, raw, user, now):
    sha256 = policeuk_csv.sha256_of(raw)
    existing = Release.objects.filter(sha256=sha256).first()
    if existing:
        return imported_again(existing)
    return write(policeuk_csv.read(raw, name, sha256), user, now)


def imported_again(release):
    """A file imported before changes nothing, unless it had been withdrawn: then it is back in use."""
    if not release.withdrawn_at:
        return StreetResult(release, True)
    release.withdrawn_at = release.withdrawn_by = None
    release.save(update_fields=["withdrawn_at", "withdrawn_by"])
    return StreetResult(release, False, coverage.resolve_for(release), reinstated=True)


def write(street, user, now):
    """A new release: its force and crime types (created where new), its count blocks, coverage and districts."""
    places = located(street)
    force = forces.ensure_force(street.force, street.force_name)
    area_ids, category_ids, cube = street_grid(street, places, force.pk)
    release = Release.objects.create(
        file_name=street.name,
        sha256=street.sha256,
        source=Source.POLICE_UK,
        force=street.force,
        layout=CrimeCategory.Layout.P,
        level=Level.LSOA,
        first_month=street.month,
        last_month=street.month,
        # police.uk publishes a month's files about a month after it; a later download of the same month, published
        # the same month, wins by being imported later (the tie-break of ADR 0010's rule).
        published_on=calendar.add(street.month, 1),
        rows=street.rows,
        unlocated_rows=int((street.lsoa == "").sum()),
        areas=int(np.count_nonzero(places[0])),  # the file's distinct LSOAs: its codes are its categories
        imported_at=now,
        imported_by=user,
        area_ids=area_ids.tolist(),
    )
    CountBlock.objects.bulk_create(
        CountBlock(release=release, category_id=category, counts=counts.encode(grid))
        for category, grid in zip(category_ids.tolist(), cube, strict=True)
    )
    change = coverage.resolve_for(release)
    if change.supplied_by(release):
        release.counts_written = int(np.count_nonzero(cube))
        # An update, not a save: creating the release has already changed the data version (ADR 0016).
        Release.objects.filter(pk=release.pk).update(counts_written=release.counts_written)
    return StreetResult(release, False, change, force=force, reached=reached(places))


def reached(places):
    """{district id: [ids of its LSOAs]} of the file's located LSOAs (each code is one LSOA, once)."""
    lsoas, _, districts = places
    found = {}
    for lsoa, district in zip(lsoas.tolist(), districts.tolist(), strict=True):
        if lsoa:
            found.setdefault(district, []).append(lsoa)
    return found


def located(street):
    """(lsoa, ward, district) ids for each of the file's distinct LSOA codes (0 for no location), from the
    lookup's LSOAs of one census year, in one query; a code the lookup lacks is refused at its first row."""
    categories = street.lsoa.categories.tolist()
    codes = [code for code in categories if code]
    found = {}
    rows = Area.objects.filter(kind=Area.Kind.LSOA, code__in=codes).order_by("lsoa_vintage")
    for code, vintage, *ids in rows.values_list("code", "lsoa_vintage", "pk", "parent_id", "parent__parent_id"):
        found.setdefault(vintage, {})[code] = ids
    # The earliest census year whose LSOAs include every code: police.uk files name 2011 LSOAs until they move
    # to 2021 ones, and a file of codes both years share is read as the older lookup says.
    lookup = next((by_code for by_code in found.values() if len(by_code) == len(codes)), None if codes else {})
    if lookup is None:
        known = max(found.values(), key=len, default={})
        unknown = next(code for code in codes if code not in known)
        policeuk_csv.refuse(street.lsoa, unknown, street.name, "LSOA code", UNKNOWN_LSOA)
    by_category = np.array([lookup.get(code, (0, 0, 0)) for code in categories], dtype=np.int64).reshape(-1, 3)
    return by_category.T  # three arrays, each indexed by the category's position


def street_grid(street, places, force_id):
    """(area ids, category ids, categories x areas x 1 cube): each row counted for the force and, where it has
    a location, for its LSOA, ward and district.

    The rows' LSOA codes are categorical, so areas are placed once per distinct code and the rows only index.
    """
    located_codes = places[0] > 0
    area_ids = np.unique(np.concatenate([[force_id]] + [level[located_codes] for level in places]))
    codes = np.asarray(street.lsoa.codes)
    has_place = located_codes[codes]
    row_codes = codes[has_place]
    crime_types = np.asarray(street.crime_type.codes, dtype=np.int64)
    keys = [np.full(len(codes), np.searchsorted(area_ids, force_id)) + crime_types * len(area_ids)]
    for level in places:
        position = np.searchsorted(area_ids, level)  # each code's place on the area axis at this level
        keys.append(position[row_codes] + crime_types[has_place] * len(area_ids))
    category_ids = crime_type_ids(street.crime_type.categories.tolist())
    cells = np.bincount(np.concatenate(keys), minlength=len(category_ids) * len(area_ids))
    return area_ids, category_ids, cells.reshape(len(category_ids), len(area_ids), 1)


def crime_type_ids(names):
    """The layout P category of each crime type (major text the type, no minor), creating the types new here."""
    known = dict(CrimeCategory.objects.filter(layout=CrimeCategory.Layout.P).values_list("major_text", "pk"))
    created = CrimeCategory.objects.bulk_create(
        CrimeCategory(layout=CrimeCategory.Layout.P, major_text=name, minor_text="")
        for name in names
        if name not in known
    )
    known |= {category.major_text: category.pk for category in created}
    return np.array([known[name] for name in names], dtype=np.int64)
