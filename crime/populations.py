"""Which population a rate uses: the population sources we import, their order of preference, and the rule.

A rate per 1,000 must say which population it used (a Census count is not a mid-year estimate), and the areas
of one comparison must all use the same one, so a ranking never mixes sources or years (ADR 0019).
"""

import enum
import re
from typing import NamedTuple

from crime.models import Population


class Source(enum.StrEnum):
    """Population.source of every row we import, exactly as stored."""

    # The MPS boroughs' long series; the demo's published figures were computed on this exact text.
    MYE_REVISED = "ONS mid-year estimates (revised series)"
    MYE = "ONS mid-year estimates"
    CENSUS_2021 = "Census 2021 (usual residents, rounded to the nearest 100)"
    CENSUS_2011 = "Census 2011 (usual residents)"
    # ONSvisual's poprank.js carries 2021 figures that differ from the published Census 2021 for 290 of its 331
    # districts (Charnwood 182,000 against 183,900): kept on record under their own name, never used for a rate.
    POPRANK_2021 = "2021 figures of ONSvisual's poprank.js (not the published Census 2021)"


# Mid-year estimates first, the revised series before the plain one; then the censuses.
ESTIMATES = (Source.MYE_REVISED, Source.MYE)
CENSUSES = (Source.CENSUS_2021, Source.CENSUS_2011)
DISTRICT_CODE = re.compile(r"(E06|E07|E08|E09|W06)\d{6}")


class Populations(NamedTuple):
    year: int | None
    source: str | None
    by_area: dict  # {Area: population}


NONE = Populations(None, None, {})


def populations_for(areas, window):
    """The one population of a comparison group of district Areas for a Window, in one query.

    The latest mid-year estimate no later than the window's end year that covers every area (at the same mid-year
    the revised series first); only when no estimate covers them all, the latest census no later than the window
    that does. Every area gets its figure from the same source and year; NONE when no source covers them all.
    """
    areas = list(areas)
    wanted = {area.pk for area in areas}
    found = {}
    rows = Population.objects.filter(area__in=areas, mid_year__lte=window.end.year, source__in=ESTIMATES + CENSUSES)
    for source, year, area_id, value in rows.values_list("source", "mid_year", "area_id", "value"):
        found.setdefault((source, year), {})[area_id] = value
    complete = [key for key, values in found.items() if values.keys() == wanted]
    if not areas or not complete:
        return NONE
    source, year = min(complete, key=preference)
    return Populations(year, source, {area: found[source, year][area.pk] for area in areas})


def preference(key):
    """Sort key of a (source, year): estimates before censuses, then the later year, then the listed order."""
    source, year = key
    order = ESTIMATES + CENSUSES
    return (source in CENSUSES, -year, order.index(source))


def label(source, year):
    """How a page names the population a figure used: 'ONS mid-2019 estimate' or 'Census 2021 population'."""
    if source in CENSUSES:
        return f"Census {year} population"
    if source in ESTIMATES or source.startswith("ONS mid-"):
        return f"ONS mid-{year} estimate"
    return f"{source}, {year}"
