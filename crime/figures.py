"""The one figures pipeline: every crime figure the crime page, the dashboard and the agenda pack show.

For an area, a set of measures and a window, `computed` gives each measure's count, comparison, change, rating
(an officer's override first), cautions, rank in its comparison group and its change, the significance of the
change, top wards and the monthly series, from the
imported files in a fixed number of queries. `presented` gives a quarterly report's figures entered by hand,
rated, overridden and cautioned by the same rules. Nothing else computes a figure, so no two outputs can disagree.
"""

from dataclasses import dataclass, field

from crime import populations, queries, rag
from crime.models import Area, Hotspot, RagOverride, ReportedFigure, Source
from crime.queries import coverage_gap as gap
from sbp import significance

IMPORTED_SOURCE = "MPS recorded crime data (imported)"
IMPORTED_SOURCES = {Source.MPS_FILES: IMPORTED_SOURCE, Source.POLICE_UK: "police.uk street-level crime (imported)"}


@dataclass
class Figure:
    measure: object
    area: object
    window: queries.Window | None
    baseline_window: queries.Window | None
    period: str = ""
    comparison_label: str = ""
    source: str = IMPORTED_SOURCE
    hand_entered: bool = False
    problem: str | None = None
    count: object = None
    baseline: object = None
    change: object = None
    computed_rating: str | None = None
    override: RagOverride | None = None
    cautions: list = field(default_factory=list)
    # Officers' notes on where a hand-entered figure came from: on pages and in the restricted pack only.
    notes: list = field(default_factory=list)
    series: list = field(default_factory=list)
    baseline_series: list = field(default_factory=list)
    ranking: queries.Ranking | None = None
    previous_ranking: queries.Ranking | None = None
    wards: list = field(default_factory=list)
    ward_problem: str | None = None
    hotspots: list = field(default_factory=list)  # a hand-entered report's ranked wards
    narrative: str = ""  # the police commentary a report printed under the figure
    z: object = None  # sbp.significance: how far the change is beyond normal variation for its counts
    basis: object = None  # crime.comparison.Basis: the group ranked among and the baseline

    @property
    def signal(self):
        return significance.signal(self.z)

    @property
    def rating(self):
        """An officer's override, always shown as one, wins over the rule's rating."""
        return self.override.rag if self.override else self.computed_rating

    @property
    def comparison(self):
        return self.baseline

    @property
    def ranked(self):
        return self.ranking.for_area(self.area) if self.ranking else None

    @property
    def band(self):
        return rag.ranking_band(self.ranked.rank, self.ranking.of) if self.ranked else None

    @property
    def rank_change(self):
        """Places moved up (positive) since the same months a year before, ranked on that year's populations."""
        before = self.previous_ranking.for_area(self.area) if self.previous_ranking and self.ranked else None
        return before.rank - self.ranked.rank if before else None


def computed(area, measures, end, basis):
    """{measure id: Figure} for the twelve months to `end` against the basis's baseline, ranked in its group.

    `measures` is {measure: [its components]} (queries.measures_with_components); `basis` a comparison.Basis.
    """
    window = queries.Window.twelve_months_to(end)
    baseline_window = basis.baseline_window(window)
    previous_window = window.shifted_years(-1)
    windows = list(dict.fromkeys([window, baseline_window, previous_window]))
    coverage = queries.coverage_with_layouts(basis.scope)
    signs = queries.signs_for(measures)
    loaded = queries.load_for(signs, windows, coverage=releases(coverage["borough"]), scope=basis.scope)
    totals = queries.window_sums(signs, windows, loaded)
    monthly = queries.monthly_sums(signs, area, [window, baseline_window], loaded)
    rankings = {w: populations.populations_for(basis.group, w) for w in (window, previous_window)}
    overrides = overrides_for(area, [measure.pk for measure in measures], window)
    wards = ward_totals(area, signs, window, coverage["ward"], basis.scope)
    suspect = incomplete(basis.scope, [*window.months, *baseline_window.months])
    found = {}
    for measure, components in measures.items():
        figure = Figure(
            measure, area, window, baseline_window,
            period=f"Twelve months to {window.end:%B %Y}", comparison_label=basis.baseline_label(), basis=basis,
            source=IMPORTED_SOURCES[basis.scope.source],
        )  # fmt: skip
        found[measure.pk] = figure
        figure.problem = gap(measure, components, coverage["borough"], window) or gap(
            measure, components, coverage["borough"], baseline_window
        )
        if figure.problem:
            continue
        by_window = {w: totals[(measure.pk, w)] for w in windows}
        figure.count, figure.baseline = by_window[window].get(area.pk, 0), by_window[baseline_window].get(area.pk, 0)
        rate(figure, overrides.get(measure.pk))
        figure.cautions = queries.cautions(measure, window, baseline_window, figure.count, figure.baseline)
        figure.cautions += [f"{month:%B %Y} may be incomplete: {why}." for month, why in suspect.items()]
        figure.series = [(month, monthly[measure.pk][month]) for month in window.months]
        figure.baseline_series = [(month, monthly[measure.pk][month]) for month in baseline_window.months]
        rank(figure, by_window, rankings, gap(measure, components, coverage["borough"], previous_window))
        place_in_wards(figure, components, coverage["ward"], wards)
    return found


def incomplete(scope, months):
    """{month: why} of the months that look incomplete in a police.uk force's files (crime.completeness): a
    sudden fall there is more likely a late upload than less crime, and the reader must be told."""
    if scope.source != Source.POLICE_UK:
        return {}
    from crime import completeness  # it reads police.uk's constants, which load pandas: only police.uk pays

    wanted = set(months)
    return {
        month: why for month, why in completeness.suspect_months(scope.force, near=months).items() if month in wanted
    }


def releases(coverage):
    return {month: release for month, (release, _) in coverage.items()}


def rate(figure, override):
    figure.change = queries.percent_change(figure.count, figure.baseline)
    figure.z = significance.z_score(figure.count, figure.baseline)
    figure.computed_rating = rag.change_rating(figure.measure, figure.change, figure.signal)
    figure.override = override


def rank(figure, by_window, rankings, previous_problem):
    mid_year, source, population = rankings[figure.window]
    if not population or figure.area not in population:
        return
    figure.ranking = queries.ranking_of(by_window[figure.window], mid_year, population, source)
    previous_window = figure.window.shifted_years(-1)
    previous = rankings[previous_window]
    if previous.by_area and not previous_problem:
        figure.previous_ranking = queries.ranking_of(
            by_window[previous_window], previous.year, previous.by_area, previous.source
        )


def ward_totals(area, signs, window, ward_coverage, scope):
    """({ward id: Area}, {(measure id, window): {ward id: total}}) of the area's wards, or None without ward data."""
    if any(month not in ward_coverage for month in window.months):
        return None
    wards = {ward.pk: ward for ward in Area.objects.filter(kind=Area.Kind.WARD, parent=area)}
    coverage = releases(ward_coverage)
    loaded = queries.load_for(signs, [window], level="ward", coverage=coverage, areas=list(wards), scope=scope)
    return wards, queries.window_sums(signs, [window], loaded)


def place_in_wards(figure, components, ward_coverage, wards):
    figure.ward_problem = gap(figure.measure, components, ward_coverage, figure.window, level="ward")
    if figure.ward_problem or wards is None:
        return
    by_ward, totals = wards
    figure.wards = queries.ward_shares(totals[(figure.measure.pk, figure.window)], by_ward, figure.count)


def overrides_for(area, measure_ids, window):
    return {
        override.measure_id: override
        for override in RagOverride.objects.filter(
            measure_id__in=measure_ids, area=area, period_start=window.start, period_end=window.end
        )
    }


def presented(area, financial_year, quarter):
    """{measure id: Figure} of the counts a quarter's report presented for the area, entered by hand."""
    reported = ReportedFigure.objects.filter(
        financial_year=financial_year, quarter=quarter, area=area, statistic=ReportedFigure.Statistic.COUNT
    ).select_related("measure")
    hotspots = {}
    in_quarter = Hotspot.objects.filter(ward__parent=area, financial_year=financial_year, quarter=quarter)
    for hotspot in in_quarter.select_related("ward").order_by("rank"):
        hotspots.setdefault(hotspot.measure_id, []).append(hotspot)
    overrides = {
        (o.measure_id, o.period_start, o.period_end): o
        for o in RagOverride.objects.filter(area=area, measure__reported_figures__in=reported).distinct()
    }
    return {
        figure.measure_id: hand_entered(figure, area, overrides, hotspots.get(figure.measure_id, []))
        for figure in reported
    }


def hand_entered(reported, area, overrides, hotspots):
    """A figure as the report printed it, with the rating it printed or none: a colour the source never gave,
    worked out by our rule, would sit beside a note saying none was printed (sex offences in the June 2021 pack)."""
    window = queries.Window(reported.period_start.replace(day=1), reported.period_end.replace(day=1))
    figure = Figure(
        reported.measure, area, window, None, period=reported.period_label,
        comparison_label=reported.comparison_label, source=reported.source, hand_entered=True,
        count=reported.value, baseline=reported.comparison_value, hotspots=hotspots, narrative=reported.narrative,
    )  # fmt: skip
    figure.cautions = [f"Entered by hand from {reported.source}."]
    figure.change = reported.change_percent
    if figure.change is None and reported.comparison_value:
        # The source printed both counts but no percentage: work it out, and say so.
        figure.change = queries.percent_change(reported.value, reported.comparison_value)
        figure.cautions.append("The percentage change is worked out from the two counts; the source did not print one.")
    if reported.value < reported.measure.small_numbers_below:
        figure.cautions.append(
            f"Small numbers (fewer than {reported.measure.small_numbers_below}): the percentage change is noisy."
        )
    figure.notes = [reported.note] if reported.note else []
    # presented() reads counts only, so the two values are counts a Poisson test applies to.
    figure.z = significance.z_score(reported.value, reported.comparison_value)
    figure.computed_rating = reported.rag or None
    figure.override = overrides.get((reported.measure_id, window.start, window.end))
    return figure
