"""The quarterly dashboard: priority tiles, the police crime figures and the London rankings for one quarter.

Everything is fetched in a fixed number of queries, whatever the volume of data (tests assert it).
"""

from dataclasses import dataclass

from django.core.cache import cache

from boards import redaction
from boards.models import Minute
from crime import figures as crime_figures
from crime import months as calendar
from crime import queries as crime_queries
from crime import rag as crime_rag
from crime.models import Area, Measure, ReportedFigure
from sbp import charts, data_version
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
    version: str  # the data version the figures are of (sbp.data_version): rendered figures are cached by it

    @property
    def narrated(self):
        """The police lines that carry the police's commentary for the quarter."""
        return [line for line in self.crime if line.narrative]


def latest_quarter(partnership=None):
    """The most recent quarter with partner returns (to `partnership`'s strategies, if given) or police figures
    (shared by every partnership), or None."""
    returns = ProgressUpdate.objects.all() if partnership is None else ProgressUpdate.objects.of(partnership)
    latest = returns.order_by("-financial_year", "-quarter").values_list("financial_year", "quarter")
    figure = ReportedFigure.objects.filter(quarter__isnull=False).order_by("-financial_year", "-quarter")
    candidates = [
        Quarter(*row) for row in [latest.first(), figure.values_list("financial_year", "quarter").first()] if row
    ]
    return max(candidates) if candidates else None


def build(quarter, reader, partnership=None):
    """The whole dashboard for a quarter as `reader` may see it (redaction.Reader), in a fixed number of queries:
    the tiles of `partnership`'s priorities (every partnership's if None), the figures everyone shares.

    Every crime figure comes from the one figures pipeline (crime.figures), as on the crime page, and is worked
    out once per data version (figures_for).
    """
    return Dashboard(quarter=quarter, tiles=priority_tiles(quarter, reader, partnership), **figures_for(quarter))


def figures_for(quarter):
    """The quarter's police lines, rankings and reporting window, from the cache while the data is unchanged: a
    repeated view or pack does no figures work. They are the same for every reader (nothing in them is Part 2)."""
    version = data_version.current()
    key = f"dashboard-figures:{version}:{quarter.year}-{quarter.number}"
    return {"version": version, **cache.get_or_set(key, lambda: police_figures(quarter), timeout=None)}


def police_figures(quarter):
    borough = Area.objects.filter(kind=Area.Kind.BOROUGH, name=BOROUGH).first()
    window = reporting_window(quarter, crime_queries.latest_month(until=quarter.last_month))
    presented = crime_figures.presented(borough, quarter.year, quarter.number) if borough else {}
    computed = {}
    if borough and window:
        components = crime_queries.measures_with_components(POLICE_MEASURES + RANKED_MEASURES)
        computed = crime_figures.computed(borough, components, window.end, BASELINE_YEAR)
    return {
        "crime": police_lines(presented, computed),
        "rankings": [ranking_table(computed[pk]) for pk in ranked_ids(computed) if computed[pk].ranking],
        "window": window,
        "baseline": window.shifted_years(BASELINE_YEAR - window.end.year) if window else None,
    }


def ranked_ids(computed):
    by_slug = {figure.measure.slug: pk for pk, figure in computed.items()}
    return [by_slug[slug] for slug in RANKED_MEASURES if slug in by_slug]


def priority_tiles(quarter, reader, partnership=None):
    previous = quarter.previous()
    priorities = (
        Priority.objects.all() if partnership is None else Priority.objects.filter(strategy__partnership=partnership)
    )
    priorities = list(priorities.select_related("strategy", "lead_partner").order_by("strategy", "number"))
    updates = ProgressUpdate.objects.filter(
        priority__in=priorities,
        financial_year__in={quarter.year, previous.year},
        quarter__in={quarter.number, previous.number},
    ).select_related("partner", "sub_priority")
    by_quarter = {}
    for update in updates:
        by_quarter.setdefault((update.priority_id, Quarter(update.financial_year, update.quarter)), []).append(update)
    minutes = {priority.pk: [] for priority in priorities}
    # Only the quarter's own discussions: a 2025 tile linking to a 2021 minute would mislead.
    in_quarter = Minute.objects.filter(
        priority__in=priorities,
        meeting__starts_at__date__gte=quarter.first_month,
        meeting__starts_at__date__lt=quarter.next().first_month,
    )
    discussed = redaction.minutes(reader, in_quarter)
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


def reporting_window(quarter, latest):
    """Twelve months to `latest`, the latest month imported up to the quarter's last month, if that is no more
    than three months before the quarter (police data lag by a month or two); otherwise none."""
    if latest is None or latest < calendar.add(quarter.first_month, -3):
        return None
    return crime_queries.Window.twelve_months_to(latest)


def ranking_table(figure):
    """One measure's London ranking, its month-by-month trend against the baseline and its top wards."""
    window, baseline = figure.window, figure.baseline_window
    before = {row.area.pk: row.rank for row in figure.previous_ranking.rows} if figure.previous_ranking else {}
    span = f"{window.start:%b %Y} to {window.end:%b %Y}"
    trend = list(zip(figure.series, figure.baseline_series, strict=True))
    rows = figure.ranking.rows
    wards = [(share.ward.name, share.count) for share in figure.wards]
    return RankingTable(
        measure=figure.measure,
        rows=[
            RankingRow(
                row.rank, row.area, row.count, row.rate,
                before[row.area.pk] - row.rank if row.area.pk in before else None, crime_rag.ranking_band(row.rank),
            )
            for row in rows
        ],
        mid_year=figure.ranking.mid_year,
        london_rate=figure.ranking.london_rate,
        chart=charts.ranking(
            f"{figure.measure.name}: rate per 1,000, {span}",
            [r.area.name for r in rows], [float(r.rate) for r in rows], BOROUGH,
        ),
        trend=trend,
        trend_chart=charts.trend(
            f"{BOROUGH}, month by month", [month for (month, _), _ in trend], [count for (_, count), _ in trend],
            [count for _, (_, count) in trend], span, f"{baseline.start:%b %Y} to {baseline.end:%b %Y}",
        ),
        wards=wards,
        ward_chart=charts.hotspots(f"{figure.measure.name}: top wards, {span}", [w[0] for w in wards],
                                   [w[1] for w in wards]) if wards else None,
    )  # fmt: skip


def police_lines(presented, computed):
    """The police section in the pack's order: the figure the report presented, else the one computed."""
    by_slug = {
        figure.measure.slug: figure for figure in [*computed.values(), *presented.values()] if not figure.problem
    }
    return [by_slug[slug] for slug in POLICE_MEASURES if slug in by_slug]
