"""Figures agree exactly with an independent calculation from the raw CSV in plain Python."""

import csv
import datetime
import io
from decimal import ROUND_HALF_UP, Decimal

import pytest

from crime import queries
from crime.models import Area, Measure
from tests.conftest import BOROUGH_B, POPULATION, figure_for, read_shared

pytestmark = pytest.mark.django_db


def plain_residential_burglary_2019():
    """From the raw B file: all burglary minus business and community, for each borough, calendar 2019."""
    rows = list(csv.reader(io.StringIO(read_shared(BOROUGH_B).decode("utf-8-sig"))))
    header, totals = rows[0], {}
    months = [i for i, column in enumerate(header) if column.startswith("2019")]
    for row in rows[1:]:
        major, minor, borough = row[0], row[1], row[2]
        if major == "Burglary" and minor != "Burglary Business and Community":
            totals[borough] = totals.get(borough, 0) + sum(int(row[i]) for i in months)
    return totals


def plain_population_2019():
    rows = csv.DictReader(io.StringIO(read_shared(POPULATION).decode("utf-8")))
    return {
        r["laname23"]: int(r["population"])
        for r in rows
        if r["mid_year"] == "2019" and r["laname23"] != "City of London"
    }


def test_rates_and_ranks_agree_with_plain_python():
    counts, people = plain_residential_burglary_2019(), plain_population_2019()
    expected = sorted(people, key=lambda name: (Decimal(counts.get(name, 0)) / people[name], counts.get(name, 0), name))
    ranking = figure_for(Measure.objects.get(slug="residential-burglary"), datetime.date(2019, 12, 1)).ranking
    assert ranking.mid_year == 2019
    assert [row.area.name for row in ranking.rows] == expected
    for row in ranking.rows:
        rate = (Decimal(1000 * counts[row.area.name]) / people[row.area.name]).quantize(Decimal("0.001"), ROUND_HALF_UP)
        assert (row.count, row.population, row.rate) == (counts[row.area.name], people[row.area.name], rate)
    london = Decimal(1000 * sum(counts[name] for name in people)) / sum(people.values())
    assert ranking.group_rate == london.quantize(Decimal("0.001"), ROUND_HALF_UP)
    assert ranking.for_area(Area.objects.get(kind="borough", name="Bromley")).count == 2147


@pytest.mark.parametrize(
    ("current", "baseline", "expected"), [(86, 169, "-49.1"), (143, 129, "10.9"), (5, 0, None), (0, 0, None)]
)
def test_percent_change_and_a_zero_baseline(current, baseline, expected):
    assert queries.percent_change(current, baseline) == (Decimal(expected) if expected else None)


def test_windows_of_twelve_months_and_calendar_years():
    window = queries.Window.twelve_months_to(datetime.date(2021, 2, 1))
    assert (window.start, window.end, len(window.months)) == (datetime.date(2020, 3, 1), datetime.date(2021, 2, 1), 12)
    assert window.shifted_years(-2).start == datetime.date(2018, 3, 1)


def test_the_monthly_series_sums_to_the_twelve_month_count():
    figure = figure_for(Measure.objects.get(slug="residential-burglary"), datetime.date(2019, 12, 1))
    assert [month for month, _ in figure.series] == queries.Window.calendar_year(2019).months
    assert sum(count for _, count in figure.series) == figure.count == 2147


def test_layout_a_months_are_not_spliced_onto_b_and_c():
    from crime.models import MonthCoverage

    assert MonthCoverage.objects.filter(month__lt="2010-04-01").count() == 0
    figure = figure_for(Measure.objects.get(slug="residential-burglary"), datetime.date(2009, 12, 1))
    assert figure.problem == "No borough data has been imported for January 2009."
    assert figure.count is None  # nothing is computed over a gap


@pytest.mark.parametrize(
    ("count", "baseline", "break_month", "expected"),
    [(50, 60, None, 0), (5, 60, None, 1), (50, 60, datetime.date(2024, 3, 1), 1), (5, 8, datetime.date(2024, 3, 1), 2)],
)
def test_cautions_for_small_numbers_and_series_breaks(count, baseline, break_month, expected):
    measure = Measure(name="Hate crime", small_numbers_below=20, series_break=break_month)
    window = queries.Window.twelve_months_to(datetime.date(2025, 2, 1))
    assert len(queries.cautions(measure, window, window.shifted_years(-1), count, baseline)) == expected
