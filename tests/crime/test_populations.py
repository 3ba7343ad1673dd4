"""The population rule: one source and year for a whole comparison group, estimates before censuses, never mixed;
and how a page names the population a rate used."""

import datetime
from decimal import Decimal

import pytest

from crime import importer, population_files, queries
from crime.models import Area, Population
from crime.populations import NONE, Source, label, populations_for
from tests.conftest import read_shared

pytestmark = pytest.mark.django_db

REVISED, MYE, CENSUS_21, CENSUS_11 = Source.MYE_REVISED, Source.MYE, Source.CENSUS_2021, Source.CENSUS_2011


def make_district(code, name):
    return Area.objects.update_or_create(kind=Area.Kind.BOROUGH, code=code, defaults={"name": name})[0]


def make_population(area, year, source, value):
    return Population.objects.create(area=area, mid_year=year, source=source, value=value)


def window_to(year):
    return queries.Window.twelve_months_to(datetime.date(year, 12, 1))


@pytest.fixture
def group():
    """Two districts outside London with nothing stored yet."""
    return [make_district("E07000130", "Charnwood"), make_district("E07000129", "Blaby")]


# (stored: [(area index, year, source)], window's end year, expected (year, source) or None)
RULES = [
    ("an estimate for all", [(0, 2022, MYE), (1, 2022, MYE)], 2023, (2022, MYE)),
    ("the latest estimate no later than the window", [(i, y, MYE) for i in (0, 1) for y in (2021, 2022, 2024)], 2023,
     (2022, MYE)),
    ("at one year, the revised series first", [(i, 2022, s) for i in (0, 1) for s in (MYE, REVISED)], 2023,
     (2022, REVISED)),
    ("a later plain estimate before an earlier revised one", [(0, 2021, REVISED), (1, 2021, REVISED),
     (0, 2022, MYE), (1, 2022, MYE)], 2023, (2022, MYE)),
    ("an estimate for all before a later census", [(0, 2020, MYE), (1, 2020, MYE), (0, 2021, CENSUS_21),
     (1, 2021, CENSUS_21)], 2022, (2020, MYE)),
    ("the census when one area lacks the estimate", [(0, 2022, MYE), (0, 2021, CENSUS_21), (1, 2021, CENSUS_21)],
     2023, (2021, CENSUS_21)),
    ("never two sources: each has an estimate, of different series", [(0, 2022, MYE), (1, 2022, REVISED),
     (0, 2021, CENSUS_21), (1, 2021, CENSUS_21)], 2023, (2021, CENSUS_21)),
    ("never two years: each has an estimate, of different years", [(0, 2022, MYE), (1, 2021, MYE),
     (0, 2011, CENSUS_11), (1, 2011, CENSUS_11)], 2023, (2011, CENSUS_11)),
    ("the latest census no later than the window", [(i, y, s) for i in (0, 1) for y, s in ((2011, CENSUS_11),
     (2021, CENSUS_21))], 2019, (2011, CENSUS_11)),
    ("nothing early enough", [(0, 2021, CENSUS_21), (1, 2021, CENSUS_21)], 2019, None),
    ("no source covers them all", [(0, 2022, MYE), (1, 2021, CENSUS_21)], 2023, None),
    ("a source outside the rule is never used", [(i, 2021, Source.POPRANK_2021) for i in (0, 1)], 2023, None),
]  # fmt: skip


@pytest.mark.parametrize(("case", "stored", "end_year", "expected"), RULES, ids=[r[0] for r in RULES])
def test_one_source_and_year_for_the_whole_group(group, case, stored, end_year, expected):
    for index, year, source in stored:
        make_population(group[index], year, source, 100_000 + 1000 * index + year)
    found = populations_for(group, window_to(end_year))
    if expected is None:
        assert found == NONE
        return
    year, source = expected
    assert (found.year, found.source) == (year, source)
    assert found.by_area == {area: 100_000 + 1000 * index + year for index, area in enumerate(group)}


def test_an_empty_group_has_no_population():
    assert populations_for([], window_to(2023)) == NONE


def test_the_rule_costs_one_query_however_many_areas(django_assert_num_queries):
    boroughs = list(Area.objects.filter(kind=Area.Kind.BOROUGH, code__startswith="E09"))
    with django_assert_num_queries(1):
        found = populations_for(boroughs, window_to(2019))
    assert (len(found.by_area), found.year, found.source) == (32, 2019, REVISED)


def test_bromley_and_london_keep_the_revised_series():
    """The London boroughs' own estimates win over the Census and over ONS's national file at the same year."""
    importer.import_population(
        population_files.read(read_shared("population/ons_census2021_population_datadownload.xlsx"), "census.xlsx")
    )
    boroughs = list(Area.objects.filter(kind=Area.Kind.BOROUGH, code__in=["E09000006", "E09000008"]))
    bromley = next(area for area in boroughs if area.name == "Bromley")
    found = populations_for(boroughs, window_to(2019))
    assert (found.year, found.source, found.by_area[bromley]) == (2019, REVISED, 331_192)
    assert populations_for(boroughs, window_to(2021)).source == REVISED


def test_charnwood_and_bromley_are_compared_on_the_census_until_both_have_one_estimate():
    importer.import_population(
        population_files.read(read_shared("population/ons_census2021_population_datadownload.xlsx"), "census.xlsx")
    )
    charnwood, bromley = (Area.objects.get(kind=Area.Kind.BOROUGH, code=c) for c in ("E07000130", "E09000006"))
    found = populations_for([charnwood, bromley], window_to(2023))
    assert found == (2021, CENSUS_21, {charnwood: 183_900, bromley: 330_000})
    make_population(charnwood, 2022, MYE, 186_000)
    make_population(bromley, 2022, MYE, 330_500)
    assert populations_for([charnwood, bromley], window_to(2023)) == (2022, MYE, {charnwood: 186_000, bromley: 330_500})


LABELS = [
    (CENSUS_21, 2021, "Census 2021 population"),
    (CENSUS_11, 2011, "Census 2011 population"),
    (REVISED, 2019, "ONS mid-2019 estimate"),
    (MYE, 2022, "ONS mid-2022 estimate"),
    ("ONS mid-2019 estimates", 2019, "ONS mid-2019 estimate"),  # the London one-year file's source
    (Source.POPRANK_2021, 2021, "2021 figures of ONSvisual's poprank.js (not the published Census 2021), 2021"),
]


@pytest.mark.parametrize(("source", "year", "expected"), LABELS)
def test_a_population_is_named_by_its_source_and_year(source, year, expected):
    assert label(source, year) == expected


def test_a_ranking_carries_the_source_it_was_computed_on(group):
    found = populations_for(group, window_to(2023))
    assert found == NONE
    for area, people in zip(group, (183_900, 104_000), strict=True):
        make_population(area, 2021, CENSUS_21, people)
    found = populations_for(group, window_to(2023))
    ranking = queries.ranking_of({group[0].pk: 1839, group[1].pk: 520}, found.year, found.by_area, found.source)
    assert (ranking.source, ranking.population_label) == (CENSUS_21, "Census 2021 population")
    assert [(row.area.name, row.rate, row.rank) for row in ranking.rows] == [
        ("Blaby", Decimal("5.000"), 1),
        ("Charnwood", Decimal("10.000"), 2),
    ]
    assert ranking.group_rate == Decimal("8.194")  # 1000 x (1839 + 520) / (183,900 + 104,000), the group's rate


def test_a_ranking_without_a_source_says_the_revised_series_as_before(group):
    ranking = queries.ranking_of({}, 2019, {group[0]: 1000})
    assert (ranking.source, ranking.population_label) == (REVISED, "ONS mid-2019 estimate")
