"""The quarterly dashboard: priority tiles, the police crime figures and the London rankings for one quarter.

Everything is fetched in a fixed number of queries, whatever the volume of data (tests assert it).
"""

from dataclasses import dataclass, field

from boards import redaction
from boards.models import Minute
from crime import months as calendar
from crime import queries as crime_queries
from crime import rag as crime_rag
from crime.models import Area, Hotspot, Measure, ReportedFigure
from sbp import charts
from strategy import rag as strategy_rag
from strategy.models import Priority, ProgressUpdate
from strategy.quarters import Quarter

# The police section of the pack, in its order.
POLICE_MEASURES = [
    "ndvwi", "total-burglary", "residential-burglary", "asb-calls", "theft-of-a-motor-vehicle",
    "domestic-abuse", "knife-crime", "gun-crime", "hate-crime", "sexual-offences",
]  # fmt: skip
# Tables 2-10 of the Crime Needs Assessment.
RANKED_MEASURES = [
    "tno", "total-burglary", "residential-burglary", "theft-from-the-person",
    "theft-of-a-motor-vehicle", "theft-from-a-motor-vehicle",
]  # fmt: skip
BASELINE_YEAR = 2019
BOROUGH = "Bromley"


@dataclass
class PriorityTile:
    priority: Priority
    rating: str | None
    previous_rating: str | None
    direction: str | None
    updates: list
    minutes: list


@dataclass
class CrimeLine:
    measure: Measure
    period: str
    count: object
    comparison: object
    comparison_label: str
    change: object
    rating: str | None
    source: str
    hand_entered: bool
    cautions: list = field(default_factory=list)
    hotspots: list = field(default_factory=list)


@dataclass(frozen=True)
class RankingRow:
    rank: int
    area: Area
    count: int
    rate: object
    change: int | None  # places moved up (positive) since the same months a year before
    band: str


@dataclass
class RankingTable:
    measure: Measure
    rows: list
    mid_year: int
    london_rate: object
    chart: dict
    trend: list
    trend_chart: dict
    wards: list
    ward_chart: dict | None

    @property
    def ids(self):
        """Element ids for this measure's heading and chart data."""
        slug = self.measure.slug
        return {"heading": f"ranking-{slug}", "ranking": f"chart-ranking-{slug}", "trend": f"chart-trend-{slug}",
                "wards": f"chart-wards-{slug}"}  # fmt: skip


@dataclass
class Dashboard:
    quarter: Quarter
    tiles: list
    crime: list
    rankings: list
    window: object
    baseline: object


def latest_quarter():
    """The most recent quarter with partner returns or police figures, or None."""
    latest = ProgressUpdate.objects.order_by("-financial_year", "-quarter").values_list("financial_year", "quarter")
    figure = ReportedFigure.objects.filter(quarter__isnull=False).order_by("-financial_year", "-quarter")
    candidates = [
        Quarter(*row) for row in [latest.first(), figure.values_list("financial_year", "quarter").first()] if row
    ]
    return max(candidates) if candidates else None


def build(quarter, reader):
    """The whole dashboard for a quarter as `reader` may see it (redaction.Reader), in a fixed number of queries."""
    components = crime_queries.measures_with_components(POLICE_MEASURES + RANKED_MEASURES)
    coverage = crime_queries.coverage_by_level()
    window = reporting_window(quarter, coverage["borough"])
    figures = reported_figures(quarter)
    rankings, computed = crime_figures(components, coverage, window)
    measures = {m.slug: m for m in components} | {f.measure.slug: f.measure for f in figures.values()}
    return Dashboard(
        quarter=quarter,
        tiles=priority_tiles(quarter, reader),
        crime=police_lines(quarter, measures, figures, computed),
        rankings=rankings,
        window=window,
        baseline=window.shifted_years(BASELINE_YEAR - window.end.year) if window else None,
    )


def reported_figures(quarter):
    """The counts presented for the board's borough in the quarter's report, by measure id."""
    figures = ReportedFigure.objects.filter(
        financial_year=quarter.year,
        quarter=quarter.number,
        area__kind=Area.Kind.BOROUGH,
        area__name=BOROUGH,
        statistic=ReportedFigure.Statistic.COUNT,
    ).select_related("measure")
    return {figure.measure_id: figure for figure in figures}


def priority_tiles(quarter, reader):
    previous = quarter.previous()
    priorities = list(Priority.objects.select_related("strategy", "lead_partner").order_by("strategy", "number"))
    updates = ProgressUpdate.objects.filter(
        financial_year__in={quarter.year, previous.year}, quarter__in={quarter.number, previous.number}
    ).select_related("partner", "sub_priority")
    by_quarter = {}
    for update in updates:
        by_quarter.setdefault((update.priority_id, Quarter(update.financial_year, update.quarter)), []).append(update)
    minutes = {priority.pk: [] for priority in priorities}
    discussed = redaction.minutes(reader, Minute.objects.filter(priority__in=priorities))
    for minute in discussed.select_related("meeting").order_by("meeting__starts_at"):
        minutes[minute.priority_id].append(minute)
    tiles = []
    for priority in priorities:
        current = by_quarter.get((priority.pk, quarter), [])
        before = by_quarter.get((priority.pk, previous), [])
        rating = strategy_rag.priority_rating(u.rag for u in current)
        previous_rating = strategy_rag.priority_rating(u.rag for u in before)
        direction = strategy_rag.direction(rating, previous_rating)
        tiles.append(PriorityTile(priority, rating, previous_rating, direction, current, minutes[priority.pk]))
    return tiles


def reporting_window(quarter, covered):
    """Twelve months to the quarter's last month, or to the latest month imported before it if that is
    no more than three months before the quarter (police data lag by a month or two); otherwise none."""
    months = [month for month in covered if month <= quarter.last_month]
    if not months or max(months) < calendar.add(quarter.first_month, -3):
        return None
    return crime_queries.Window.twelve_months_to(max(months))


def crime_figures(components, coverage, window):
    """Rankings with their charts, and the computed police-section figures, from the imported MPS data."""
    ranked = [m for slug in RANKED_MEASURES for m in components if m.slug == slug]
    if window is None or not ranked:
        return [], {}
    baseline = window.shifted_years(BASELINE_YEAR - window.end.year)
    year_before = window.shifted_years(-1)
    signs = crime_queries.signs_for(components)
    mid_year, population = crime_queries.population_by_borough(window)
    borough = next((area for area in population if area.name == BOROUGH), None)
    if borough is None:
        return [], {}
    windows = [window, baseline, year_before]
    loaded = crime_queries.load_for(signs, windows, coverage=coverage["borough"])
    totals = crime_queries.window_sums(signs, windows, loaded)
    monthly = crime_queries.monthly_sums({m.pk: signs[m.pk] for m in ranked}, borough, [window, baseline], loaded)
    wards = ward_figures({m.pk: signs[m.pk] for m in ranked}, coverage["ward"], window)
    rankings = [
        ranking_table(
            measure, totals, monthly[measure.pk], wards, population, mid_year, (window, baseline, year_before)
        )
        for measure in ranked
    ]
    computed = {
        measure.pk: (totals[(measure.pk, window)][borough.pk], totals[(measure.pk, baseline)][borough.pk])
        for measure in components
    }
    return rankings, computed


def ward_figures(signs, ward_coverage, window):
    """The borough's ward totals for the window when ward data covers all of it, else None."""
    if any(month not in ward_coverage for month in window.months):
        return None
    wards = Area.objects.filter(kind=Area.Kind.WARD, parent__kind=Area.Kind.BOROUGH, parent__name=BOROUGH)
    names = dict(wards.values_list("pk", "name"))
    loaded = crime_queries.load_for(signs, [window], level="ward", coverage=ward_coverage, areas=list(names))
    return crime_queries.window_sums(signs, [window], loaded), names


def ranking_table(measure, totals, monthly, wards, population, mid_year, windows):
    window, baseline, year_before = windows
    rows, london = crime_queries.rank(totals[(measure.pk, window)], population)
    before, _ = crime_queries.rank(totals[(measure.pk, year_before)], population)
    span = f"{window.start:%b %Y} to {window.end:%b %Y}"
    trend = [
        ((month, monthly[month]), (then, monthly[then]))
        for month, then in zip(window.months, baseline.months, strict=True)
    ]
    ward_rows = top_wards(wards, measure, window)
    rank_before = {row.area.pk: row.rank for row in before}
    return RankingTable(
        measure=measure,
        rows=[
            RankingRow(
                row.rank,
                row.area,
                row.count,
                row.rate,
                rank_before[row.area.pk] - row.rank,
                crime_rag.ranking_band(row.rank),
            )
            for row in rows
        ],
        mid_year=mid_year,
        london_rate=london,
        chart=charts.ranking(
            f"{measure.name}: rate per 1,000, {span}",
            [r.area.name for r in rows],
            [float(r.rate) for r in rows],
            BOROUGH,
        ),
        trend=trend,
        trend_chart=charts.trend(
            f"{BOROUGH}, month by month",
            [month for (month, _), _ in trend],
            [count for (_, count), _ in trend],
            [count for _, (_, count) in trend],
            span,
            f"{baseline.start:%b %Y} to {baseline.end:%b %Y}",
        ),
        wards=ward_rows,
        ward_chart=charts.hotspots(
            f"{measure.name}: top wards, {span}", [w[0] for w in ward_rows], [w[1] for w in ward_rows]
        )
        if ward_rows
        else None,
    )


def top_wards(wards, measure, window, top=5):
    if wards is None:
        return []
    by_measure, names = wards
    totals = by_measure[(measure.pk, window)]
    ranked = sorted(totals.items(), key=lambda item: (-item[1], names.get(item[0], "")))[:top]
    return [(names[area], count) for area, count in ranked if count > 0]


def police_lines(quarter, measures, reported, computed):
    hotspots = {}
    in_quarter = Hotspot.objects.filter(ward__parent__name=BOROUGH, financial_year=quarter.year, quarter=quarter.number)
    for hotspot in in_quarter.select_related("ward").order_by("rank"):
        hotspots.setdefault(hotspot.measure_id, []).append(hotspot)
    lines = []
    for slug in POLICE_MEASURES:
        measure = measures.get(slug)
        if measure is None:
            continue
        figure = reported.get(measure.pk)
        if figure:
            lines.append(reported_line(measure, figure, hotspots))
        elif measure.pk in computed:
            lines.append(computed_line(measure, *computed[measure.pk]))
    return lines


def reported_line(measure, figure, hotspots):
    cautions = [f"Entered by hand from {figure.source}."]
    change = figure.change_percent
    if change is None and figure.comparison_value:
        # The source printed both counts but no percentage: work it out, and say so.
        change = crime_queries.percent_change(figure.value, figure.comparison_value)
        cautions.append("The percentage change is worked out from the two counts; the source did not print one.")
    if figure.note:
        cautions.append(figure.note)
    if figure.value < measure.small_numbers_below:
        cautions.append(f"Small numbers (fewer than {measure.small_numbers_below}): the percentage change is noisy.")
    return CrimeLine(
        measure=measure,
        period=figure.period_label,
        count=figure.value,
        comparison=figure.comparison_value,
        comparison_label=figure.comparison_label,
        change=change,
        rating=figure.rag or crime_rag.change_rating(measure, change),
        source=figure.source,
        hand_entered=True,
        cautions=cautions,
        hotspots=hotspots.get(measure.pk, []),
    )


def computed_line(measure, count, baseline):
    change = crime_queries.percent_change(count, baseline)
    cautions = []
    if min(count, baseline) < measure.small_numbers_below:
        cautions.append(f"Small numbers (fewer than {measure.small_numbers_below}): the percentage change is noisy.")
    return CrimeLine(
        measure=measure,
        period="Twelve months to the quarter",
        count=count,
        comparison=baseline,
        comparison_label=f"same months of {BASELINE_YEAR}",
        change=change,
        rating=crime_rag.change_rating(measure, change),
        source="MPS recorded crime data (imported)",
        hand_entered=False,
        cautions=cautions,
    )
