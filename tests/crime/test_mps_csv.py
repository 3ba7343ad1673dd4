"""Reading MPS files: every real layout, and every class of bad input refused with file, row, column and value."""

import datetime

import pytest
from django.core.management import CommandError, call_command

from crime import mps_csv
from crime.models import CountBlock, Release
from tests.conftest import SHARED_DATA, read_shared

REAL_FILES = [
    ("MPS_Borough_Level_Crime_Historic_OLDFORMAT_200801-201612.csv", "A", "borough", "2008-01", "2016-12", 1056),
    ("MPS_Borough_Level_Crime_Historical_201004-202201.csv", "B", "borough", "2010-04", "2022-01", 1730),
    ("MPS_Borough_Level_Crime_recent24_202202-202401.csv", "B", "borough", "2022-02", "2024-01", 1574),
    ("MPS_Borough_Level_Crime_recent24_202401-202512.csv", "C", "borough", "2024-01", "2025-12", 1057),
    ("MPS_Ward_Level_Crime_recent24_202009-202208_oldwards.csv", "B", "ward", "2020-09", "2022-08", 22168),
    ("MPS_Ward_Level_Crime_recent24_202401-202512.csv", "C", "ward", "2024-01", "2025-12", 18707),
]


def month(text):
    return datetime.date.fromisoformat(f"{text}-01")


@pytest.mark.parametrize(("name", "layout", "level", "first", "last", "rows"), REAL_FILES)
def test_every_real_layout_is_recognised_from_its_header(name, layout, level, first, last, rows):
    parsed = mps_csv.read(read_shared(name), name)
    assert (parsed.layout, parsed.level, parsed.rows) == (layout, level, rows)
    assert (parsed.months[0], parsed.months[-1]) == (month(first), month(last))
    assert (parsed.counts >= 0).all()


def test_a_reordered_ward_file_with_a_refreshed_date_column_reads_the_same():
    header = "WardCode,WardName,LookUp_BoroughName,MajorText,MinorText,202001,202002,Refreshed Date\n"
    row = "E05000109,Bromley Town,Bromley,Burglary,Domestic Burglary,3,4,2020-03-15\n"
    parsed = mps_csv.read((header + row).encode(), "historical-ward.csv")
    assert (parsed.layout, parsed.level) == ("B", "ward")
    assert parsed.counts.tolist() == [[3, 4]]


GOOD_HEADER = "MajorText,MinorText,LookUp_BoroughName,202001,202002\n"
GOOD_ROW = "Theft,Shoplifting,Bromley,1,2\n"
CONTROL = "control characters"
WARD_ROW = "Theft,Shop,Bromley Town,E05000109,Bromley,1,2\n"
WARD_HEADER = "MajorText,MinorText,WardName,WardCode,LookUp_BoroughName,202001,202002\n"
BAD_INPUTS = [
    ("unknown header", "MajorText,MinorText,LookUp_BoroughName,Notes,202001\n", 1, "Notes", "unknown column"),
    ("malformed month", "MajorText,MinorText,LookUp_BoroughName,202013\n", 1, "202013", "malformed month column"),
    ("missing month", "MajorText,MinorText,LookUp_BoroughName,202001,202003\n", 1, "202003", "months jump from 202001"),
    ("non-integer count", GOOD_HEADER + "Burglary,Domestic Burglary,Bromley,3,4.5\n", 2, "202002", "whole numbers"),
    ("negative count", GOOD_HEADER + "Theft,Shoplifting,Bromley,-1,2\n", 2, "202001", "from 0 to"),
    ("count too large", GOOD_HEADER + "Theft,Shoplifting,Bromley,3,2147483648\n", 2, "202002", "2,147,483,647"),
    ("count past 64 bits", GOOD_HEADER + "Theft,Shoplifting,Bromley,99999999999999999999,2\n", 2, "202001", "from 0"),
    ("text count", GOOD_HEADER + "Burglary,Domestic Burglary,Bromley,three,4\n", 2, "202001", "whole numbers"),
    ("unknown borough", GOOD_HEADER + "Burglary,Domestic Burglary,Bromly,3,4\n", 2, "borough", "unknown borough name"),
    ("duplicate row", GOOD_HEADER + "Theft,Shoplifting,Bromley,1,2\n" * 2, 3, "minor", "appear twice"),
    ("header only", GOOD_HEADER, 2, None, "no data rows"),
    ("NUL in a category", GOOD_HEADER + GOOD_ROW + "Burglary,Domestic\x00Burglary,Bromley,3,4\n", 3, "minor", CONTROL),
    ("escape code in a borough", GOOD_HEADER + "Theft,Shoplifting,Brom\x1bley,1,2\n", 2, "borough", CONTROL),
    ("tab in a major category", GOOD_HEADER + "Theft\t,Shoplifting,Bromley,1,2\n", 2, "major", CONTROL),
    ("line break in a quoted category", GOOD_HEADER + 'Theft,"Shop\nlifting",Bromley,1,2\n', 2, "minor", CONTROL),
    ("DEL in a category", GOOD_HEADER + "Theft,Shoplifting\x7f,Bromley,1,2\n", 2, "minor", CONTROL),
    ("NUL in a ward code", WARD_HEADER + WARD_ROW.replace("E05000109", "E0500\x000109"), 2, "ward_code", CONTROL),
    ("control code in ward name", WARD_HEADER + WARD_ROW.replace("ley Town", "ley\x01Town"), 2, "ward_name", CONTROL),
]  # fmt: skip


@pytest.mark.parametrize(
    ("case", "content", "row", "column", "message"), BAD_INPUTS, ids=[case[0] for case in BAD_INPUTS]
)
def test_bad_input_names_file_row_column_and_value(case, content, row, column, message):
    with pytest.raises(mps_csv.ImportProblem) as raised:
        mps_csv.read(content.encode(), "release.csv")
    problem = raised.value
    assert (problem.file, problem.row, problem.column) == ("release.csv", row, column)
    assert message in str(problem)
    assert str(problem).startswith("release.csv")


def test_a_control_character_is_shown_escaped_in_the_message():
    content = GOOD_HEADER + "Burglary,Domestic\x00Burglary,Bromley,3,4\n"
    with pytest.raises(mps_csv.ImportProblem) as raised:
        mps_csv.read(content.encode(), "release.csv")
    assert str(raised.value) == (
        "release.csv, row 2, column 'minor': text may not contain control characters (such as NUL, tab or a line "
        "break) (value: 'Domestic\\x00Burglary')"
    )


def test_a_count_too_large_for_64_bits_but_not_for_unsigned_64_bits_is_shown_as_written():
    content = GOOD_HEADER + "Theft,Shoplifting,Bromley,18446744073709551615,2\n"
    with pytest.raises(mps_csv.ImportProblem) as raised:
        mps_csv.read(content.encode(), "release.csv")
    assert (raised.value.row, raised.value.column, raised.value.value) == (2, "202001", "18446744073709551615")


def test_a_file_with_a_byte_order_mark_and_crlf_line_endings_reads_the_same():
    content = GOOD_HEADER + "Theft,Shoplifting,Bromley,1,2\n"
    plain = mps_csv.read(content.encode(), "release.csv")
    marked = mps_csv.read(b"\xef\xbb\xbf" + content.replace("\n", "\r\n").encode(), "release.csv")
    assert (
        marked.text.to_dict("list")
        == plain.text.to_dict("list")
        == {
            "major": ["Theft"],
            "minor": ["Shoplifting"],
            "borough": ["Bromley"],
        }
    )
    assert marked.counts.tolist() == plain.counts.tolist() == [[1, 2]]


def test_an_empty_file_is_refused():
    with pytest.raises(mps_csv.ImportProblem, match=r"release\.csv: the file is empty"):
        mps_csv.read(b"", "release.csv")


def test_a_file_in_the_wrong_encoding_is_refused_with_its_row():
    content = (GOOD_HEADER + "Burglary,Domestic Burglary,Bromley,3,4\n").encode() + "Theft,Café,Bromley,1,2\n".encode(
        "cp1252"
    )
    with pytest.raises(mps_csv.ImportProblem) as raised:
        mps_csv.read(content, "release.csv")
    assert raised.value.row == 3
    assert "not UTF-8" in str(raised.value)


@pytest.mark.django_db
@pytest.mark.parametrize("case", BAD_INPUTS, ids=lambda case: case[0])
def test_a_bad_file_changes_nothing_in_the_database(tmp_path, case):
    path = tmp_path / "release.csv"
    path.write_text(case[1])
    before = (Release.objects.count(), CountBlock.objects.count())
    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command("import_crime", str(path))
    assert (Release.objects.count(), CountBlock.objects.count()) == before


def test_shared_data_folder_is_beside_the_project():
    assert (SHARED_DATA / "README.md").exists()
