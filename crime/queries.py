"""Report-shaped figures from the imported counts: totals, series, rates, ranks, change and ward shares.

numpy sums the stored counts (crime.counts); these functions shape the answers and say when a comparison is not
valid.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Max

from crime import counts, populations, scopes
from crime import months as calendar
from crime.models import Area, CrimeCategory, Level, MeasureComponent, MonthCoverage, Population

PREFERRED_POPULATION_SOURCE = populations.Source.MYE_REVISED


@dataclass(frozen=True)
class Window:
    """Whole months from `start` to `end` inclusive (both the first day of their month)."""

    start: datetime.date
    end: datetime.date

    @classmethod
    def twelve_months_to(cls, end):
        return cls(calendar.add(end, -11), end)

    @classmethod
    def calendar_year(cls, year):
        return cls(datetime.date(year, 1, 1), datetime.date(year, 12, 1))

    @property
    def months(self):
        return calendar.span(self.start, self.end)

    def shifted_years(self, years):
        return Window(calendar.add(self.start, 12 * years), calendar.add(self.end, 12 * years))


def coverage_gap(measure, components, coverage, window, level="borough"):
    """Why the window cannot be reported, or None: a month no release covers, or a layout the measure lacks.

    `coverage` is coverage_with_layouts()[level]; `components` the measure's components.
    """
    missing = [month for month in window.months if month not in coverage]
    if missing:
        return f"No {level} data has been imported for {missing[0]:%B %Y}."
    layouts = {component.layout for component in components}
    foreign = sorted({coverage[month][1] for month in window.months} - layouts)
    if foreign:
        return f"{measure.name} is not defined for the layout {foreign[0]} files that cover part of this period."
    return None


def coverage_with_layouts(scope=scopes.MPS):
    """{level: {month: (id of the release in force, its layout)}} for every level of a scope, in one query."""
    result = {level: {} for level in Level.values}
    rows = MonthCoverage.objects.of(scope).values_list("level", "month", "release_id", "release__layout")
    for level, month, release, layout in rows:
        result[level][month] = (release, layout)
    return result


@dataclass(frozen=True)
class RankedArea:
    area: Area
    count: int
    population: int
    rate: Decimal
    rank: int


@dataclass(frozen=True)
class Ranking:
    rows: list
    mid_year: int  # the year of the population used: a mid-year, or a census year (see source)
    source: str  # the Population.source every row's population came from (crime.populations.Source)
    group_rate: Decimal  # the rate of the whole comparison group: its counts over its people

    @property
    def of(self):
        return len(self.rows)

    def for_area(self, area):
        return next((row for row in self.rows if row.area.pk == area.pk), None)

    @property
    def population_label(self):
        """'ONS mid-2019 estimate' or 'Census 2021 population': which population the rates used."""
        return populations.label(self.source, self.mid_year)


def rate_per_1000(count, population):
    return (Decimal(1000 * count) / Decimal(population)).quantize(Decimal("0.001"), ROUND_HALF_UP)


def ranking_of(totals, mid_year, population, source=PREFERRED_POPULATION_SOURCE):
    """The Ranking of {area id: total} among the areas of `population` ({Area: people}), all of one `source` and
    year (as populations_for gives them)."""
    rows, group_rate = rank(totals, population)
    return Ranking(rows, mid_year, str(source), group_rate)


def percent_change(current, baseline):
    """Change against the baseline in per cent, to one decimal place; None when the baseline is zero."""
    if not baseline:
        return None
    return (Decimal(100 * (current - baseline)) / Decimal(baseline)).quantize(Decimal("0.1"), ROUND_HALF_UP)


@dataclass(frozen=True)
class WardShare:
    ward: Area
    count: int
    share: Decimal | None


def ward_shares(ward_totals, wards, borough_total, top=5):
    """The top wards of {ward id: total}, each with its share of the borough total (from the borough file).

    `wards` is {ward id: Area} for the borough's wards.
    """
    ranked = sorted(ward_totals.items(), key=lambda item: (-item[1], wards[item[0]].name))[:top]
    return [
        WardShare(wards[ward_id], count, percent_share(count, borough_total)) for ward_id, count in ranked if count > 0
    ]


def percent_share(part, whole):
    return (Decimal(100 * part) / Decimal(whole)).quantize(Decimal("0.1"), ROUND_HALF_UP) if whole else None


def cautions(measure, window, baseline_window, current, baseline):
    """What a reader must know before trusting a comparison."""
    notes = []
    if min(current, baseline) < measure.small_numbers_below:
        notes.append(f"Small numbers (fewer than {measure.small_numbers_below}): the percentage change is noisy.")
    if measure.series_break and baseline_window.start < measure.series_break <= window.end:
        notes.append(
            f"Series break: figures before {measure.series_break:%B %Y} are not comparable with those after it."
        )
    return notes


def latest_month(level="borough", until=None, scope=scopes.MPS):
    """The most recent month any imported release of the scope covers (up to `until`), or None before the first
    import."""
    covered = MonthCoverage.objects.of(scope).filter(level=level)
    if until is not None:
        covered = covered.filter(month__lte=until)
    return covered.aggregate(latest=Max("month"))["latest"]


def measures_with_components(slugs):
    """{measure: [its components]} for the measures named, in one query."""
    found = {}
    for component in MeasureComponent.objects.filter(measure__slug__in=slugs).select_related("measure"):
        found.setdefault(component.measure, []).append(component)
    return found


def signs_for(components_by_measure):
    """{measure id: {category id: net sign}} from {measure: [components]}, with one query for the categories."""
    categories = list(CrimeCategory.objects.values_list("pk", "layout", "major_text", "minor_text"))
    result = {}
    for measure, components in components_by_measure.items():
        signs = defaultdict(int)
        for component in components:
            for pk, layout, major, minor in categories:
                matches = component.major_text in ("", major) and component.minor_text in ("", minor)
                if layout == component.layout and matches:
                    signs[pk] += component.sign
        result[measure.pk] = {pk: sign for pk, sign in signs.items() if sign}
    return result


def load_for(signs, windows, level="borough", coverage=None, areas=None, scope=scopes.MPS):
    """The counts every measure in `signs` (from signs_for) needs over the windows, in one query.

    Pass `coverage` ({month: release id}, from coverage_with_layouts) when you have it, to save a query.
    """
    categories = {pk for by_category in signs.values() for pk in by_category}
    start, end = min(w.start for w in windows), max(w.end for w in windows)
    return counts.load(level, categories, start, end, coverage=coverage, areas=areas, scope=scope)


def window_sums(signs, windows, loaded):
    """{(measure id, window): {area id: total}} for many measures and windows, from load_for's counts."""
    return {
        (measure, window): loaded.totals(by_category, window)
        for measure, by_category in signs.items()
        for window in windows
    }


def monthly_sums(signs, area, windows, loaded):
    """{measure id: {month: count}} for one area over the windows' months, from load_for's counts."""
    result = {}
    for measure, by_category in signs.items():
        result[measure] = {}
        for window in windows:
            result[measure] |= loaded.months(by_category, area.pk, window)
    return result


def rank(totals, population):
    """Rank areas by rate per 1,000, lowest first; ties to the lower count, then the name."""
    rows = [(area, totals.get(area.pk, 0), people) for area, people in population.items()]
    rows.sort(key=lambda row: (Decimal(row[1]) / row[2], row[1], row[0].name))
    ranked = [
        RankedArea(area, count, people, rate_per_1000(count, people), position)
        for position, (area, count, people) in enumerate(rows, 1)
    ]
    group_rate = rate_per_1000(sum(row.count for row in ranked), sum(row.population for row in ranked))
    return ranked, group_rate


def population_by_borough(window, source=PREFERRED_POPULATION_SOURCE):
    """(mid-year, {borough Area: population}) for the latest estimate no later than the window, in one query.

    Every district that has `source`: the MPS boroughs for the revised series. For a chosen comparison group,
    crime.populations.populations_for is the rule (any source, never mixed).
    """
    rows = list(
        Population.objects.filter(source=source, area__kind=Area.Kind.BOROUGH, mid_year__lte=window.end.year)
        .select_related("area")
        .order_by("-mid_year")
    )
    if not rows:
        return None, {}
    latest = rows[0].mid_year
    return latest, {row.area: row.value for row in rows if row.mid_year == latest}
