"""The quarterly dashboard: priority tiles, the police crime figures and the rankings for one quarter.

What is shown, in which order, compared with what, is the partnership's own setting (crime.FiguresSetting).

Everything is fetched in a fixed number of queries, whatever the volume of data (tests assert it).
"""

from dataclasses import dataclass

from django.core.cache import cache

from boards import access, printed_figures, redaction
from boards.models import Meeting, Minute, PackBuild
from crime import comparison
from crime import figures as crime_figures
from crime import months as calendar
from crime import queries as crime_queries
from crime import rag as crime_rag
from crime.models import Area, FiguresSetting, Measure, ReportedFigure
from sbp import charts, data_version
from strategy import rag as strategy_rag
from strategy.models import Priority, ProgressUpdate
from strategy.quarters import Quarter


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
    population_source: str
    area: Area  # the partnership's district, highlighted
    group_rate: object
    group_name: str
    group_members: str
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
    partnership: object
    quarter: Quarter
    tiles: list
    crime: list
    rankings: list
    window: object
    baseline: object
    area: object  # the district the figures are of, or None when the partnership has not set one
    version: str  # the data version the figures are of (sbp.data_version): rendered figures are cached by it

    @property
    def narrated(self):
        """The police lines that carry the police's commentary for the quarter."""
        return [line for line in self.crime if line.narrative]


def latest_quarter(partnership):
    """The most recent quarter with the partnership's returns or its police figures entered by hand; for a
    partnership that keeps neither, the quarter of its latest imported month; or None."""
    returns = ProgressUpdate.objects.of(partnership)
    latest = returns.order_by("-financial_year", "-quarter").values_list("financial_year", "quarter")
    setting = FiguresSetting.objects.filter(partnership=partnership).first()
    districts = setting.districts.all() if setting else Area.objects.none()
    figure = ReportedFigure.objects.filter(quarter__isnull=False, area__in=districts)
    figure = figure.order_by("-financial_year", "-quarter").values_list("financial_year", "quarter")
    candidates = [Quarter(*row) for row in [latest.first(), figure.first()] if row]
    if candidates or setting is None:
        return max(candidates) if candidates else None
    area = setting.area
    imported = crime_queries.latest_month(scope=comparison.scope_of(setting.source, area)) if area else None
    return Quarter.containing(imported) if imported else None


def build(quarter, reader, partnership):
    """A partnership's whole dashboard for a quarter as `reader` may see it (redaction.Reader), in a fixed number
    of queries: the tiles of its priorities and the figures of its own setting.

    Every crime figure comes from the one figures pipeline (crime.figures), as on the crime page, and is worked
    out once per data version (figures_for).
    """
    tiles = priority_tiles(quarter, reader, partnership)
    return Dashboard(partnership=partnership, quarter=quarter, tiles=tiles, **figures_for(partnership, quarter))


def figures_for(partnership, quarter):
    """The quarter's police lines, rankings and reporting window, from the cache while the data is unchanged: a
    repeated view or pack does no figures work. They are the same for every reader (nothing in them is Part 2)."""
    version = data_version.current()
    key = f"dashboard-figures:{version}:{partnership.pk if partnership else 0}:{quarter.year}-{quarter.number}"
    return {"version": version, **cache.get_or_set(key, lambda: police_figures(partnership, quarter), timeout=None)}


def published_quarters():
    """{(partnership, Quarter)} whose police figures the public were given: each quarter a published public pack
    printed, as the pack's build kept its lines (boards.printed_figures), of meetings the public may still open."""
    builds = printed_for_public().select_related("meeting__board__partnership")
    return {(build.meeting.board.partnership, printed_figures.quarter_of(build.printed_figures)) for build in builds}


def published_figures(partnership, quarter):
    """The police lines the newest published public pack of the quarter printed, exactly as it printed them
    (boards.printed_figures.PrintedLine), for figures entered by hand and worked out from imported counts alike:
    a revised release or a corrected figure after publication changes the pages, never what was published. None
    when no published public pack printed the quarter's figures."""
    of_quarter = printed_for_public().filter(
        meeting__board__partnership=partnership,
        printed_figures__financial_year=quarter.year,
        printed_figures__quarter=quarter.number,
    )
    newest = of_quarter.first()
    return printed_figures.thaw(newest.printed_figures) if newest else None


def printed_for_public():
    """Published public packs that printed police figures, of meetings the public may open, newest first."""
    public = access.visible_meetings(access.PUBLIC_USER, Meeting.objects.all())
    return PackBuild.objects.printed_for_public().filter(meeting__in=public)


def police_figures(partnership, quarter):
    setting = (
        FiguresSetting.objects.filter(partnership=partnership).prefetch_related("districts").first()
        if partnership
        else None
    )
    area = setting.area if setting else None
    if area is None:
        return {"crime": [], "rankings": [], "window": None, "baseline": None, "area": None}
    shown = list(setting.measures.select_related("measure").order_by("position"))
    basis = comparison.for_setting(setting, area)
    window = reporting_window(quarter, crime_queries.latest_month(until=quarter.last_month, scope=basis.scope))
    presented = crime_figures.presented(area, quarter.year, quarter.number)
    computed = {}
    if window:
        components = crime_queries.measures_with_components([entry.measure.slug for entry in shown])
        computed = crime_figures.computed(area, components, window.end, basis)
    ranked = [computed[e.measure_id] for e in shown if e.ranked and e.measure_id in computed]
    return {
        "crime": police_lines([e.measure_id for e in shown if e.police_line], presented, computed),
        "rankings": [ranking_table(figure, area) for figure in ranked if figure.ranking],
        "window": window,
        "baseline": basis.baseline_window(window) if window else None,
        "area": area,
    }


def priority_tiles(quarter, reader, partnership):
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
        meeting__board__partnership=partnership,
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


def ranking_table(figure, area):
    """One measure's ranking in the comparison group, its month-by-month trend against the baseline and its top
    wards."""
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
                before[row.area.pk] - row.rank if row.area.pk in before else None,
                crime_rag.ranking_band(row.rank, figure.ranking.of),
            )
            for row in rows
        ],
        mid_year=figure.ranking.mid_year,
        population_source=figure.ranking.population_label,
        area=area,
        group_rate=figure.ranking.group_rate,
        group_name=figure.basis.group_name,
        group_members=figure.basis.group_members,
        chart=charts.ranking(
            f"{figure.measure.name}: rate per 1,000, {span}",
            [r.area.name for r in rows], [float(r.rate) for r in rows], area.name,
        ),
        trend=trend,
        trend_chart=charts.trend(
            f"{area.name}, month by month", [month for (month, _), _ in trend], [count for (_, count), _ in trend],
            [count for _, (_, count) in trend], span, f"{baseline.start:%b %Y} to {baseline.end:%b %Y}",
        ),
        wards=wards,
        ward_chart=charts.hotspots(f"{figure.measure.name}: top wards, {span}", [w[0] for w in wards],
                                   [w[1] for w in wards]) if wards else None,
    )  # fmt: skip


def police_lines(measure_ids, presented, computed):
    """The police section in the partnership's order: the figure the report presented, else the one computed."""
    by_measure = {
        figure.measure.pk: figure for figure in [*computed.values(), *presented.values()] if not figure.problem
    }
    return [by_measure[pk] for pk in measure_ids if pk in by_measure]
