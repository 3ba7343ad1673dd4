"""Months of a force's police.uk files that look incomplete: crime falls far below the months around it.

A force sometimes publishes a month before all its crimes are in (the ASB log, kept apart, holds steady): that
month would read as a sudden fall. This flags such months in words; it changes no figure.
"""

import statistics

from crime import counts, scopes
from crime import months as calendar
from crime.models import Area, CrimeCategory, Level, MonthCoverage
from crime.policeuk_csv import ASB

# A month is suspect below 75% of the median of the covered months up to two either side. Leicestershire's
# lowest real month in 2019-12..2022-10 is 86% of that median (February 2021, in lockdown; April 2020 is
# 87%), so real falls pass and a month missing a quarter of its crimes does not.
THRESHOLD = 0.75
REACH = 2  # months either side
FEWEST_NEIGHBOURS = 2  # one month beside it is not a trend


def suspect_months(force, near=None):
    """{month: why it looks incomplete} for a force's police.uk months in force, oldest first; only those within
    REACH of the months `near` when given (an import asks about the months it brought, and reads only those)."""
    span = (calendar.add(min(near), -2 * REACH), calendar.add(max(near), 2 * REACH)) if near else None
    crimes, asb = monthly_totals(scopes.police_uk(force), span)
    found = {}
    for month, count in crimes.items():
        if near and not any(abs(calendar.between(month, m)) <= REACH for m in near):
            continue
        around = neighbours(crimes, month)
        if len(around) >= FEWEST_NEIGHBOURS and count < THRESHOLD * statistics.median(around.values()):
            found[month] = reason(month, count, around, asb)
    return found


def neighbours(by_month, month):
    """{month: count} of the covered months up to REACH either side (a gap is no neighbour)."""
    near = [calendar.add(month, step) for step in range(-REACH, REACH + 1) if step]
    return {m: by_month[m] for m in near if m in by_month}


def reason(month, count, around, asb):
    middle = statistics.median(around.values())
    asb_middle = statistics.median(asb[m] for m in around)
    return (
        f"{count:,} crimes (ASB not counted), {100 * count / middle:.0f}% of the median of the months around it "
        f"({middle:,.0f}); ASB {asb[month]:,} against {asb_middle:,.0f}"
    )


def monthly_totals(scope, span=None):
    """({month: crimes}, {month: ASB incidents}) for the force as a whole, from the releases in force (in the
    span of (first, last) months when given)."""
    covered = MonthCoverage.objects.of(scope).filter(level=Level.FORCE)
    in_force = dict((covered.filter(month__range=span) if span else covered).values_list("month", "release_id"))
    if not in_force:
        return {}, {}
    categories = dict(CrimeCategory.objects.filter(layout=CrimeCategory.Layout.P).values_list("pk", "major_text"))
    force = Area.objects.filter(kind=Area.Kind.FORCE, slug=scope.force).values_list("pk", flat=True)
    first, last = min(in_force), max(in_force)
    loaded = counts.load(Level.FORCE, categories, first, last, coverage=in_force, areas=list(force))
    by_category = loaded.grid.sum(axis=1)  # categories x months: the force is the one area at its level
    is_asb = [categories[pk] == ASB for pk in loaded.category_ids]
    crimes = by_category[[not flag for flag in is_asb]].sum(axis=0).tolist()
    asb = by_category[is_asb].sum(axis=0).tolist()
    span_months = calendar.span(first, last)
    return (
        {m: c for m, c in zip(span_months, crimes, strict=True) if m in in_force},
        {m: a for m, a in zip(span_months, asb, strict=True) if m in in_force},
    )
