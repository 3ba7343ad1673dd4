"""Each month from the latest publication covering it, whatever the order of import; the messages name the months.

Built from the shared files, cut in memory: the B Historical borough file's header and rows, its months moved
on 20 so that it ends in 2023-09, named as the Historical file of October 2025; and the B most-recent-24-months
file (2022-02..2024-01), named as the February 2024 release. The later publication must supply 2022-02..2023-09.
"""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from crime import counts as stored
from crime import coverage, importer, mps_csv
from crime import months as calendar
from crime.models import Area, CrimeCategory, MonthCoverage, Release
from tests.conftest import BOROUGH_B, BOROUGH_C, read_shared

pytestmark = pytest.mark.django_db

HISTORICAL = "MPS Borough Level Crime (Historical).csv"  # October 2025's, ending 2023-09
RECENT = "MPS Borough Level Crime (most recent 24 months).csv"  # February 2024's, 2022-02..2024-01
SHIFT = 20  # months: the Historical file's 2010-04..2022-01 become 2011-12..2023-09


def month(text):
    return datetime.date.fromisoformat(f"{text}-01")


def historical_bytes():
    raw = read_shared(BOROUGH_B)
    header, rest = raw.split(b"\n", 1)
    columns = [
        f"{calendar.add(month(f'{c[:4]}-{c[4:]}'), SHIFT):%Y%m}" if c.isdigit() else c
        for c in header.decode().rstrip("\r").split(",")
    ]
    return ",".join(columns).encode() + b"\r\n" + rest


def recent_bytes():
    return read_shared("MPS_Borough_Level_Crime_recent24_202202-202401.csv")


def import_bytes(raw, name):
    return importer.import_file(mps_csv.read(raw, name), None, timezone.now())


def file_total(raw, borough, column):
    """The file's own figure: its rows for the borough summed in one month column, with the csv module."""
    return sum(int(row[column]) for row in csv.DictReader(io.StringIO(raw.decode())) if row[borough] == "Bromley")


def bromley_in_force(when):
    bromley = Area.objects.get(kind="borough", name="Bromley")
    loaded = stored.load("borough", CrimeCategory.objects.values_list("pk", flat=True), when, when, areas=[bromley.pk])
    return int(loaded.grid.sum())


def release_of(when):
    return MonthCoverage.objects.get(level="borough", month=when).release.file_name


def test_the_cut_files_say_different_things_for_the_months_both_cover():
    """Otherwise the test below could not tell which file's counts are in force."""
    assert file_total(historical_bytes(), "LookUp_BoroughName", "202301") != file_total(
        recent_bytes(), "LookUp_BoroughName", "202301"
    )


@pytest.mark.parametrize("historical_first", [True, False], ids=["historical first", "recent first"])
def test_the_later_publication_supplies_the_months_both_cover_whatever_the_order(historical_first):
    imports = [(historical_bytes(), HISTORICAL), (recent_bytes(), RECENT)]
    results = {name: import_bytes(raw, name) for raw, name in (imports if historical_first else imports[::-1])}
    historical, recent = results[HISTORICAL].release, results[RECENT].release
    assert (historical.published_on, recent.published_on) == (month("2025-10"), month("2024-02"))
    for when in calendar.span(month("2022-02"), month("2023-09")):
        assert release_of(when) == HISTORICAL
    for when in calendar.span(month("2023-10"), month("2023-12")):
        assert release_of(when) == RECENT
    assert release_of(month("2024-01")) == BOROUGH_C  # published January 2026, later than both
    assert release_of(month("2011-11")) == BOROUGH_B  # before the cut file begins
    assert bromley_in_force(month("2023-01")) == file_total(historical_bytes(), "LookUp_BoroughName", "202301")
    assert bromley_in_force(month("2023-11")) == file_total(recent_bytes(), "LookUp_BoroughName", "202311")


def test_importing_the_older_publication_second_says_which_months_the_later_one_keeps():
    import_bytes(historical_bytes(), HISTORICAL)
    message = import_bytes(recent_bytes(), RECENT).describe()
    assert "published Feb 2024 (inferred from its months)" in message
    assert "supplies 2023-10 to 2023-12 (3 months)" in message
    assert f"2022-02 to 2023-09 kept from {HISTORICAL}, published Oct 2025" in message
    assert f"2024-01 kept from {BOROUGH_C}, published Jan 2026" in message


def test_importing_the_later_publication_second_says_which_months_it_takes_over():
    import_bytes(recent_bytes(), RECENT)
    message = import_bytes(historical_bytes(), HISTORICAL).describe()
    assert "published Oct 2025 (inferred from its months); supplies 2011-12 to 2023-09 (142 months)" in message
    assert f"2011-12 to 2022-01 taken over from {BOROUGH_B}, published Feb 2024" in message
    assert f"2022-02 to 2023-09 taken over from {RECENT}, published Feb 2024" in message
    assert "kept from" not in message


def test_withdrawing_the_later_publication_gives_its_months_back_and_says_where(client_for):
    historical = import_bytes(historical_bytes(), HISTORICAL).release
    import_bytes(recent_bytes(), RECENT)
    response = client_for("officer").post(reverse("crime-withdraw-release", args=[historical.pk]), follow=True)
    page = response.content.decode()
    assert f"2011-12 to 2022-01 now from {BOROUGH_B}, published Feb 2024" in page
    assert f"2022-02 to 2023-09 now from {RECENT}, published Feb 2024" in page
    assert release_of(month("2023-01")) == RECENT
    assert bromley_in_force(month("2023-01")) == file_total(recent_bytes(), "LookUp_BoroughName", "202301")


def test_reinstating_a_withdrawn_release_puts_the_rule_back():
    historical = import_bytes(historical_bytes(), HISTORICAL).release
    import_bytes(recent_bytes(), RECENT)
    importer.withdraw(historical, None, timezone.now())
    result = import_bytes(historical_bytes(), HISTORICAL)
    assert result.reinstated
    assert f"2022-02 to 2023-09 taken over from {RECENT}" in result.describe()
    assert release_of(month("2023-01")) == HISTORICAL


def test_correcting_a_publication_date_recomputes_the_coverage_and_says_what_it_supplies(client_for):
    historical = import_bytes(historical_bytes(), HISTORICAL).release
    recent = import_bytes(recent_bytes(), RECENT).release
    url = reverse("crime-release-publication", args=[recent.pk])
    officer = client_for("officer")
    form = officer.get(url).content.decode()
    assert 'value="2024-02-01"' in form
    response = officer.post(url, {"published_on": "2025-11-03", "version": recent.version}, follow=True)
    page = response.content.decode()
    assert f"{RECENT}: published 3 Nov 2025; supplies 2022-02 to 2023-12 (23 months)" in page
    assert f"2022-02 to 2023-09 taken over from {HISTORICAL}, published Oct 2025" in page
    recent.refresh_from_db()
    assert (recent.published_on, recent.publication_basis) == (datetime.date(2025, 11, 3), Release.Basis.OFFICER)
    assert release_of(month("2023-01")) == RECENT
    assert "Set by an officer" in page  # the import history shows how the date was decided
    assert historical.pk in MonthCoverage.objects.values_list("release", flat=True)  # it keeps its earlier months


def test_a_stale_correction_is_refused_with_both_dates_and_changes_nothing(client_for):
    recent = import_bytes(recent_bytes(), RECENT).release
    url = reverse("crime-release-publication", args=[recent.pk])
    officer = client_for("officer")
    assert officer.post(url, {"published_on": "2024-02-09", "version": recent.version}).status_code == 302
    response = officer.post(url, {"published_on": "2030-01-01", "version": recent.version})
    page = response.content.decode()
    assert response.status_code == 409
    assert "Someone else saved this while you were editing it" in page
    assert 'value="2030-01-01"' in page  # the typing is kept
    recent.refresh_from_db()
    assert recent.published_on == datetime.date(2024, 2, 9)
    assert release_of(month("2024-01")) == BOROUGH_C


def test_the_import_page_shows_when_each_release_was_published_and_how_it_was_decided(client_for):
    import_bytes(historical_bytes(), HISTORICAL)
    page = client_for("officer").get(reverse("crime-import")).content.decode()
    assert "1 Oct 2025" in page
    assert "Inferred from its months" in page
    assert page.index(HISTORICAL) < page.index(BOROUGH_B)  # latest publication first


@pytest.mark.parametrize(
    ("months", "words"),
    [
        (["2024-01"], "2024-01 (1 month)"),
        (["2024-01", "2024-02", "2024-03"], "2024-01 to 2024-03 (3 months)"),
        (["2023-12", "2024-01", "2024-05"], "2023-12 to 2024-01, 2024-05 (3 months)"),
    ],
)
def test_months_are_named_as_runs(months, words):
    assert coverage.in_words([month(m) for m in months]) == words
