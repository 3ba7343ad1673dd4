"""Write a read ONS lookup (crime.lookup_csv) as Areas: districts, their wards and the wards' LSOAs, in one go.

Areas already there are kept as they are and never duplicated: districts are matched on their GSS code (the
boroughs the MPS files created are the same districts), wards on code and vintage, LSOAs on code and
census year. A second import of the same lookup writes nothing.
"""

from dataclasses import dataclass

from django.db import connection, transaction

from crime.models import Area
from sbp import data_version

PLURALS = {"district": "districts", "ward": "wards", "lsoa": "LSOAs"}


@dataclass
class LookupResult:
    name: str
    vintages: dict
    created: dict  # {"district": n, "ward": n, "lsoa": n}
    rows: int

    def describe(self):
        made = ", ".join(f"{count:,} new {PLURALS[level]}" for level, count in self.created.items())
        return (
            f"{self.name}: {self.rows:,} LSOAs ({self.vintages['lsoa']}) in wards of {self.vintages['ward']} and "
            f"districts of {self.vintages['district']}; {made}."
        )


@transaction.atomic
def import_lookup(lookup):
    """Create the lookup's areas that are new, parents first (three bulk inserts, a query per level to read)."""
    rows = lookup.rows
    districts = rows.drop_duplicates("district_code")
    district_ids, new_districts = ensure(
        Area.objects.filter(kind=Area.Kind.BOROUGH),
        [
            Area(kind=Area.Kind.BOROUGH, code=code, name=name)
            for code, name in zip(districts["district_code"], districts["district_name"], strict=True)
        ],
    )
    wards = rows.drop_duplicates("ward_code")
    ward_vintage = lookup.vintages["ward"]
    ward_ids, new_wards = ensure(
        Area.objects.filter(kind=Area.Kind.WARD, ward_vintage=ward_vintage),
        [
            Area(kind=Area.Kind.WARD, code=code, name=name, ward_vintage=ward_vintage, parent_id=district_ids[parent])
            for code, name, parent in zip(wards["ward_code"], wards["ward_name"], wards["district_code"], strict=True)
        ],
    )
    lsoa_vintage = lookup.vintages["lsoa"]
    _, new_lsoas = ensure(
        Area.objects.filter(kind=Area.Kind.LSOA, lsoa_vintage=lsoa_vintage),
        [
            Area(kind=Area.Kind.LSOA, code=code, name=name, lsoa_vintage=lsoa_vintage, parent_id=ward_ids[parent])
            for code, name, parent in zip(rows["lsoa_code"], rows["lsoa_name"], rows["ward_code"], strict=True)
        ],
    )
    created = {"district": new_districts, "ward": new_wards, "lsoa": new_lsoas}
    if any(created.values()):
        data_version.changed()  # bulk inserts send no model signals (ADR 0016)
        refresh_statistics()
    return LookupResult(lookup.name, lookup.vintages, created, len(rows))


def refresh_statistics():
    """Let PostgreSQL's planner know the 43,000 new areas now, not when autovacuum comes round: planned on an
    empty table's statistics, a police.uk import's LSOA and district queries ran ten times slower."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(Area._meta.db_table)}")


def ensure(existing, candidates):
    """({code: id} of every candidate, how many were created): those whose code `existing` lacks are inserted."""
    ids = dict(existing.values_list("code", "pk"))
    new = [area for area in candidates if area.code not in ids]
    ids |= {area.code: area.pk for area in Area.objects.bulk_create(new, batch_size=2000)}
    return ids, len(new)
