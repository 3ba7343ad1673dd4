"""Read the MPS 'Recorded Crime: Geographic Breakdown' CSV files, in every release layout, or say what is wrong.

Layouts (see shared/data/README.md): A `Borough,Major Category,Minor Category,<months>` (Home Office tree);
B `MajorText,MinorText,LookUp_BoroughName,<months>` in Title Case; C the same columns (or `BoroughName`) in UPPER
CASE; ward files add `WardName,WardCode` and may put the columns in another order or end with `Refreshed Date`.
Columns are recognised by name, never by position, so a reordered release reads the same.
"""

import csv
import datetime
import hashlib
import io
import itertools
import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from crime import months as calendar
from crime import mps_areas

COLUMN_NAMES = {
    "borough": {"borough", "lookup_boroughname", "boroughname"},
    "major": {"major category", "majortext"},
    "minor": {"minor category", "minortext"},
    "ward_name": {"wardname", "ward name"},
    "ward_code": {"wardcode", "ward code"},
}
REFRESHED = "refreshed date"  # when the MPS last refreshed the file: its publication date (crime.publication)
IGNORED_COLUMNS = {REFRESHED}
REFRESHED_FORMATS = [
    "%Y-%m-%d",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M:%S",
    "%d/%m/%Y",
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y %H:%M:%S",
]
MONTH_COLUMN = re.compile(r"^\d{6}$")
WARD_CODE = re.compile(r"^E05\d{6}$")
# A month's count for one area and category; anything larger is an error in the file (and would not fit the store).
LARGEST_COUNT = 2**31 - 1
COUNT_RULE = f"counts must be whole numbers from 0 to {LARGEST_COUNT:,}"
# C0 control characters and DEL: a NUL or an escape code in a name is a damaged or doctored file, never a name.
# Line endings end rows and never reach a cell; inside a quoted cell they are refused with the rest.
CONTROL_CHARACTER = re.compile(r"[\x00-\x1f\x7f]")
CONTROL_RULE = "text may not contain control characters (such as NUL, tab or a line break)"
KNOWN_AREAS = {name for _, name, _ in mps_areas.BOROUGHS} | mps_areas.NON_BOROUGH_NAMES


class ImportProblem(Exception):
    """Bad input, located: file, row (1 is the header), column and value."""

    def __init__(self, file, message, row=None, column=None, value=None):
        self.file, self.row, self.column, self.value = file, row, column, value
        where = [file] + ([f"row {row}"] if row else []) + ([f"column '{column}'"] if column else [])
        shown = f" (value: {value!r})" if value is not None else ""
        super().__init__(f"{', '.join(where)}: {message}{shown}")


@dataclass
class MpsFile:
    name: str
    sha256: str
    layout: str
    level: str
    months: list
    text: pd.DataFrame  # one row per file row: borough, major, minor (and ward_code, ward_name for ward files)
    counts: np.ndarray  # rows x months, whole numbers
    refreshed_on: datetime.date | None = None  # the latest Refreshed Date in the file, where it has the column

    @property
    def rows(self):
        return len(self.text)


def read(raw: bytes, name: str, sha256: str | None = None) -> MpsFile:
    """The file's rows, checked; `sha256` is the bytes' digest when the caller has already taken it."""
    header = decode(raw, name)
    frame = parse(raw, name, text_dtypes(header))
    roles, months = header_roles(frame.columns, name)
    if frame.empty:
        raise ImportProblem(name, "the file has a header but no data rows", row=2)
    if any(frame[column].dtype != np.int64 for column in months):
        # Some count is not a whole number that fits 64 bits: read the counts as written, so check_counts can
        # name the cell and show it as the file has it. Valid files are read once.
        frame = parse(raw, name, text_dtypes(header) | dict.fromkeys(months, str))
    # Categorical already, unless the header's first line split differently from the parser's: then made so.
    text = frame[list(roles)].rename(columns=roles).astype("category")
    check_text(text, name)
    ordered = sorted(months, key=months.get)
    return MpsFile(
        name=name,
        sha256=sha256 or sha256_of(raw),
        layout=layout_of(roles, text),
        level="ward" if "ward_code" in text else "borough",
        months=[months[column] for column in ordered],
        text=text,
        counts=check_counts(frame[ordered], name),
        refreshed_on=refreshed_on(frame, name),
    )


def sha256_of(raw):
    """What a file is known by: the same bytes imported twice are one release."""
    return hashlib.sha256(raw).hexdigest()


def decode(raw, name):
    """The file's first line (its header), once the whole file is known to be UTF-8 text."""
    if not raw or raw.isspace():  # isspace stops at the first other byte; strip would copy the file
        raise ImportProblem(name, "the file is empty")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        row = raw[: error.start].count(b"\n") + 1
        bad = raw[error.start : error.start + 4]
        raise ImportProblem(name, "the file is not UTF-8 text: save it as 'CSV UTF-8'", row=row, value=bad) from error
    return text[: text.find("\n") + 1 or None]


def text_dtypes(header):
    """Every column but the months is text, read as categorical: the parser hashes each cell's bytes and makes
    a Python string once per distinct value (a few hundred), not once per cell (110,000 in a ward file).

    Month columns are left to the parser's own integer inference, which is faster than asking it for int64.
    """
    columns = next(csv.reader(io.StringIO(header)), [])
    return {column: "category" for column in columns if not MONTH_COLUMN.match(column.strip())}


def parse(raw, name, dtype=str):
    """The file as a frame (`dtype` as pandas.read_csv takes it), or a located error if it is not a CSV table.

    The C parser reads the bytes (decode has checked they are UTF-8) without a decoded copy.
    """
    try:
        # No NA guessing: a blank cell stays "", so the checks can name it. The C parser skips a UTF-8 BOM itself
        # ("utf-8-sig" would decode and re-encode the whole file), and one chunk saves joining the categories of
        # several: a release is a few megabytes.
        return pd.read_csv(
            io.BytesIO(raw), dtype=dtype, keep_default_na=False, na_filter=False, encoding="utf-8", low_memory=False
        )
    except pd.errors.ParserError as error:
        line = re.search(r"line (\d+)", str(error))
        raise ImportProblem(
            name, f"the file is not a well-formed CSV table ({error})", row=int(line[1]) if line else None
        ) from error


def header_roles(columns, name):
    """Map each column to its role or month; refuse a column we do not recognise."""
    roles, months = {}, {}
    for column in columns:
        key = column.strip().lower()
        role = next((role for role, names in COLUMN_NAMES.items() if key in names), None)
        if role:
            roles[column] = role
        elif MONTH_COLUMN.match(column.strip()):
            months[column] = month_of(column.strip(), name)
        elif key not in IGNORED_COLUMNS:
            raise ImportProblem(
                name, "unknown column: expected area and category columns, then months as YYYYMM", 1, column, column
            )
    missing = {"borough", "major", "minor"} - set(roles.values())
    if missing:
        raise ImportProblem(name, f"the header has no {', '.join(sorted(missing))} column", row=1)
    if not months:
        raise ImportProblem(name, "the header has no month columns (YYYYMM)", row=1)
    if len(set(months.values())) != len(months):
        raise ImportProblem(name, "a month appears twice in the header", row=1)
    in_order = sorted(months, key=months.get)
    for before, column in itertools.pairwise(in_order):
        if calendar.between(months[before], months[column]) != 1:
            # A release covers every month from its first to its last: a gap is a damaged file.
            raise ImportProblem(name, f"the months jump from {before.strip()} to this one", 1, column, column)
    return roles, months


def month_of(column, name):
    try:
        return datetime.date(int(column[:4]), int(column[4:]), 1)
    except ValueError as error:
        raise ImportProblem(name, "malformed month column: expected YYYYMM", 1, column, column) from error


def check_text(text, name):
    """Refuse control characters, blank cells, unknown boroughs, malformed ward codes and repeated rows, naming
    the first one.

    Each rule looks at a column's distinct values (a few hundred among tens of thousands of rows: the columns
    are categorical), so the checks written in Python cost little; only a failure goes back to the rows to
    say which one.
    """
    for role in text.columns:
        values = text[role].cat.categories.tolist()
        controlled = [value for value in values if CONTROL_CHARACTER.search(value)]
        if controlled:
            refuse(text, name, role, controlled, CONTROL_RULE)
        blank = [value for value in values if not value.strip()]
        if blank:
            refuse(text, name, role, blank, f"{role.replace('_', ' ')} is blank")
    unknown = [value for value in text["borough"].cat.categories.tolist() if value not in KNOWN_AREAS]
    if unknown:
        refuse(text, name, "borough", unknown, "unknown borough name")
    if "ward_code" in text:
        malformed = [value for value in text["ward_code"].cat.categories.tolist() if not WARD_CODE.match(value)]
        if malformed:
            refuse(text, name, "ward_code", malformed, "ward codes are GSS codes E05 and six digits")
    keys = [c for c in ("borough", "ward_code", "major", "minor") if c in text]
    duplicated = text.duplicated(keys)
    if duplicated.any():
        row = int(duplicated.idxmax())
        raise ImportProblem(name, "this area and category appear twice", row + 2, "minor", text.at[row, "minor"])


def refuse(text, name, role, bad_values, message):
    row = int(text[role].isin(bad_values).to_numpy().argmax())
    raise ImportProblem(name, message, row + 2, role, text.at[row, role])


def check_counts(values, name):
    """Every count a whole number of zero or more, checked in one vectorised pass."""
    if all(dtype == np.int64 for dtype in values.dtypes):
        # Column by column into one rows x months array: the frame's own to_numpy is several times slower.
        numbers = np.column_stack([values[column].to_numpy() for column in values.columns])
        bad = (numbers < 0) | (numbers > LARGEST_COUNT)
        if bad.any():
            row, position = (int(index[0]) for index in np.nonzero(bad))
            column = values.columns[position]
            raise ImportProblem(
                name,
                COUNT_RULE,
                row + 2,
                column,
                str(numbers[row, position]),
            )
        return numbers
    cells = np.char.strip(values.to_numpy(dtype=str))
    bad = ~np.char.isdigit(cells) | (np.char.str_len(cells) > len(str(LARGEST_COUNT)))
    if not bad.any():
        numbers = cells.astype(np.int64)
        bad = numbers > LARGEST_COUNT
    if bad.any():
        row, position = (int(index[0]) for index in np.nonzero(bad))
        column = values.columns[position]
        raise ImportProblem(name, COUNT_RULE, row + 2, column, values.iat[row, position])
    return numbers  # reached only when every cell is digits but the parser read text


def refreshed_on(frame, name):
    """The latest date in a Refreshed Date column (blank cells say nothing), or None when there is no column.

    Only the column's distinct values are parsed: a file refreshed once repeats one date on every row.
    """
    column = next((c for c in frame.columns if c.strip().lower() == REFRESHED), None)
    if column is None:
        return None
    dates = [date_of(value, name, frame, column) for value in frame[column].unique() if value.strip()]
    return max(dates, default=None)


def date_of(value, name, frame, column):
    for layout in REFRESHED_FORMATS:
        try:
            return datetime.datetime.strptime(value.strip(), layout).date()  # noqa: DTZ007 (only the date is kept)
        except ValueError:
            continue
    row = int((frame[column] == value).to_numpy().argmax())
    raise ImportProblem(name, "refreshed dates are written YYYY-MM-DD or DD/MM/YYYY", row + 2, column, value)


def layout_of(roles, text):
    if "major category" in {column.strip().lower() for column in roles}:
        return "A"
    return "C" if all(major.isupper() for major in text["major"].cat.categories.tolist()) else "B"
