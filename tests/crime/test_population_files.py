"""Population files for any district: the real Census workbook and CSV, ONS's mid-year estimates in its xlsx and
long CSV shapes, every file recognised by its content, imported once, and bad input refused with its place."""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from crime import importer, population_files
from crime.models import Area, Population
from crime.mps_csv import ImportProblem
from crime.populations import Source
from sbp import data_version
from tests.conftest import POPULATION, SHARED_DATA, read_shared

pytestmark = pytest.mark.django_db

CENSUS_XLSX = "population/ons_census2021_population_datadownload.xlsx"
CENSUS_CSV = "population/census_2011_2021_lad_population_from_ONSvisual_poprank.csv"
CHARNWOOD = "E07000130"

# A mid-year estimates workbook in the shape of ONS's "MYE2 - Persons" sheet: the layout is inferred from ONS's
# published tables (title rows, then Code, Name, Geography, All ages, single years of age). The figures are made
# up for the test, not ONS's.
MYE_TITLE = "Mid-2022 Population Estimates for the UK, England and Wales, Scotland and Northern Ireland: Persons"
MYE_ROWS = [
    ("K04000001", "England and Wales", "Country", 60_000_000),
    ("E12000004", "East Midlands", "Region", 4_900_000),
    ("E10000018", "Leicestershire", "County", 720_000),
    (CHARNWOOD, "Charnwood", "Non-metropolitan District", 186_000),
    ("E07000129", "Blaby", "Non-metropolitan District", 104_000),
    ("E06000016", "Leicester", "Unitary Authority", 370_000),
    ("E09000006", "Bromley", "London Borough", 330_500),
    ("W06000015", "Cardiff", "Unitary Authority", 370_500),
    ("S12000036", "City of Edinburgh", "Council Area", 515_000),
]


def mye_workbook(rows=MYE_ROWS, title=MYE_TITLE, header=("Code", "Name", "Geography", "All ages")):
    book = openpyxl.Workbook()
    book.active.title = "Contents"
    book.active.append(["Contents"])
    sheet = book.create_sheet("MYE2 - Persons")
    for line in (title, "Source: Office for National Statistics", None, None):
        sheet.append([line])
    sheet.append([*header, 0, 1, 2])
    for row in rows:
        sheet.append([*row, 1, 2, 3])
    saved = io.BytesIO()
    book.save(saved)
    return saved.getvalue()


def census_workbook(change=None):
    """The real Census workbook, with one cell of its 'Population change' sheet changed: (row, column, value)."""
    book = openpyxl.load_workbook(SHARED_DATA / CENSUS_XLSX)
    if change:
        row, column, value = change
        book["Population change"].cell(row, column).value = value
    saved = io.BytesIO()
    book.save(saved)
    return saved.getvalue()


def stored(code, source):
    return dict(Population.objects.filter(area__code=code, source=source).values_list("mid_year", "value"))


def everything():
    return (
        list(Population.objects.values_list("area_id", "mid_year", "source", "value").order_by("pk")),
        list(Area.objects.values_list("pk", "kind", "code", "name").order_by("pk")),
    )


def test_the_census_workbook_gives_every_district_of_england_and_wales_both_censuses():
    census = population_files.read(read_shared(CENSUS_XLSX), "datadownload.xlsx")
    rows = census.rows
    assert len(rows) == 2 * 331  # countries, regions and counties left out
    assert set(rows["code"].str[:3]) == {"E06", "E07", "E08", "E09", "W06"}
    charnwood = rows[rows["code"] == CHARNWOOD].set_index("source")
    assert charnwood.loc[Source.CENSUS_2021, ["mid_year", "population"]].tolist() == [2021, 183_900]
    assert charnwood.loc[Source.CENSUS_2011, ["mid_year", "population"]].tolist() == [2011, 166_100]
    assert "Dorset" in set(rows["borough"])  # "Dorset [note 10]" as ONS heads it


def test_the_poprank_csv_agrees_with_the_workbook_on_2011_but_not_on_2021():
    """The CSV's 2021 column is not the published Census 2021: it is kept under its own source, so the two
    files never overwrite each other's figures and no rate uses it."""
    workbook = population_files.read(read_shared(CENSUS_XLSX), "datadownload.xlsx").rows
    csv = population_files.read(read_shared(CENSUS_CSV), "poprank.csv").rows
    by_source = {
        name: frame.set_index(["source", "code"])["population"] for name, frame in (("xlsx", workbook), ("csv", csv))
    }
    assert by_source["csv"][Source.CENSUS_2011].equals(by_source["xlsx"][Source.CENSUS_2011].loc[csv["code"][:331]])
    assert by_source["xlsx"][Source.CENSUS_2021, CHARNWOOD] == 183_900
    assert by_source["csv"][Source.POPRANK_2021, CHARNWOOD] == 182_000
    differ = by_source["csv"][Source.POPRANK_2021] != by_source["xlsx"][Source.CENSUS_2021].loc[csv["code"][:331]]
    assert int(differ.sum()) == 290


def test_importing_the_census_creates_districts_by_code_and_reuses_the_boroughs():
    bromley = Area.objects.get(kind=Area.Kind.BOROUGH, code="E09000006")
    call_command(
        "import_population", str(SHARED_DATA / CENSUS_XLSX), str(SHARED_DATA / CENSUS_CSV), stdout=io.StringIO()
    )
    charnwood = Area.objects.get(code=CHARNWOOD)
    assert (charnwood.kind, charnwood.name) == (Area.Kind.BOROUGH, "Charnwood")
    assert Area.objects.filter(kind=Area.Kind.BOROUGH).count() == 331
    assert Area.objects.get(kind=Area.Kind.BOROUGH, code="E09000006") == bromley
    assert stored(CHARNWOOD, Source.CENSUS_2021) == {2021: 183_900}
    assert stored(CHARNWOOD, Source.CENSUS_2011) == {2011: 166_100}
    assert stored(CHARNWOOD, Source.POPRANK_2021) == {2021: 182_000}
    assert stored("E09000006", Source.CENSUS_2021) == {2021: 330_000}
    assert stored("E09000006", Source.MYE_REVISED)[2019] == 331_192  # the London series untouched


def test_importing_a_file_again_writes_nothing():
    census = population_files.read(read_shared(CENSUS_XLSX), "datadownload.xlsx")
    assert importer.import_population(census) == 2 * 331
    before, token = everything(), data_version.current()
    assert importer.import_population(census) == 0
    assert (everything(), data_version.current()) == (before, token)


def test_the_london_series_reads_and_imports_as_before():
    london = population_files.read(read_shared(POPULATION), POPULATION)
    assert (len(london.rows), london.source) == (32 * 14, Source.MYE_REVISED)
    before = everything()
    assert importer.import_population(london) == 0  # the test database has it already
    assert everything() == before


def test_a_mid_year_estimates_workbook_gives_every_district_its_estimate_for_the_year_of_its_title():
    estimates = population_files.read(mye_workbook(), "ukpopestimates.xlsx")
    rows = estimates.rows.set_index("code")
    assert list(rows.index) == [CHARNWOOD, "E07000129", "E06000016", "E09000006", "W06000015"]  # not Scotland
    assert set(rows["mid_year"]) == {2022}
    assert set(rows["source"]) == {Source.MYE}
    assert rows.at[CHARNWOOD, "population"] == 186_000


def test_a_workbook_without_a_year_in_its_title_takes_it_from_its_name_or_the_caller():
    untitled = mye_workbook(title="Population estimates: persons")
    assert set(population_files.read(untitled, "mye_mid-2021.xlsx").rows["mid_year"]) == {2021}
    assert set(population_files.read(untitled, "estimates.xlsx", mid_year=2020).rows["mid_year"]) == {2020}
    with pytest.raises(ImportProblem, match="does not say its mid-year"):
        population_files.read(untitled, "estimates.xlsx")


def test_ons_long_csv_of_estimates_reads_any_district():
    content = "ladcode21,laname21,year,population\nE07000130,Charnwood,2021,183974\nE07000130,Charnwood,2022,186000\n"
    rows = population_files.read(content.encode(), "mye_long.csv").rows
    assert rows[["code", "borough", "mid_year", "population", "source"]].values.tolist() == [
        [CHARNWOOD, "Charnwood", 2021, 183_974, Source.MYE],
        [CHARNWOOD, "Charnwood", 2022, 186_000, Source.MYE],
    ]


def test_the_london_long_header_with_districts_outside_london_is_read_as_estimates_for_any_district():
    content = "ladcode23,laname23,mid_year,population\nE09000006,Bromley,2022,330500\nE07000130,Charnwood,2022,186000\n"
    rows = population_files.read(content.encode(), "national.csv").rows
    assert set(rows["source"]) == {Source.MYE}


HEADER_ROW = 6  # of the Census workbook's 'Population change' sheet (five title rows above)
CHARNWOOD_ROW = next(
    number
    for number, row in enumerate(
        openpyxl.load_workbook(SHARED_DATA / CENSUS_XLSX, read_only=True)["Population change"].iter_rows(
            values_only=True
        ),
        1,
    )
    if row[0] == CHARNWOOD
)
BAD_WORKBOOKS = [
    ("non-numeric count", (CHARNWOOD_ROW, 4, "c"), CHARNWOOD_ROW, "All persons, 2021", "c"),
    ("negative count", (CHARNWOOD_ROW, 3, -166100), CHARNWOOD_ROW, "All persons, 2011", "-166100"),
    ("blank count", (CHARNWOOD_ROW, 4, None), CHARNWOOD_ROW, "All persons, 2021", ""),
    ("unknown code", (CHARNWOOD_ROW, 1, "X07000130"), CHARNWOOD_ROW, "Area code", "X07000130"),
    ("tab", (CHARNWOOD_ROW, 2, "Charn\twood"), CHARNWOOD_ROW, "Area name", "Charn\twood"),  # NUL: openpyxl refuses
    ("header changed", (HEADER_ROW, 4, "Persons 2021"), HEADER_ROW, None, None),
]  # fmt: skip


@pytest.mark.parametrize(("case", "change", "row", "column", "value"), BAD_WORKBOOKS, ids=[c[0] for c in BAD_WORKBOOKS])
def test_a_bad_workbook_is_refused_with_file_row_column_and_value(case, change, row, column, value):
    with pytest.raises(ImportProblem) as raised:
        population_files.read(census_workbook(change), "datadownload.xlsx")
    problem = raised.value
    assert (problem.file, problem.row, problem.column) == ("datadownload.xlsx", row, column)
    if value is not None:
        assert problem.value == value
    assert "sheet 'Population change'" in str(problem)


BAD_CSVS = [
    ("negative estimate", "ladcode21,laname21,year,population\nE07000130,Charnwood,2022,-5\n", 2, "population", "-5"),
    ("unknown code", "ladcode21,laname21,year,population\nE07000130,Charnwood,2022,5\nE14000530,Aldershot,2022,5\n",
     3, "ladcode21", "E14000530"),
    ("a year twice", "ladcode21,laname21,year,population\nE07000130,Charnwood,2022,5\nE07000130,Charnwood,2022,6\n",
     3, "ladcode21", "E07000130"),
    ("poprank count", "LAD,NAME,COUNTY,REGION,POP11,POP21\nE07000130,Charnwood,Leicestershire,East Midlands,166100,"
     "lots\n", 2, "POP21", "lots"),
    ("header changed", "ladcode21,laname21,year,people\nE07000130,Charnwood,2022,5\n", 1, None, None),
]  # fmt: skip


@pytest.mark.parametrize(("case", "content", "row", "column", "value"), BAD_CSVS, ids=[c[0] for c in BAD_CSVS])
def test_a_bad_csv_is_refused_with_file_row_column_and_value(case, content, row, column, value):
    with pytest.raises(ImportProblem) as raised:
        population_files.read(content.encode(), "estimates.csv")
    assert (raised.value.file, raised.value.row, raised.value.column, raised.value.value) == (
        "estimates.csv", row, column, value
    )  # fmt: skip


def test_a_bad_file_among_several_imports_nothing(tmp_path):
    bad = tmp_path / "estimates.csv"
    bad.write_text("ladcode21,laname21,year,population\nE07000130,Charnwood,2022,-5\n")
    before = everything()
    with pytest.raises(CommandError, match=r"estimates.csv, row 2, column 'population'.*Nothing was imported"):
        call_command("import_population", str(SHARED_DATA / CENSUS_XLSX), str(bad))
    assert everything() == before


def test_a_new_code_under_a_name_already_taken_is_refused():
    content = "ladcode21,laname21,year,population\nE07000999,Bromley,2022,5\n"
    with pytest.raises(ImportProblem, match="E07000999 has the name of district E09000006"):
        importer.import_population(population_files.read(content.encode(), "estimates.csv"))
    assert not Area.objects.filter(code="E07000999").exists()


def test_two_files_that_give_one_district_different_figures_are_refused(tmp_path):
    header = "ladcode21,laname21,year,population\n"
    for name, value in (("a.csv", 186_000), ("b.csv", 186_100)):
        (tmp_path / name).write_text(f"{header}E07000130,Charnwood,2022,{value}\n")
    before = everything()
    with pytest.raises(CommandError, match=r"a\.csv, b\.csv: the files give different figures for E07000130, 2022"):
        call_command("import_population", str(tmp_path / "a.csv"), str(tmp_path / "b.csv"))
    assert everything() == before


def test_a_file_that_is_not_a_workbook_is_refused():
    with pytest.raises(ImportProblem, match="not an Excel workbook"):
        population_files.read(b"PK\x03\x04 and then nothing of a zip archive", "broken.xlsx")


def test_an_officer_uploads_the_census_workbook(client_for):
    upload = SimpleUploadedFile("datadownload.xlsx", read_shared(CENSUS_XLSX))
    client = client_for("officer")
    response = client.post(reverse("crime-import"), {"kind": "population", "file": upload}, follow=True)
    assert "datadownload.xlsx: 662 district population figures saved" in response.content.decode()
    assert stored(CHARNWOOD, Source.CENSUS_2021) == {2021: 183_900}


def test_a_missing_file_among_several_imports_nothing(tmp_path):
    before = everything()
    with pytest.raises(CommandError, match=r"No such file.*Nothing was imported"):
        call_command("import_population", str(SHARED_DATA / CENSUS_XLSX), str(tmp_path / "missing.csv"))
    assert everything() == before
