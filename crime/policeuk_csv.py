"""Read police.uk street-level crime files: one force's month (YYYY-MM-<force>-street.csv), or a zip of them.

One row per crime or anti-social behaviour incident: `Crime ID,Month,Reported by,Falls within,Longitude,Latitude,
Location,LSOA code,LSOA name,Crime type,Last outcome category,Context`. The Crime ID is blank on ASB rows, so
rows are counted, never keyed. A blank LSOA code is a crime with no location: the force's, but no district's.
The force and the month come from the file name; every row must be of that month. Whether an LSOA code is in
the imported lookup is the writer's check (crime.policeuk_import), which has the database.
"""

import io
import re
import zipfile
from dataclasses import dataclass

import numpy as np
import pandas as pd

from crime import months as calendar
from crime.mps_csv import CONTROL_RULE, ImportProblem, decode, sha256_of

HEADER = [
    "Crime ID", "Month", "Reported by", "Falls within", "Longitude", "Latitude", "Location", "LSOA code", "LSOA name",
    "Crime type", "Last outcome category", "Context",
]  # fmt: skip
READ = ["Month", "Reported by", "LSOA code", "Crime type"]  # the columns a count needs
ASB = "Anti-social behaviour"
# police.uk's 14 crime types (its API's crime-categories list without "All crime") and ASB.
CRIME_TYPES = [
    ASB, "Bicycle theft", "Burglary", "Criminal damage and arson", "Drugs", "Other theft", "Possession of weapons",
    "Public order", "Robbery", "Shoplifting", "Theft from the person", "Vehicle crime", "Violence and sexual offences",
    "Other crime",
]  # fmt: skip
FILE_NAME = re.compile(r"(\d{4}-\d{2})-([a-z0-9]+(?:-[a-z0-9]+)*)-street\b")
LSOA_CODE = re.compile(r"^[EW]01\d{6}$")
# Control characters other than the line endings between rows; a carriage return is only one before a line feed.
# The bytes are checked whole (bytes.translate keeps only the control bytes, in C), so no per-cell work is spent on
# the rule; the regular expression only finds the culprit once one is known to be there.
CONTROL_BYTES = re.compile(rb"[\x00-\x09\x0b\x0c\x0e-\x1f\x7f]|\r(?!\n)")
QUOTED_CELL = re.compile(rb'"[^"]*(?:""[^"]*)*"')
NOT_CONTROL = bytes(range(0x20, 0x7F)) + bytes(range(0x80, 0x100))
ZIP_MAGIC = b"PK\x03\x04"


@dataclass
class StreetFile:
    name: str
    sha256: str
    force: str  # police.uk's id of the force, from the file name: "leicestershire"
    force_name: str  # as the file's "Reported by" column spells it: "Leicestershire Police"
    month: object  # the first day of the month
    lsoa: pd.Categorical  # each row's LSOA code; "" for no location
    crime_type: pd.Categorical  # each row's crime type, one of CRIME_TYPES

    @property
    def rows(self):
        return len(self.lsoa)


def recognises(raw):
    """Whether the bytes are a police.uk street file or a zip archive (the MPS files are neither)."""
    return raw.startswith(ZIP_MAGIC) or raw.lstrip(b"\xef\xbb\xbf").startswith(b"Crime ID,Month,")


def members(raw, name):
    """[(name, bytes)] of the street files in a zip archive (outcomes and stop-and-search files are left out), or
    [(name, raw)] for a CSV."""
    if not raw.startswith(ZIP_MAGIC):
        return [(name, raw)]
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
        found = [(f"{name}/{info.filename}", archive.read(info)) for info in archive.infolist() if is_street(info)]
    except (zipfile.BadZipFile, OSError) as error:
        raise ImportProblem(name, f"the zip archive cannot be read ({error})") from error
    if not found:
        raise ImportProblem(name, "the zip archive holds no YYYY-MM-<force>-street.csv file")
    return sorted(found)


def is_street(info):
    return not info.is_dir() and info.filename.endswith("-street.csv") and FILE_NAME.search(info.filename)


def read(raw: bytes, name: str, sha256: str | None = None) -> StreetFile:
    """One monthly street file's rows, checked; `sha256` is the bytes' digest when the caller has taken it."""
    month, force = of_name(name)
    header = decode(raw, name)
    check_header(header, name)
    check_control_characters(raw, name)
    frame = parse(raw, name)
    if frame.empty:
        raise ImportProblem(name, "the file has a header but no data rows", row=2)
    check_month(frame["Month"], month, name)
    check_values(frame, "Crime type", lambda value: value in CRIME_TYPES, name, "unknown crime type")
    check_values(frame, "LSOA code", lambda value: not value or LSOA_CODE.match(value), name, "not an LSOA code")
    reported_by = frame["Reported by"].value_counts()
    return StreetFile(
        name=name,
        sha256=sha256 or sha256_of(raw),
        force=force,
        force_name=str(reported_by.index[0]).strip() or force,
        month=month,
        lsoa=frame["LSOA code"].array,
        crime_type=frame["Crime type"].array,
    )


def parse(raw, name):
    """The columns a count needs, as categoricals (a Python string per distinct value), or a located error."""
    try:
        # No NA guessing: a blank LSOA code stays "", the mark of a crime with no location.
        return pd.read_csv(
            io.BytesIO(raw), usecols=READ, dtype="category", keep_default_na=False, na_filter=False, encoding="utf-8"
        )
    except pd.errors.ParserError as error:
        line = re.search(r"line (\d+)", str(error))
        raise ImportProblem(
            name, f"the file is not a well-formed CSV table ({error})", row=int(line[1]) if line else None
        ) from error


def of_name(name):
    """(month, force) from a name like 2022-10-leicestershire-street.csv, or a zip's 2022-10/2022-10-...csv."""
    found = FILE_NAME.search(name.rsplit("/", 1)[-1])
    if not found:
        raise ImportProblem(name, "a police.uk street file is named YYYY-MM-<force>-street.csv, as downloaded")
    try:
        return calendar.parse(found[1]), found[2]
    except ValueError as error:
        raise ImportProblem(name, f"the file name's month is not a month: {found[1]}") from error


def check_header(header, name):
    """The header exactly as police.uk writes it: a renamed, added or missing column is refused."""
    columns = [column.strip() for column in header.rstrip("\r\n").split(",")]
    for position, expected in enumerate(HEADER):
        found = columns[position] if position < len(columns) else ""
        if found != expected:
            message = f"expected column {position + 1} to be '{expected}': the police.uk header has changed"
            raise ImportProblem(name, message, 1, found or expected, found)
    if len(columns) > len(HEADER):
        raise ImportProblem(name, "a column police.uk files do not have", 1, columns[len(HEADER)], columns[len(HEADER)])


def check_control_characters(raw, name):
    """Refuse a control character anywhere, and a line break inside a quoted cell, naming row, column and cell."""
    controls = raw.translate(None, NOT_CONTROL)
    clean = not controls.strip(b"\r\n").translate(None, b"\r\n") and controls.count(b"\r") == raw.count(b"\r\n")
    found = None if clean else CONTROL_BYTES.search(raw)
    quoted_break = found is None and b'"' in raw and quoted_line_break(raw)
    if found is None and not quoted_break:
        return
    start = found.start() if found else quoted_break
    line_start = raw.rfind(b"\n", 0, start) + 1
    row = raw.count(b"\n", 0, start) + 1
    cells = raw[line_start:].split(b"\n", 1)[0].removesuffix(b"\r").split(b",")
    position = cell_at(cells, start - line_start)
    column = HEADER[position] if position < len(HEADER) else f"column {position + 1}"
    raise ImportProblem(name, CONTROL_RULE, row, column, cells[position].decode("utf-8", "replace"))


def cell_at(cells, offset):
    """Which of a line's comma-separated cells holds the byte at `offset` (a quoted comma may shift it: the
    message is for finding the row, and the value shown says which cell it was)."""
    for position, cell in enumerate(cells):
        offset -= len(cell) + 1
        if offset < 0:
            return position
    return len(cells) - 1


def quoted_line_break(raw):
    """The offset of the first line break inside a quoted cell, or None (a few cells a file are quoted)."""
    for cell in QUOTED_CELL.finditer(raw):
        inside = re.search(rb"[\r\n]", cell[0])
        if inside:
            return cell.start() + inside.start()
    return None


def check_month(months, month, name):
    """Every row of the file name's month, written YYYY-MM: a mixed or mislabelled file is refused."""
    for value in months.cat.categories.tolist():
        try:
            calendar.parse(value.strip())
        except ValueError:
            refuse(months, value, name, "Month", "months are written YYYY-MM")
    if months.cat.categories.size > 1:
        first = months.iat[0]
        refuse(months, next(v for v in months.cat.categories if v != first), name, "Month", "the file mixes months")
    if calendar.parse(months.iat[0].strip()) != month:
        refuse(months, months.iat[0], name, "Month", f"the file name says {month:%Y-%m}")


def check_values(frame, column, allowed, name, message):
    """Refuse the first row whose value the rule does not allow; the rule runs once per distinct value."""
    bad = [value for value in frame[column].cat.categories.tolist() if not allowed(value)]
    if bad:
        refuse(frame[column], bad[0], name, column, message)


def refuse(values, value, name, column, message):
    row = int(np.argmax(np.asarray(values == value)))
    raise ImportProblem(name, message, row + 2, column, value)
