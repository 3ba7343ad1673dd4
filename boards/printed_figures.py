"""The police lines a pack printed, kept exactly as printed (ADR 0030).

`freeze` turns the dashboard a pack lays out (boards.pack.Built.dashboard) into plain JSON, stored on the build
(PackBuild.printed_figures) by the task that built its PDF; `thaw` reads it back as `PrintedLine`s, which a
published public build hands to the open data API (boards.dashboard.published_figures). Nothing here works a
figure out: it copies what the one figures pipeline (crime.figures) gave the pack, so a revised release or a
corrected count later cannot change what the public were told.
"""

import datetime
import json
from dataclasses import asdict, dataclass, field
from decimal import Decimal

from django.core.serializers.json import DjangoJSONEncoder

from sbp import significance
from strategy.quarters import Quarter


@dataclass(frozen=True)
class PrintedHotspot:
    """A ward in a hand-entered report's ranked list, as the police line printed it."""

    rank: int
    ward: str
    ward_gss_code: str
    count: int | None


@dataclass(frozen=True)
class PrintedRanking:
    """The partnership's own row of a measure's ranking table, as the pack printed it."""

    rank: int
    of: int
    rate_per_1000: Decimal
    population: str  # the population the rates used, as named under the table: 'ONS mid-2024 estimate'
    group: str  # the comparison group ranked among: 'Metropolitan Police' or 'Leicestershire Police'
    places_moved: int | None  # up (positive) since the same months a year before
    rating: str | None  # the ranking band (crime.rag.ranking_band), a sbp.rag.Rag


@dataclass(frozen=True)
class PrintedLine:
    """One police line: the measure, its period, count against comparison, change, its significance, rating
    (an override first, and its reason), cautions, commentary and hotspots, and its ranking where printed."""

    measure: str  # the measure's slug
    measure_name: str
    area: str
    area_gss_code: str
    period: str
    period_start: datetime.date
    period_end: datetime.date
    count: Decimal | None
    comparison: Decimal | None
    comparison_label: str
    change_percent: Decimal | None
    z: Decimal | None  # sbp.significance: how far the change is beyond normal variation
    rating: str | None
    rating_overridden: bool
    override_reason: str
    cautions: list
    source: str
    narrative: str
    hotspots: list = field(default_factory=list)
    ranking: PrintedRanking | None = None

    @property
    def signal(self):
        return significance.signal(self.z)


# Read back by name: JSON keeps decimals as strings and dates as ISO dates (as_json).
DECIMALS = {"count", "comparison", "change_percent", "z", "rate_per_1000"}
DATES = {"period_start", "period_end"}


def freeze(dashboard):
    """{"financial_year", "quarter", "lines"} of the dashboard's police lines as plain JSON, or None without one
    (a pack without performance papers printed no figures)."""
    if dashboard is None:
        return None
    ranked = {table.measure.pk: table for table in dashboard.rankings}
    lines = [asdict(printed_line(figure, ranked.get(figure.measure.pk))) for figure in dashboard.crime]
    quarter = dashboard.quarter
    return {"financial_year": quarter.year, "quarter": quarter.number, "lines": as_json(lines)}


def quarter_of(frozen):
    return Quarter(frozen["financial_year"], frozen["quarter"])


def thaw(frozen):
    """The PrintedLines of a frozen snapshot, in the order the pack printed them."""
    return [
        PrintedLine(
            **{
                **from_json(line),
                "hotspots": [PrintedHotspot(**spot) for spot in line["hotspots"]],
                "ranking": PrintedRanking(**from_json(line["ranking"])) if line["ranking"] else None,
            }
        )
        for line in frozen["lines"]
    ]


def printed_line(figure, table):
    """A crime.figures.Figure as the pack's police table printed it, with its row of the ranking table."""
    return PrintedLine(
        measure=figure.measure.slug, measure_name=figure.measure.name, area=figure.area.name,
        area_gss_code=figure.area.code, period=figure.period, period_start=figure.window.start,
        period_end=figure.window.end, count=figure.count, comparison=figure.comparison,
        comparison_label=figure.comparison_label, change_percent=figure.change, z=figure.z, rating=figure.rating,
        rating_overridden=figure.override is not None,
        override_reason=figure.override.reason if figure.override else "",
        cautions=list(figure.cautions), source=figure.source, narrative=figure.narrative,
        hotspots=[PrintedHotspot(h.rank, h.ward.name, h.ward.code, h.count) for h in figure.hotspots],
        ranking=printed_ranking(table) if table else None,
    )  # fmt: skip


def printed_ranking(table):
    row = next((row for row in table.rows if row.area.pk == table.area.pk), None)
    if row is None:
        return None
    return PrintedRanking(
        rank=row.rank, of=len(table.rows), rate_per_1000=row.rate, population=table.population_source,
        group=table.group_name, places_moved=row.change, rating=row.band,
    )  # fmt: skip


def as_json(values):
    """Plain JSON of nested values: decimals as exact strings (a float would round them), dates as ISO dates."""
    return json.loads(json.dumps(values, cls=DjangoJSONEncoder))


def from_json(values):
    """A frozen line's (or ranking's) own values with their decimals and dates back."""
    return {key: decode(key, value) for key, value in values.items()}


def decode(key, value):
    if value is not None and key in DECIMALS:
        return Decimal(value)
    if value is not None and key in DATES:
        return datetime.date.fromisoformat(value)
    return value
