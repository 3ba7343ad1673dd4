"""Importing police.uk street files: the worked Leicestershire figures from the stored counts, the force's
districts, no location, rows over the border, newer downloads, incomplete months, re-imports and bad files.

The lookup and all 35 months are imported once for the module (about ten seconds) and rolled back after it;
each test's own changes roll back as usual.
"""

import datetime
import io
import zipfile

import pandas as pd
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.timezone import now

from crime import completeness, counts, forces, importer, lookup_csv, lookups, policeuk_csv, queries, scopes
from crime.models import Area, CountBlock, CrimeCategory, Level, Measure, MeasureComponent, MonthCoverage, Release
from crime.mps_csv import ImportProblem
from tests.conftest import SHARED_DATA
from tests.crime.test_importer import functions_called

pytestmark = pytest.mark.django_db
FOLDER = SHARED_DATA / "policeuk" / "leicestershire"
FILES = sorted(FOLDER.glob("*-street.csv"))
LOOKUP = SHARED_DATA / "lookups" / "LSOA11_WD19_LAD19_EW_LU.csv"
LEICESTERSHIRE = scopes.police_uk("leicestershire")
NINE = {
    "Leicester", "Blaby", "Charnwood", "Harborough", "Hinckley and Bosworth", "Melton", "North West Leicestershire",
    "Oadby and Wigston", "Rutland",
}  # fmt: skip


def month(text):
    return datetime.date.fromisoformat(f"{text}-01")


def upload(raw, name):
    return importer.import_upload(raw, name, None, now())


@pytest.fixture(scope="module", autouse=True)
def leicestershire(django_db_setup, django_db_blocker):
    """The lookup and the 35 months, in a transaction the module rolls back: other modules never see them."""
    with django_db_blocker.unblock(), transaction.atomic():
        lookups.import_lookup(lookup_csv.read(LOOKUP.read_bytes(), LOOKUP.name))
        results = [upload(path.read_bytes(), path.name) for path in FILES]
        yield results
        transaction.set_rollback(True)


def frame(path):
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def categories(*types):
    found = CrimeCategory.objects.filter(layout=CrimeCategory.Layout.P)
    return list((found.filter(major_text__in=types) if types else found).values_list("pk", flat=True))


def by_area(level, first, last, *types, areas=None):
    """{area id: count} at a level from the stored counts, of the crime types named (all when none are)."""
    loaded = counts.load(level, categories(*types), month(first), month(last), areas=areas, scope=LEICESTERSHIRE)
    return dict(zip(loaded.area_ids.tolist(), loaded.grid.sum(axis=(0, 2)).tolist(), strict=True))


def total(level, area, first, last, *types):
    return by_area(level, first, last, *types).get(area.pk, 0)


def district(code):
    return Area.objects.get(kind=Area.Kind.BOROUGH, code=code)


def force():
    return Area.objects.get(kind=Area.Kind.FORCE, slug="leicestershire")


def test_every_police_uk_file_in_the_shared_folder_imports_as_a_release_of_its_month(leicestershire):
    releases = Release.objects.of(LEICESTERSHIRE)
    assert releases.count() == len(FILES) == 35
    assert sum(releases.values_list("rows", flat=True)) == 301_838
    assert MonthCoverage.objects.of(LEICESTERSHIRE).filter(level=Level.BOROUGH).count() == 35
    assert all(not result.already_imported for result in leicestershire)
    assert "may be incomplete" not in "\n".join(result.describe() for result in leicestershire)


def test_the_force_total_counts_every_row_of_the_35_files():
    assert total(Level.FORCE, force(), "2019-12", "2022-10") == 301_838


def test_charnwood_twelve_months_to_october_2022_from_the_stored_counts():
    charnwood = district("E07000130")
    assert total(Level.BOROUGH, charnwood, "2021-11", "2022-10") == 16_549  # crimes and ASB
    assert total(Level.BOROUGH, charnwood, "2021-11", "2022-10", "Burglary") == 723
    assert total(Level.BOROUGH, charnwood, "2020-11", "2021-10", "Burglary") == 576


def test_a_police_uk_measure_is_a_component_of_layout_p():
    measure = Measure.objects.create(name="Burglary (police.uk test)", slug="burglary-police-uk-test")
    component = MeasureComponent.objects.create(measure=measure, layout="P", major_text="Burglary")
    signs = queries.signs_for({measure: [component]})
    window = queries.Window.twelve_months_to(month("2022-10"))
    loaded = queries.load_for(signs, [window], scope=LEICESTERSHIRE)
    assert queries.window_sums(signs, [window], loaded)[(measure.pk, window)][district("E07000130").pk] == 723


def test_the_nine_districts_reached_through_the_lookup_are_the_forces():
    assert set(force().districts.values_list("name", flat=True)) == NINE
    assert force().name == "Leicestershire Police"


def test_rows_over_the_border_stay_in_their_district_which_is_not_the_forces():
    wandsworth = Area.objects.get(kind=Area.Kind.BOROUGH, name="Wandsworth")
    assert wandsworth.code == "E09000032"  # the London borough the MPS files made, not a second one
    assert total(Level.BOROUGH, wandsworth, "2019-12", "2022-10") == 37
    assert wandsworth.police_force.slug == "metropolitan"  # an MPS borough stays the Met's, never this force's


def test_no_location_rows_count_for_the_force_and_for_no_district():
    by_month = forces.unlocated_by_month(LEICESTERSHIRE)
    expected = {month(f.name[:7]): int((frame(f)["LSOA code"] == "").sum()) for f in FILES}
    assert by_month == expected
    assert sum(by_month.values()) == 7_463
    in_districts = sum(by_area(Level.BOROUGH, "2022-10", "2022-10").values())
    assert total(Level.FORCE, force(), "2022-10", "2022-10") - in_districts == expected[month("2022-10")] == 402


def test_a_month_of_only_unplaced_rows_counts_for_the_force_alone():
    header, *rows = (FOLDER / "2022-10-leicestershire-street.csv").read_bytes().decode().split("\r\n")
    unplaced = [row.replace(",2022-10,", ",2022-11,") for row in rows if row and ",,,No Location,,," in row]
    assert len(unplaced) == 402
    result = upload("\r\n".join([header, *unplaced]).encode(), "2022-11-leicestershire-street.csv")
    assert total(Level.FORCE, force(), "2022-11", "2022-11") == 402
    assert by_area(Level.BOROUGH, "2022-11", "2022-11") == {}
    assert "402 rows (402 with no location, counted for the force only) in 0 LSOAs" in result.describe()


def test_asb_rows_with_a_blank_crime_id_are_counted():
    asb = [frame(f) for f in FILES]
    expected = sum(int(((f["Crime type"] == "Anti-social behaviour") & (f["Crime ID"] == "")).sum()) for f in asb)
    assert expected == 33_364
    assert total(Level.FORCE, force(), "2019-12", "2022-10", "Anti-social behaviour") == expected


def test_wards_and_lsoas_add_up_to_their_district():
    charnwood = district("E07000130")
    in_charnwood = {
        Level.WARD: {"kind": Area.Kind.WARD, "parent": charnwood},
        Level.LSOA: {"kind": Area.Kind.LSOA, "parent__parent": charnwood},
    }
    for level, where in in_charnwood.items():
        inside = Area.objects.filter(**where).values_list("pk", flat=True)
        assert sum(by_area(level, "2022-01", "2022-01", areas=inside).values()) == (
            total(Level.BOROUGH, charnwood, "2022-01", "2022-01")
        )


def test_charnwoods_busiest_ward_in_december_2019_is_loughborough_southfields():
    wards = dict(Area.objects.filter(kind=Area.Kind.WARD, parent__code="E07000130").values_list("pk", "name"))
    totals = by_area(Level.WARD, "2019-12", "2019-12", areas=wards)
    busiest = max(totals, key=totals.get)
    assert (wards[busiest], totals[busiest]) == ("Loughborough Southfields", 124)


def test_the_mps_figures_read_only_the_mps_files():
    mps = queries.coverage_with_layouts()
    releases = {release for level in mps.values() for release, _ in level.values()}
    assert set(Release.objects.filter(pk__in=releases).values_list("source", flat=True)) == {"mps_files"}
    assert queries.latest_month() == month("2025-12")  # the MPS files', not police.uk's 2022-10
    assert queries.latest_month(scope=LEICESTERSHIRE) == month("2022-10")
    assert set(queries.coverage_with_layouts(LEICESTERSHIRE)["borough"]) == {month(f.name[:7]) for f in FILES}


def test_re_importing_a_file_changes_nothing_and_does_not_parse_it():
    path = FILES[-1]
    before = (Release.objects.count(), CountBlock.objects.count(), MonthCoverage.objects.count())
    results = []
    called = functions_called(lambda: results.append(upload(path.read_bytes(), path.name)))
    assert results[0].already_imported
    assert "already imported" in results[0].describe()
    assert policeuk_csv.read.__code__ not in called
    assert pd.read_csv.__code__ not in called
    assert (Release.objects.count(), CountBlock.objects.count(), MonthCoverage.objects.count()) == before


def without_rows(path, drop):
    """The file's bytes without the data rows for which `drop(line)` holds: a newer download of the month."""
    header, *rows = path.read_bytes().decode().split("\r\n")
    return "\r\n".join([header] + [row for row in rows if row and not drop(row)]).encode() + b"\r\n"


def test_a_newer_download_of_a_month_replaces_it_and_the_old_one_stays_on_record():
    path = FOLDER / "2022-10-leicestershire-street.csv"
    old = Release.objects.get(file_name=path.name)
    newer = without_rows(path, lambda row: ",Burglary," in row)
    result = upload(newer, path.name)
    release = result.files[0].release
    assert "taken over from 2022-10-leicestershire-street.csv" in result.describe()
    in_force = MonthCoverage.objects.of(LEICESTERSHIRE).filter(month=month("2022-10"))
    assert set(in_force.values_list("level", "release")) == {(level, release.pk) for level in Level.values}
    assert Release.objects.filter(pk=old.pk, withdrawn_at=None).exists()
    assert total(Level.BOROUGH, district("E07000130"), "2022-10", "2022-10", "Burglary") == 0
    importer.withdraw(release, None, now())
    assert total(Level.BOROUGH, district("E07000130"), "2022-10", "2022-10", "Burglary") > 0  # back to the old one


def test_a_month_missing_most_of_its_crimes_is_flagged_as_possibly_incomplete():
    assert completeness.suspect_months("leicestershire") == {}  # no real month is flagged
    path = FOLDER / "2021-06-leicestershire-street.csv"
    kept = iter(range(10**6))
    # Keep the ASB rows and every third crime: a month published before most of its crimes were in.
    partial = without_rows(path, lambda row: ",Anti-social behaviour," not in row and next(kept) % 3 != 0)
    result = upload(partial, path.name)
    suspect = completeness.suspect_months("leicestershire")
    assert list(suspect) == [month("2021-06")]
    assert suspect[month("2021-06")] == (
        "2,724 crimes (ASB not counted), 36% of the median of the months around it (7,558); ASB 1,128 against 920"
    )
    assert "Leicestershire Police, 2021-06 may be incomplete: 2,724 crimes" in result.describe()


@pytest.mark.parametrize(("around", "count", "flagged"), [(1000, 749, True), (1000, 750, False), (1000, 1200, False)])
def test_the_incomplete_month_threshold_is_three_quarters_of_the_neighbours_median(around, count, flagged):
    crimes = {month(m): around for m in ("2021-01", "2021-02", "2021-04", "2021-05")} | {month("2021-03"): count}
    near = completeness.neighbours(crimes, month("2021-03"))
    assert len(near) == 4
    assert (count < completeness.THRESHOLD * sorted(near.values())[2]) is flagged


def test_a_zip_of_months_imports_each_as_a_release_and_lf_reads_as_crlf():
    names = ["2022-09-leicestershire-street.csv", "2022-10-leicestershire-street.csv"]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:  # LF copies: new bytes, the same rows
            archive.writestr(f"{name[:7]}/{name}", (FOLDER / name).read_bytes().replace(b"\r\n", b"\n"))
    charnwood = district("E07000130")
    before = total(Level.BOROUGH, charnwood, "2022-09", "2022-10")
    result = upload(buffer.getvalue(), "download.zip")
    assert [r.release.file_name for r in result.files] == [f"download.zip/{n[:7]}/{n}" for n in names]
    in_force = MonthCoverage.objects.of(LEICESTERSHIRE).filter(level=Level.BOROUGH, month__gte=month("2022-09"))
    assert set(in_force.values_list("release", flat=True)) == {r.release.pk for r in result.files}
    assert total(Level.BOROUGH, charnwood, "2022-09", "2022-10") == before


def test_a_bad_file_in_a_zip_writes_nothing_of_the_zip():
    good = (FOLDER / FILES[0].name).read_bytes().replace(b"\r\n", b"\n")
    bad = good.replace(b",Burglary,", b",Burglery,", 1)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("2019-12/2019-12-leicestershire-street.csv", good)
        archive.writestr("2020-01/2020-01-leicestershire-street.csv", bad.replace(b"2019-12", b"2020-01"))
    before = (Release.objects.count(), CountBlock.objects.count(), MonthCoverage.objects.count())
    with pytest.raises(ImportProblem, match=r"2020-01-leicestershire-street.csv, row \d+, column 'Crime type'"):
        upload(buffer.getvalue(), "download.zip")
    assert (Release.objects.count(), CountBlock.objects.count(), MonthCoverage.objects.count()) == before


def test_an_lsoa_missing_from_the_lookup_is_refused_and_nothing_is_written():
    path = FILES[5]
    raw = path.read_bytes().replace(b"\r\n", b"\n")
    row = raw.split(b"\n").index(next(line for line in raw.split(b"\n") if b",E01" in line)) + 1
    first_code = raw.split(b"\n")[row - 1].split(b",")[7]
    raw = raw.replace(b"," + first_code + b",", b",E01999999,")
    before = (Release.objects.count(), Area.objects.count())
    with pytest.raises(ImportProblem) as problem:
        upload(raw, path.name)
    assert str(problem.value).startswith(
        f"{path.name}, row {row}, column 'LSOA code': this LSOA is not in the imported lookup"
    )
    assert str(problem.value).endswith("(value: 'E01999999')")
    assert (Release.objects.count(), Area.objects.count()) == before


def test_import_crime_takes_police_uk_files(capsys):
    path = FOLDER / "2020-04-leicestershire-street.csv"
    call_command("import_crime", str(path))
    assert "already imported" in capsys.readouterr().out


def test_the_upload_page_imports_a_police_uk_file_and_says_what_it_did(client_for):
    path = FOLDER / "2020-04-leicestershire-street.csv"
    raw = path.read_bytes().replace(b"\r\n", b"\n")
    client = client_for("officer")
    response = client.post(reverse("crime-import"), {"kind": "crime", "file": SimpleUploadedFile(path.name, raw)})
    assert response.status_code == 302
    page = client.get(reverse("crime-import")).content.decode()
    assert "police.uk, leicestershire, 2020-04" in page
    assert "330 with no location" in page
    assert Release.objects.of(LEICESTERSHIRE).filter(first_month=month("2020-04")).count() == 2


def test_a_month_imports_in_a_fixed_number_of_queries_whatever_its_rows():
    path = FOLDER / "2022-10-leicestershire-street.csv"
    counted = iter(range(10**6))
    small = without_rows(path, lambda row: next(counted) >= 100)  # 100 rows in a few LSOAs
    large = without_rows(path, lambda row: ",Bicycle theft," in row)  # 9,700 rows in 616 LSOAs
    queries = []
    for raw in (small, large):
        with CaptureQueriesContext(connection) as captured:
            upload(raw, path.name)
        queries.append(len(captured))
    assert queries[0] == queries[1] <= 24  # with the savepoints of the test's transaction


@pytest.mark.parametrize(
    "fields",
    [
        {"source": "police_uk", "layout": "B", "unlocated_rows": 0},
        {"source": "police_uk", "layout": "P", "unlocated_rows": None},
        {"source": "mps_files", "layout": "P", "unlocated_rows": None},
        {"source": "mps_files", "layout": "B", "unlocated_rows": None, "force": "leicestershire"},
    ],
)
def test_the_database_refuses_a_release_that_mixes_the_sources(fields):
    release = Release.objects.of(LEICESTERSHIRE).first()
    with pytest.raises(IntegrityError), transaction.atomic():
        Release.objects.filter(pk=release.pk).update(**fields)


def test_the_admin_pages_of_an_lsoa_and_a_release_stay_small_with_the_whole_lookup_in(client_for):
    client = client_for("admin")
    lsoa = Area.objects.get(kind=Area.Kind.LSOA, code="E01025631")
    page = client.get(reverse("admin:crime_area_change", args=[lsoa.pk]))
    assert page.status_code == 200
    assert len(page.content) < 100_000  # no select listing the 43,000 areas as parents
    release = Release.objects.of(LEICESTERSHIRE).first()
    assert "leicestershire" in client.get(reverse("admin:crime_release_change", args=[release.pk])).content.decode()
