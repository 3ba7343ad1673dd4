"""Police force areas: which districts each force covers, and the rows its files could not place.

A force's street files have rows in districts it does not police (a snap point over the border, a crime
recorded where it was reported): those rows stay in the district they fall in, but the district is not the
force's. A district is the force's when its files have rows in at least half of the district's LSOAs.
"""

from django.db.models import Count

from crime.models import Area, Level, MonthCoverage

# At least half: a force's own district has rows in nearly every LSOA every month (Rutland, the smallest here,
# in all 23 of its LSOAs), a neighbour's in a handful a year.
SHARE_OF_LSOAS = 0.5


def ensure_force(slug, name):
    """The force's area (kind force, known by police.uk's id), created on its first file."""
    return Area.objects.get_or_create(kind=Area.Kind.FORCE, slug=slug, defaults={"name": name})[0]


def assign_districts(force, reached):
    """Make the force's the districts where one upload's files have rows in at least SHARE_OF_LSOAS of the LSOAs.

    `reached` is {district id: ids of its LSOAs with rows}. A district stays the force's afterwards: a later month
    with fewer places, or a withdrawn file, does not undo what a month of the force's own records showed.
    Returns the ids newly assigned.
    """
    # Only districts no force has: a snap point over the border must never take a district from its own force.
    candidates = Area.objects.filter(pk__in=list(reached), police_force=None)
    lsoas = Area.objects.filter(kind=Area.Kind.LSOA, parent__parent__in=candidates)
    every = dict(lsoas.values_list("parent__parent").annotate(n=Count("pk")).order_by())
    covered = [district for district, total in every.items() if len(reached[district]) >= SHARE_OF_LSOAS * total]
    # A bulk update sends no model signal; the release the import creates has already changed the data version.
    Area.objects.filter(pk__in=covered).update(police_force=force)
    return covered


def unlocated_by_month(scope):
    """{month: rows with no location} in the releases in force for the scope, in one query."""
    rows = MonthCoverage.objects.of(scope).filter(level=Level.FORCE).order_by("month")
    return dict(rows.values_list("month", "release__unlocated_rows"))
