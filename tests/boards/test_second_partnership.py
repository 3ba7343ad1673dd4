"""The second demo partnership, outside London: Charnwood's quarterly dashboard of police.uk figures, twelve
months to October 2022 against the twelve before, agrees exactly with the raw police.uk files worked in plain
Python (csv and arithmetic, not our code), and the Bromley figures are untouched by it.

The ONS lookup, the 35 Leicestershire months and the Census 2021 populations are imported once for the module
and rolled back after it.
"""

import csv
import datetime
from collections import Counter
from decimal import ROUND_HALF_UP, Decimal

import openpyxl
import pytest
from django.db import transaction
from django.utils.timezone import now

from boards import dashboard, redaction
from crime import importer, lookup_csv, lookups, population_files
from crime.models import Area
from sbp.models import Partnership
from strategy.quarters import Quarter
from tests.conftest import SHARED_DATA

pytestmark = pytest.mark.django_db
FILES = sorted((SHARED_DATA / "policeuk" / "leicestershire").glob("*-street.csv"))
LOOKUP = SHARED_DATA / "lookups" / "LSOA11_WD19_LAD19_EW_LU.csv"
CENSUS = SHARED_DATA / "population" / "ons_census2021_population_datadownload.xlsx"
CHARNWOOD = "E07000130"
# The nine districts of Leicestershire Police (shared/data/README.md, worked figures).
NINE = {
    "Leicester", "Blaby", "Charnwood", "Harborough", "Hinckley and Bosworth", "Melton", "North West Leicestershire",
    "Oadby and Wigston", "Rutland",
}  # fmt: skip
CURRENT = [f"{year}-{month:02d}" for year, month in [(2021, 11), (2021, 12)] + [(2022, m) for m in range(1, 11)]]
BEFORE = [f"{year}-{month:02d}" for year, month in [(2020, 11), (2020, 12)] + [(2021, m) for m in range(1, 11)]]
Q3_2022 = Quarter(2022, 3)  # October to December 2022: the latest police month is October


@pytest.fixture(scope="module", autouse=True)
def leicestershire(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        lookups.import_lookup(lookup_csv.read(LOOKUP.read_bytes(), LOOKUP.name))
        for path in FILES:
            importer.import_upload(path.read_bytes(), path.name, None, now())
        importer.import_population(population_files.read(CENSUS.read_bytes(), CENSUS.name))
        yield
        transaction.set_rollback(True)


def plain_rows():
    """(month, LSOA code, crime type) of every row of the 35 files, read with the csv module."""
    for path in FILES:
        with open(path, newline="", encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                yield row["Month"], row["LSOA code"], row["Crime type"]


def plain_lookup():
    with open(LOOKUP, newline="", encoding="utf-8-sig") as handle:
        return {row["LSOA11CD"]: row for row in csv.DictReader(handle)}


def plain_census_2021():
    """{district name: Census 2021 population} from ONS's workbook, its "Population change" sheet read row by row:
    area code, area name, 2011, 2021, % change."""
    sheet = openpyxl.load_workbook(CENSUS, read_only=True)["Population change"]
    return {
        name: int(people_2021)
        for code, name, _, people_2021, *_ in sheet.iter_rows(values_only=True)
        if isinstance(code, str) and code.startswith(("E06", "E07", "E08", "E09", "W06"))
    }


@pytest.fixture(scope="module")
def plain():
    """Counts per (district, crime type) and per Charnwood ward, in the current and earlier twelve months."""
    lookup = plain_lookup()
    by_district = {"current": Counter(), "before": Counter()}
    wards = {"current": Counter(), "before": Counter()}
    for month, lsoa, crime_type in plain_rows():
        period = "current" if month in CURRENT else "before" if month in BEFORE else None
        if period is None or not lsoa:
            continue
        place = lookup[lsoa]
        by_district[period][place["LAD19NM"], crime_type] += 1
        if place["LAD19CD"] == CHARNWOOD:
            wards[period][place["WD19NM"], crime_type] += 1
    return by_district, wards


def charnwood_dashboard():
    partnership = Partnership.objects.get(slug="charnwood")
    reader = redaction.Reader(exempt=False, drafts=False)
    return dashboard.build(Q3_2022, reader, partnership=partnership)


def rate(count, people):
    return (Decimal(1000 * count) / Decimal(people)).quantize(Decimal("0.001"), ROUND_HALF_UP)


def crime_type_of(line):
    return line.measure.name.removesuffix(" (police.uk)")


def test_the_worked_figures_hold_in_plain_python(plain):
    by_district, _ = plain
    assert sum(count for (district, _), count in by_district["current"].items() if district == "Charnwood") == 16549
    assert by_district["current"]["Charnwood", "Burglary"] == 723
    assert by_district["before"]["Charnwood", "Burglary"] == 576


def test_charnwoods_counts_per_crime_type_agree_with_the_raw_files(plain):
    by_district, _ = plain
    board = charnwood_dashboard()
    assert board.window.start == datetime.date(2021, 11, 1)
    assert board.window.end == datetime.date(2022, 10, 1)
    assert board.area.code == CHARNWOOD
    lines = {crime_type_of(line): line for line in board.crime if line.measure.slug != "policeuk-all-crime"}
    types = {crime_type for (district, crime_type) in by_district["current"] if district == "Charnwood"}
    assert set(lines) == types  # the 14 crime types and ASB, each a line of its own
    for crime_type, line in lines.items():
        assert (line.count, line.baseline) == (
            by_district["current"]["Charnwood", crime_type],
            by_district["before"]["Charnwood", crime_type],
        ), crime_type
    every_crime = next(line for line in board.crime if line.measure.slug == "policeuk-all-crime")
    asb = "Anti-social behaviour"
    assert every_crime.count == 16549 - by_district["current"]["Charnwood", asb]


def test_charnwoods_rates_and_ranks_among_the_nine_districts_agree_with_the_raw_files(plain):
    by_district, _ = plain
    people = {name: value for name, value in plain_census_2021().items() if name in NINE}
    assert set(people) == NINE
    board = charnwood_dashboard()
    assert board.rankings, "the dashboard ranks Charnwood among the force's districts"
    for table in board.rankings:
        crime_type = crime_type_of(table)
        if table.measure.slug == "policeuk-all-crime":
            count_of = {
                d: sum(c for (n, t), c in by_district["current"].items() if n == d and t != "Anti-social behaviour")
                for d in NINE
            }
        else:
            count_of = {d: by_district["current"][d, crime_type] for d in NINE}
        expected = sorted(NINE, key=lambda d: (Decimal(count_of[d]) / people[d], count_of[d], d))
        assert [row.area.name for row in table.rows] == expected, crime_type
        for row in table.rows:
            assert (row.count, row.rate) == (
                count_of[row.area.name],
                rate(count_of[row.area.name], people[row.area.name]),
            )
        assert table.group_rate == rate(sum(count_of.values()), sum(people.values()))
        assert table.population_source == "Census 2021 population"
        assert table.group_name == "Leicestershire Police"


def test_charnwoods_top_five_wards_agree_with_the_raw_files(plain):
    _, wards = plain
    board = charnwood_dashboard()
    for table in board.rankings:
        crime_type = crime_type_of(table)
        if table.measure.slug == "policeuk-all-crime":
            totals = Counter()
            for (ward, t), count in wards["current"].items():
                if t != "Anti-social behaviour":
                    totals[ward] += count
        else:
            totals = Counter({ward: c for (ward, t), c in wards["current"].items() if t == crime_type})
        expected = sorted(totals.items(), key=lambda item: (-item[1], item[0]))[:5]
        assert table.wards == expected, crime_type


def test_each_change_says_whether_it_is_beyond_normal_variation():
    board = charnwood_dashboard()
    burglary = next(line for line in board.crime if line.measure.slug == "policeuk-burglary")
    # 723 against 576: sqrt(2)(sqrt(723) - sqrt(576)) = 4.09, a real rise, not noise.
    assert str(burglary.z) == "4.09"
    assert burglary.signal == "rise"


def test_the_bromley_dashboard_is_unchanged_by_a_second_partnership():
    bromley = Partnership.objects.get(slug="safer-bromley")
    board = dashboard.build(Quarter(2021, 1), redaction.Reader(exempt=False, drafts=False), partnership=bromley)
    assert board.area.name == "Bromley"
    assert {row.area.police_force.slug for table in board.rankings for row in table.rows} == {"metropolitan"}
    assert all(len(table.rows) == 32 for table in board.rankings)
    assert not Area.objects.filter(kind=Area.Kind.BOROUGH, name="Charnwood", police_force__slug="metropolitan").exists()


def test_charnwoods_pack_prints_its_own_figures_and_rankings(plain):
    import io

    from pypdf import PdfReader

    from boards import pack
    from boards.models import Meeting

    by_district, _ = plain
    meeting = Meeting.objects.get(board__slug="charnwood-csp-board", starts_at__date="2022-12-08")
    data, _ = pack.build(meeting, restricted=False)
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    assert "Burglary (police.uk): Leicestershire Police rankings" in text
    assert "Leicestershire Police" in text
    assert "London" not in text
    assert (by_district["current"]["Charnwood", "Burglary"], by_district["before"]["Charnwood", "Burglary"]) == (
        723,
        576,
    )
    # The police lines' table, whose narrow cells wrap: 723 against 576, +25.5%, a real rise (z = 4.09), Red.
    assert "723 576 same months a year earlier +25.5% Yes, a real rise (z = 4.09) Red" in " ".join(text.split())
