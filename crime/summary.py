"""One measure for one borough over one window: every figure the crime page and the dashboard show."""

from dataclasses import dataclass, field

from crime import queries, rag
from crime.models import Area, RagOverride


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
    # Every borough figure below comes from one load of the counts: the window, its baseline and the year before.
    signs = {measure.pk: queries.category_signs(measure)}
    previous_window = window.shifted_years(-1)
    windows = [window, baseline_window, previous_window]
    loaded = queries.load_for(signs, windows)
    totals = queries.window_sums(signs, windows, loaded)
    by_window = {w: totals[(measure.pk, w)] for w in windows}
    summary.count = by_window[window].get(area.pk, 0)
    summary.baseline = by_window[baseline_window].get(area.pk, 0)
    summary.change = queries.percent_change(summary.count, summary.baseline)
    summary.rating = rag.change_rating(measure, summary.change)
    summary.override = RagOverride.objects.filter(
        measure=measure, area=area, period_start=window.start, period_end=window.end
    ).first()
    summary.cautions = queries.cautions(measure, window, baseline_window, summary.count, summary.baseline)
    monthly = queries.monthly_sums(signs, area, [window, baseline_window], loaded)
    summary.series = [(month, monthly[measure.pk][month]) for month in window.months]
    summary.baseline_series = [(month, monthly[measure.pk][month]) for month in baseline_window.months]
    rank_figures(summary, by_window, previous_window)
    ward_figures(summary, signs)
    return summary


def rank_figures(summary, by_window, previous_window):
    mid_year, population = queries.population_by_borough(summary.window)
    if not population:
        return
    summary.ranking = queries.ranking_of(by_window[summary.window], mid_year, population)
    summary.ranked = summary.ranking.for_area(summary.area)
    summary.band = rag.ranking_band(summary.ranked.rank)
    if queries.coverage_problem(summary.measure, previous_window):
        return
    # The year before is ranked on its own mid-year estimates, as it was reported then.
    previous_mid_year, previous_population = queries.population_by_borough(previous_window)
    if previous_population:
        previous = queries.ranking_of(by_window[previous_window], previous_mid_year, previous_population)
        summary.rank_change = previous.for_area(summary.area).rank - summary.ranked.rank


def ward_figures(summary, signs):
    summary.ward_problem = queries.coverage_problem(summary.measure, summary.window, level="ward")
    if summary.ward_problem:
        return
    wards = {ward.pk: ward for ward in Area.objects.filter(kind=Area.Kind.WARD, parent=summary.area)}
    loaded = queries.load_for(signs, [summary.window], level="ward", areas=list(wards))
    ward_totals = queries.window_sums(signs, [summary.window], loaded)[(summary.measure.pk, summary.window)]
    summary.wards = queries.ward_shares(ward_totals, wards, summary.count)
