"""The ONS LSOA to ward to district lookup: imported once as areas, London's boroughs reused, bad files refused."""

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from crime import lookup_csv, lookups
from crime.models import Area
from sbp import data_version
from tests.conftest import SHARED_DATA

pytestmark = pytest.mark.django_db
LOOKUP = SHARED_DATA / "lookups" / "LSOA11_WD19_LAD19_EW_LU.csv"
HEADER = "FID,LSOA11CD,LSOA11NM,WD19CD,WD19NM,LAD19CD,LAD19NM\n"
GOOD = [
    "1,E01025631,Blaby 002A,E05005367,Braunstone Town,E07000129,Blaby",
    "2,E01025632,Blaby 002B,E05005367,Braunstone Town,E07000129,Blaby",
    "3,E01004553,Wandsworth 001A,E05000611,Thamesfield,E09000032,Wandsworth",
]


def small(*rows, header=HEADER):
    return (header + "\n".join(rows) + "\n").encode()


def import_bytes(raw, name="lookup.csv"):
    return lookups.import_lookup(lookup_csv.read(raw, name))


def test_the_ons_lookup_becomes_every_district_ward_and_lsoa_of_england_and_wales():
    bromley = Area.objects.get(kind=Area.Kind.BOROUGH, code="E09000006")
    result = import_bytes(LOOKUP.read_bytes(), LOOKUP.name)
    # The MPS boroughs and the demo's second partnership's district are there already, found by their code.
    assert result.created == {"district": 339 - 32 - 1, "ward": 8023, "lsoa": 34753}
    assert Area.objects.filter(kind=Area.Kind.BOROUGH).count() == 339  # the 32 London boroughs were reused
    assert Area.objects.get(kind=Area.Kind.BOROUGH, code="E09000006") == bromley
    assert Area.objects.filter(kind=Area.Kind.WARD, ward_vintage=2019).count() == 8023
    assert Area.objects.filter(kind=Area.Kind.LSOA, lsoa_vintage=2011).count() == 34753
    lsoa = Area.objects.select_related("parent__parent").get(kind=Area.Kind.LSOA, code="E01012057")
    assert (lsoa.name, lsoa.parent.code, lsoa.parent.name) == ("Middlesbrough 009E", "E05009862", "Linthorpe")
    assert (lsoa.parent.parent.code, lsoa.parent.parent.name) == ("E06000002", "Middlesbrough")
    assert "new districts" in result.describe()


def test_a_second_import_of_the_lookup_writes_nothing():
    import_bytes(small(*GOOD))
    before = Area.objects.count()
    with CaptureQueriesContext(connection) as queries:
        result = import_bytes(small(*GOOD))
    assert result.created == {"district": 0, "ward": 0, "lsoa": 0}
    assert Area.objects.count() == before
    written = [q["sql"] for q in queries if q["sql"].split()[0].upper() in {"INSERT", "UPDATE", "DELETE"}]
    assert written == []
    assert len(queries) <= 5  # a read per level, whatever the number of rows


def test_a_lookup_that_adds_areas_changes_the_data_version_so_no_cache_outlives_it():
    before = data_version.current()
    import_bytes(small(*GOOD))
    assert data_version.current() != before


def test_the_lookup_keeps_ward_constraints_apart_from_the_mps_wards():
    import_bytes(small(*GOOD))
    thamesfield = Area.objects.get(kind=Area.Kind.WARD, code="E05000611", ward_vintage=2019)
    assert thamesfield.parent == Area.objects.get(kind=Area.Kind.BOROUGH, name="Wandsworth")
    assert Area.Kind.BOROUGH.label == "Local authority district"
    assert Area.Kind.BOROUGH.value == "borough"


def test_the_command_imports_the_lookup(tmp_path):
    path = tmp_path / "lookup.csv"
    path.write_bytes(small(*GOOD))
    call_command("import_lookup", str(path))
    assert Area.objects.filter(kind=Area.Kind.LSOA).count() == 3


BAD = [
    pytest.param(
        small(*GOOD, header=HEADER.replace("WD19NM", "WARDNAME")),
        "lookup.csv, row 1: the header has no single WDyyNM column",
        id="wrong header",
    ),
    pytest.param(
        small(GOOD[0], "2,E01025632,Blaby 002B,,Braunstone Town,E07000129,Blaby"),
        "lookup.csv, row 3, column 'WD19CD': ward code is blank (value: '')",
        id="blank code",
    ),
    pytest.param(
        small(GOOD[0], "2,E02025632,Blaby 002B,E05005367,Braunstone Town,E07000129,Blaby"),
        "lookup.csv, row 3, column 'LSOA11CD': LSOA codes are E01 or W01 and six digits (value: 'E02025632')",
        id="lsoa code of another kind",
    ),
    pytest.param(
        small(GOOD[0], "2,E01025632,Blaby 002B,E05005367,Braunstone Town,E05000129,Blaby"),
        "lookup.csv, row 3, column 'LAD19CD': district codes are E06-E09 or W06 and six digits (value: 'E05000129')",
        id="district code of another kind",
    ),
    pytest.param(
        small(*GOOD, "4,E01025631,Blaby 002A,E05005368,Cosby,E07000129,Blaby"),
        "lookup.csv, row 5, column 'WD19CD': this LSOA is listed in two wards (value: 'E05005368')",
        id="an lsoa in two wards",
    ),
    pytest.param(
        small(GOOD[0], "2,E01025632,Blaby\x00002B,E05005367,Braunstone Town,E07000129,Blaby"),
        "lookup.csv, row 3, column 'LSOA11NM': text may not contain control characters",
        id="control character",
    ),
]


@pytest.mark.parametrize(("raw", "message"), BAD)
def test_a_bad_lookup_is_refused_naming_file_row_column_and_value_and_writes_nothing(raw, message):
    before = Area.objects.count()
    with pytest.raises(lookup_csv.ImportProblem) as problem:
        import_bytes(raw)
    assert str(problem.value).startswith(message)
    assert Area.objects.count() == before


def test_the_command_refuses_a_bad_lookup_and_says_nothing_was_imported(tmp_path):
    path = tmp_path / "lookup.csv"
    path.write_bytes(BAD[4].values[0])
    with pytest.raises(CommandError, match=r"this LSOA is listed in two wards.*Nothing was imported"):
        call_command("import_lookup", str(path))
    assert not Area.objects.filter(kind=Area.Kind.LSOA).exists()
