"""One measure for one borough over one window: every figure the crime page and the dashboard show."""

from dataclasses import dataclass, field

from crime import queries, rag
from crime.models import RagOverride


@dataclass
class Summary:
    measure: object
    area: object
    window: queries.Window
    baseline_window: queries.Window
    problem: str | None = None
    count: int | None = None
    baseline: int | None = None
    change: object = None
    rating: str | None = None
    override: RagOverride | None = None
    ranking: object = None
    ranked: object = None
    rank_change: int | None = None
    band: str | None = None
    wards: list = field(default_factory=list)
    ward_problem: str | None = None
    cautions: list = field(default_factory=list)
    series: list = field(default_factory=list)
    baseline_series: list = field(default_factory=list)


def summarise(measure, area, end, baseline_year):
    window = queries.Window.twelve_months_to(end)
    # The same twelve months, ending in the same month of the baseline year (2019, before Covid, by default).
    baseline_window = window.shifted_years(baseline_year - end.year)
    summary = Summary(measure, area, window, baseline_window)
    summary.problem = queries.coverage_problem(measure, window) or queries.coverage_problem(measure, baseline_window)
    if summary.problem:
        return summary
    summary.count = queries.total(measure, area, window)
    summary.baseline = queries.total(measure, area, baseline_window)
    summary.change = queries.percent_change(summary.count, summary.baseline)
    summary.rating = rag.change_rating(measure, summary.change)
    summary.override = RagOverride.objects.filter(
        measure=measure, area=area, period_start=window.start, period_end=window.end
    ).first()
    summary.cautions = queries.cautions(measure, window, baseline_window, summary.count, summary.baseline)
    summary.series = queries.monthly_series(measure, area, window)
    summary.baseline_series = queries.monthly_series(measure, area, baseline_window)
    rank_figures(summary)
    ward_figures(summary)
    return summary


def rank_figures(summary):
    summary.ranking = queries.borough_ranking(summary.measure, summary.window)
    if summary.ranking is None:
        return
    summary.ranked = summary.ranking.for_area(summary.area)
    summary.band = rag.ranking_band(summary.ranked.rank)
    previous_window = summary.window.shifted_years(-1)
    if not queries.coverage_problem(summary.measure, previous_window):
        previous = queries.borough_ranking(summary.measure, previous_window)
        summary.rank_change = previous.for_area(summary.area).rank - summary.ranked.rank


def ward_figures(summary):
    summary.ward_problem = queries.coverage_problem(summary.measure, summary.window, level="ward")
    if not summary.ward_problem:
        summary.wards = queries.ward_shares(summary.measure, summary.area, summary.window)
