"""Reading ONS population files: both real layouts, and bad input refused with file, row, column and value."""

import pytest
from django.core.management import CommandError, call_command

from crime import ons_csv
from crime.models import Population
from tests.conftest import POPULATION, read_shared

pytestmark = pytest.mark.django_db

ONE_YEAR = "ons_mye_london_boroughs_mid2019_population2019.csv"
LONG_HEADER = "ladcode23,laname23,mid_year,population\n"
CITY = "E09000001,City of London,2019,8765\n"


def test_the_long_series_reads_every_borough_and_year_without_the_city():
    population = ons_csv.read(read_shared(POPULATION), POPULATION)
    assert len(population.rows) == 32 * 14
    bromley = population.rows[(population.rows.borough == "Bromley") & (population.rows.mid_year == 2019)]
    assert bromley.population.tolist() == [331192]


def test_the_one_year_file_with_a_byte_order_mark_and_crlf_reads_its_year_from_its_name():
    population = ons_csv.read(read_shared(ONE_YEAR), ONE_YEAR)
    assert (len(population.rows), population.source) == (32, "ONS mid-2019 estimates")
    assert set(population.rows.mid_year) == {2019}


BAD_INPUTS = [
    ("NUL in a borough name", LONG_HEADER + CITY + "E09000006,Brom\x00ley,2019,331192\n", 3, "laname23", "Brom\x00ley"),
    ("tab in a code", LONG_HEADER + "E09000006\t,Bromley,2019,331192\n", 2, "ladcode23", "E09000006\t"),
    ("escape code in a number", LONG_HEADER + "E09000006,Bromley,2019,331\x1b192\n", 2, "population", "331\x1b192"),
    ("NUL in a one-year file", "borough,population\nBromley\x00,331192\n", 2, "borough", "Bromley\x00"),
]  # fmt: skip


@pytest.mark.parametrize(("case", "content", "row", "column", "value"), BAD_INPUTS, ids=[c[0] for c in BAD_INPUTS])
def test_a_control_character_is_refused_with_file_row_column_and_value(case, content, row, column, value):
    with pytest.raises(ons_csv.ImportProblem) as raised:
        ons_csv.read(content.encode(), "population_mid2019.csv")
    problem = raised.value
    assert (problem.file, problem.row, problem.column, problem.value) == ("population_mid2019.csv", row, column, value)
    assert "control characters" in str(problem)
    assert repr(value) in str(problem)  # shown escaped, e.g. 'Brom\x00ley'


@pytest.mark.parametrize("case", BAD_INPUTS, ids=lambda case: case[0])
def test_a_bad_population_file_changes_nothing_in_the_database(tmp_path, case):
    path = tmp_path / "population_mid2019.csv"
    path.write_bytes(case[1].encode())
    before = list(Population.objects.values_list("area_id", "mid_year", "source", "value").order_by("pk"))
    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command("import_population", str(path))
    assert list(Population.objects.values_list("area_id", "mid_year", "source", "value").order_by("pk")) == before


def test_an_error_after_the_city_of_london_rows_names_the_row_in_the_file():
    content = LONG_HEADER + CITY * 3 + "E09000006,Bromley,2019,lots\n"
    with pytest.raises(ons_csv.ImportProblem) as raised:
        ons_csv.read(content.encode(), "population.csv")
    assert (raised.value.row, raised.value.column, raised.value.value) == (5, "population", "lots")
