"""When a release was published: a Historical file with the recent file after it, a Refreshed Date wins."""

import datetime

import pytest

from crime import months as calendar
from crime import mps_csv, publication
from crime.models import Release


def month(text):
    return datetime.date.fromisoformat(f"{text}-01")


def months(first, last):
    return calendar.span(month(first), month(last))


RECENT_24 = months("2022-02", "2024-01")
HISTORICAL_142 = months("2010-04", "2022-01")
SHORT = months("2026-01", "2026-03")
KINDS = [
    ("24 months and no word in the name: recent", "release.csv", RECENT_24, False),
    ("more than 24 months and no word in the name: historical", "release.csv", HISTORICAL_142, True),
    ("fewer than 24 months: recent", "release.csv", SHORT, False),
    ("25 months: historical", "release.csv", months("2022-01", "2024-01"), True),
    ("the Datastore's historical name", "MPS Borough Level Crime (Historical).csv", RECENT_24, True),
    ("the shared files' historical name", "MPS_Borough_Level_Crime_Historical_201004-202201.csv", RECENT_24, True),
    ("the old 'Historic' name", "MPS_Borough_Level_Crime_Historic_OLDFORMAT_200801-201612.csv", SHORT, True),
    ("the Datastore's recent name", "MPS Ward Level Crime (most recent 24 months).csv", HISTORICAL_142, False),
    ("the shared files' recent24 name", "MPS_Borough_Level_Crime_recent24_202202-202401.csv", HISTORICAL_142, False),
    ("a name saying both leaves it to the months", "historical-and-recent24.csv", HISTORICAL_142, True),
    ("a name saying both, 24 months", "historical-and-recent24.csv", RECENT_24, False),
]  # fmt: skip


@pytest.mark.parametrize(("case", "name", "file_months", "historical"), KINDS, ids=[kind[0] for kind in KINDS])
def test_a_file_is_historical_by_its_name_else_by_having_more_than_24_months(case, name, file_months, historical):
    assert publication.is_historical(name, file_months) is historical


PUBLISHED = [
    ("a recent file: the month after its last", "recent24.csv", RECENT_24, "2024-02"),
    ("a historical file: with the recent file after it", "Historical.csv", HISTORICAL_142, "2024-02"),
    ("a historical file ending 2023-09: October 2025", "Historical.csv", months("2010-04", "2023-09"), "2025-10"),
    ("a recent file ending in December", "recent24.csv", months("2024-01", "2025-12"), "2026-01"),
]  # fmt: skip


@pytest.mark.parametrize(("case", "name", "file_months", "published"), PUBLISHED, ids=[p[0] for p in PUBLISHED])
def test_publication_is_inferred_from_the_last_month_and_the_kind_of_file(case, name, file_months, published):
    assert publication.inferred_publication(name, file_months) == month(published)


def test_the_historical_and_recent_files_of_one_release_are_published_together():
    """The shared files' B pair: the Historical file ends where the recent 24 months begin."""
    historical = publication.inferred_publication(
        "MPS_Borough_Level_Crime_Historical_201004-202201.csv", HISTORICAL_142
    )
    recent = publication.inferred_publication("MPS_Borough_Level_Crime_recent24_202202-202401.csv", RECENT_24)
    assert historical == recent == month("2024-02")


WARD_HEADER = "WardCode,WardName,LookUp_BoroughName,MajorText,MinorText,202001,202002,Refreshed Date\n"
ROW = "E05013661,Bromley Town,Bromley,Burglary,Domestic Burglary,3,4,{}\n"


@pytest.mark.parametrize(
    ("written", "date"),
    [
        ("2024-03-15", datetime.date(2024, 3, 15)),
        ("15/03/2024", datetime.date(2024, 3, 15)),
        ("2024-03-15 09:30:00", datetime.date(2024, 3, 15)),
        ("15/03/2024 09:30", datetime.date(2024, 3, 15)),
    ],
)
def test_a_refreshed_date_column_wins_over_the_inferred_date(written, date):
    parsed = mps_csv.read((WARD_HEADER + ROW.format(written)).encode(), "Historical ward.csv")
    assert parsed.refreshed_on == date
    assert publication.published_on(parsed) == (date, Release.Basis.FILE)


def test_the_latest_refreshed_date_is_taken_and_blank_cells_say_nothing():
    rows = (
        ROW.format("2024-03-15")
        + ROW.replace("E05013661", "E05013662").format("")
        + ROW.replace("E05013661", "E05013663").format("2024-04-02")
    )
    assert mps_csv.read((WARD_HEADER + rows).encode(), "ward.csv").refreshed_on == datetime.date(2024, 4, 2)


def test_a_file_without_the_column_is_inferred():
    parsed = mps_csv.read(b"MajorText,MinorText,LookUp_BoroughName,202001\nTheft,Shoplifting,Bromley,3\n", "a.csv")
    assert parsed.refreshed_on is None
    assert publication.published_on(parsed) == (month("2020-02"), Release.Basis.INFERRED)


def test_a_refreshed_date_that_is_not_a_date_is_refused_with_row_column_and_value():
    rows = ROW.format("2024-03-15") + ROW.replace("E05013661", "E05013662").format("last Tuesday")
    with pytest.raises(mps_csv.ImportProblem) as raised:
        mps_csv.read((WARD_HEADER + rows).encode(), "ward.csv")
    problem = raised.value
    assert (problem.file, problem.row, problem.column, problem.value) == (
        "ward.csv",
        3,
        "Refreshed Date",
        "last Tuesday",
    )
