"""Importing: re-imports change nothing, the latest publication wins, ward vintages, non-borough rows."""

import datetime
import sys

import pandas as pd
import pytest
from django.urls import reverse
from django.utils.timezone import now

from crime import counts as stored
from crime import importer, mps_csv
from crime.models import Area, CountBlock, CrimeCategory, Measure, MonthCoverage, Release
from tests.conftest import BOROUGH_B, BOROUGH_C, figure_for, import_shared, read_shared

pytestmark = pytest.mark.django_db


def counts():
    return CountBlock.objects.count(), Release.objects.count(), MonthCoverage.objects.count()


def test_bromley_residential_burglary_in_2019_is_2147():
    assert figure_for(Measure.objects.get(slug="residential-burglary"), datetime.date(2019, 12, 1)).count == 2147


@pytest.mark.parametrize("name", [BOROUGH_B, BOROUGH_C])
def test_re_importing_a_file_changes_nothing(name):
    before = counts()
    result = import_shared(name)
    assert result.already_imported
    assert counts() == before


def functions_called(action):
    """The code objects of every Python function that runs during `action` (observed, nothing replaced)."""
    called = set()
    sys.setprofile(lambda frame, event, arg: called.add(frame.f_code) if event == "call" else None)
    try:
        action()
    finally:
        sys.setprofile(None)
    return called


@pytest.mark.parametrize("name", [BOROUGH_B, BOROUGH_C])
def test_re_importing_the_same_bytes_finds_the_release_without_parsing_the_file(name):
    before = counts()
    results = []
    called = functions_called(lambda: results.append(importer.import_upload(read_shared(name), name, None, now())))
    assert results[0].already_imported
    assert results[0].release == Release.objects.get(file_name=name)
    assert mps_csv.read.__code__ not in called
    assert pd.read_csv.__code__ not in called
    assert counts() == before


def test_a_new_file_is_parsed_and_imported_through_the_same_entry_point():
    name = "MPS_Borough_Level_Crime_recent24_202202-202401.csv"
    called = functions_called(lambda: importer.import_upload(read_shared(name), name, None, now()))
    assert mps_csv.read.__code__ in called  # the check above can see a parse when there is one
    assert Release.objects.filter(file_name=name, sha256=mps_csv.sha256_of(read_shared(name))).exists()


def test_the_later_publication_keeps_a_month_both_releases_cover():
    # Jan 2024 is in both the Feb 2024 release (layout B) and the later CONNECT release (layout C, already in).
    result = import_shared("MPS_Borough_Level_Crime_recent24_202202-202401.csv")
    january = datetime.date(2024, 1, 1)
    assert january in result.months_kept
    assert MonthCoverage.objects.get(level="borough", month=january).release.layout == "C"
    assert MonthCoverage.objects.get(level="borough", month=datetime.date(2023, 12, 1)).release == result.release


def test_a_later_publication_replaces_the_months_it_covers():
    from django.utils import timezone

    from crime import importer, mps_csv

    # December 2025 is the last month of the CONNECT release (published January 2026); this one is March 2026's.
    content = "MajorText,MinorText,LookUp_BoroughName,202512,202601,202602\nBurglary,Domestic Burglary,Bromley,1,2,3\n"
    result = importer.import_file(mps_csv.read(content.encode(), "revised.csv"), None, timezone.now())
    december = datetime.date(2025, 12, 1)
    assert result.months_written[0] == december
    bromley = Area.objects.get(kind="borough", name="Bromley")
    every_category = CrimeCategory.objects.values_list("pk", flat=True)
    loaded = stored.load("borough", every_category, december, december, areas=[bromley.pk])
    found = {loaded.category_ids[c]: int(loaded.grid[c, 0, 0]) for c in loaded.grid[:, 0, 0].nonzero()[0]}
    burglary = CrimeCategory.objects.get(layout="B", major_text="Burglary", minor_text="Domestic Burglary")
    assert found == {burglary.pk: 1}  # every other category is zero in the newer release
    assert MonthCoverage.objects.get(level="borough", month=december).release == result.release
    # The release it displaced keeps what it said for that month: the record of a revision.
    older = Release.objects.get(file_name=BOROUGH_C)
    before = stored.load("borough", every_category, december, december, coverage={december: older.pk})
    assert before.grid.sum() > 1000
    assert "2025-12 taken over from MPS_Borough_Level_Crime_recent24_202401-202512.csv, published Jan 2026" in (
        result.describe()
    )


def test_old_ward_file_imports_on_2014_wards_with_aviation_rows_kept_apart():
    result = import_shared("MPS_Ward_Level_Crime_recent24_202009-202208_oldwards.csv")
    assert result.release.ward_vintage == 2014
    town = Area.objects.get(kind="ward", code="E05000109", ward_vintage=2014)
    assert (town.name, town.parent.name) == ("Bromley Town", "Bromley")
    assert Area.objects.filter(kind="ward", ward_vintage=2014, parent__name="Bromley").count() == 22


def test_new_ward_file_imports_on_2022_wards():
    result = import_shared("MPS_Ward_Level_Crime_recent24_202401-202512.csv")
    assert result.release.ward_vintage == 2022
    assert Area.objects.get(kind="other", name="Aviation Security (SO18)").pk in result.release.area_ids
    assert not Area.objects.filter(kind="ward", name__startswith="Heathrow").exists()
    assert Area.objects.filter(kind="ward", ward_vintage=2022, parent__name="Bromley").count() > 15


def test_withdrawing_a_release_gives_its_months_back_and_importing_it_again_restores_it(client_for):
    burglary = Measure.objects.get(slug="residential-burglary")
    december = datetime.date(2023, 12, 1)
    older = import_shared("MPS_Borough_Level_Crime_recent24_202202-202401.csv").release  # B, Feb 2022 - Jan 2024
    before = figure_for(burglary, december).count
    january = datetime.date(2024, 1, 1)
    newest = MonthCoverage.objects.get(level="borough", month=january).release  # the C release, in the fixtures
    officer = client_for("officer")
    assert officer.post(reverse("crime-withdraw-release", args=[newest.pk])).status_code == 302
    assert MonthCoverage.objects.get(level="borough", month=january).release == older  # January falls back
    assert not MonthCoverage.objects.filter(level="borough", month=datetime.date(2024, 2, 1)).exists()  # a gap now
    assert figure_for(burglary, december).count == before
    history = officer.get(reverse("crime-import")).content.decode()
    assert "Withdrawn" in history
    assert "by test-officer" in history
    result = import_shared(BOROUGH_C)
    assert result.reinstated
    assert "had been withdrawn and is back in use; supplies 2024-01 to 2025-12 (24 months)" in result.describe()
    assert MonthCoverage.objects.get(level="borough", month=january).release == newest


def test_a_withdrawn_release_cannot_be_withdrawn_twice(client_for):
    release = Release.objects.get(file_name=BOROUGH_C)
    officer = client_for("officer")
    officer.post(reverse("crime-withdraw-release", args=[release.pk]))
    assert officer.get(reverse("crime-withdraw-release", args=[release.pk])).status_code == 404
