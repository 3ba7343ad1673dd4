"""Reading police.uk street files: CRLF and LF alike, zips of months, and every damaged file refused, located."""

import io
import json
import zipfile

import numpy as np
import pytest

from crime import policeuk_csv
from crime.mps_csv import ImportProblem
from tests.conftest import SHARED_DATA

FOLDER = SHARED_DATA / "policeuk" / "leicestershire"
OCTOBER = "2022-10-leicestershire-street.csv"


def raw_of(name=OCTOBER):
    return (FOLDER / name).read_bytes()


def lines(name=OCTOBER):
    return raw_of(name).decode().split("\r\n")


def file_of(rows):
    return "\r\n".join(rows).encode()


def zipped(files):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, raw in files.items():
            archive.writestr(name, raw)
    return buffer.getvalue()


def test_a_month_reads_its_force_month_and_every_row():
    street = policeuk_csv.read(raw_of(), OCTOBER)
    assert (street.force, street.force_name, f"{street.month:%Y-%m}") == (
        "leicestershire", "Leicestershire Police", "2022-10",
    )  # fmt: skip
    assert street.rows == len(lines()) - 2  # the header, and the empty string after the last line break
    assert int((street.lsoa == "").sum()) == 402  # no location: kept, with a blank code
    asb = int((street.crime_type == policeuk_csv.ASB).sum())
    assert asb == sum(1 for line in lines()[1:] if line.startswith(",") and ",Anti-social behaviour," in line)


def test_lf_and_crlf_files_read_alike():
    crlf = policeuk_csv.read(raw_of(), OCTOBER)
    lf = policeuk_csv.read(raw_of().replace(b"\r\n", b"\n"), OCTOBER)
    assert np.array_equal(np.asarray(crlf.lsoa), np.asarray(lf.lsoa))
    assert np.array_equal(np.asarray(crlf.crime_type), np.asarray(lf.crime_type))


def test_a_zip_holds_the_street_files_of_its_months_and_nothing_else():
    archive = zipped({
        "2022-09/2022-09-leicestershire-street.csv": raw_of("2022-09-leicestershire-street.csv"),
        "2022-10/2022-10-leicestershire-street.csv": raw_of(),
        "2022-10/2022-10-leicestershire-stop-and-search.csv": b"Type,Date\n",
    })  # fmt: skip
    assert policeuk_csv.recognises(archive)
    found = policeuk_csv.members(archive, "download.zip")
    assert [name for name, _ in found] == [
        "download.zip/2022-09/2022-09-leicestershire-street.csv",
        "download.zip/2022-10/2022-10-leicestershire-street.csv",
    ]
    assert found[1][1] == raw_of()


def test_mps_files_are_not_taken_for_police_uk_files():
    assert policeuk_csv.recognises(raw_of())
    assert not policeuk_csv.recognises(b"MajorText,MinorText,LookUp_BoroughName,202001\nTheft,Shoplifting,Bromley,3\n")


def changed(row, old, new):
    """October's file with `old` replaced by `new` on one line (1 is the header)."""
    rows = lines()
    assert old in rows[row - 1]
    rows[row - 1] = rows[row - 1].replace(old, new, 1)
    return file_of(rows)


HEADER_CHANGED = changed(1, "LSOA code", "LSOA")
BAD = [
    pytest.param(
        OCTOBER, HEADER_CHANGED, f"{OCTOBER}, row 1, column 'LSOA': expected column 8 to be 'LSOA code'", id="header"
    ),
    pytest.param(
        OCTOBER,
        changed(1, ",Context", ",Context,Extra"),
        f"{OCTOBER}, row 1, column 'Extra': a column police.uk files do not have",
        id="added column",
    ),
    pytest.param(
        OCTOBER,
        changed(40, ",2022-10,", ",2022/10,"),
        f"{OCTOBER}, row 40, column 'Month': months are written YYYY-MM (value: '2022/10')",
        id="month not YYYY-MM",
    ),
    pytest.param(
        "2022-09-leicestershire-street.csv",
        raw_of(),
        "2022-09-leicestershire-street.csv, row 2, column 'Month': the file name says 2022-09 (value: '2022-10')",
        id="month not the file name's",
    ),
    pytest.param(
        OCTOBER,
        changed(300, ",2022-10,", ",2022-09,"),
        f"{OCTOBER}, row 300, column 'Month': the file mixes months (value: '2022-09')",
        id="mixed months",
    ),
    pytest.param(
        OCTOBER,
        changed(2, ",Criminal damage and arson,", ",Criminal damage,"),
        f"{OCTOBER}, row 2, column 'Crime type': unknown crime type (value: 'Criminal damage')",
        id="unknown crime type",
    ),
    pytest.param(
        OCTOBER,
        changed(3, ",E01025631,", ",E02025631,"),
        f"{OCTOBER}, row 3, column 'LSOA code': not an LSOA code (value: 'E02025631')",
        id="not an lsoa code",
    ),
    pytest.param(
        OCTOBER,
        changed(5, "On or near Kennedy Way", "On or near Kennedy\x00Way"),
        f"{OCTOBER}, row 5, column 'Location': text may not contain control characters",
        id="control character",
    ),
    pytest.param(
        OCTOBER,
        changed(6, "On or near Kings Walk", '"On or near\nKings Walk"'),
        f"{OCTOBER}, row 6, column 'Location': text may not contain control characters",
        id="line break in a quoted cell",
    ),
    pytest.param(
        "street.csv", raw_of(), "street.csv: a police.uk street file is named YYYY-MM-<force>-street.csv", id="name"
    ),
]


@pytest.mark.parametrize(("name", "raw", "message"), BAD)
def test_a_damaged_file_is_refused_naming_file_row_column_and_value(name, raw, message):
    with pytest.raises(ImportProblem) as problem:
        policeuk_csv.read(raw, name)
    assert str(problem.value).startswith(message)


def test_a_zip_without_street_files_is_refused():
    archive = zipped({"2022-10/2022-10-leicestershire-outcomes.csv": b"x\n"})
    with pytest.raises(ImportProblem) as problem:
        policeuk_csv.members(archive, "download.zip")
    assert str(problem.value) == "download.zip: the zip archive holds no YYYY-MM-<force>-street.csv file"


def test_the_crime_types_are_police_uks_categories_but_all_crime():
    categories = json.loads((SHARED_DATA / "policeuk" / "crime-categories.json").read_text())
    assert sorted(policeuk_csv.CRIME_TYPES) == sorted(c["name"] for c in categories if c["url"] != "all-crime")
