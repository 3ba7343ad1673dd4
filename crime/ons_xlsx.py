"""Read ONS population workbooks: the Census 2021 data download and the mid-year estimates ("MYE2 - Persons").

ONS puts title rows above each table and `[note N]` marks in its headings, so the table is found by its header:
`Area code, Area name, All persons, 2011, All persons, 2021` (Census 2011 and 2021 by district) or
`Code, Name, [Geography,] All ages, ...` (mid-year estimates, the year read from a title such as "Mid-2020",
else from the file name). The first sheet that has either is read; rows are numbered as Excel numbers them.
"""

import io
import re
import zipfile
from itertools import islice

import openpyxl
import pandas as pd

from crime.mps_csv import CONTROL_CHARACTER, CONTROL_RULE, ImportProblem
from crime.ons_csv import PopulationFile, districts, year_from_name
from crime.populations import Source

# Our column: the heading as ONS writes it (compared as `heading` makes it).
CENSUS = {"code": "Area code", "borough": "Area name", "2011": "All persons, 2011", "2021": "All persons, 2021"}
ESTIMATES = {"code": "Code", "borough": "Name", "population": "All ages"}
EXPECTED = "Area code, Area name, All persons, 2011, All persons, 2021 (Census) or Code, Name, All ages (estimates)"
NOTE = re.compile(r"\s*\[note \d+\]", re.IGNORECASE)
TITLE_ROWS = 20  # ONS tables start within the first few rows
# An upload's size is limited (DJANGO_MAX_CRIME_FILE_MB); what it unzips to is limited here, so that a small
# archive cannot expand into gigabytes. ONS's largest population workbooks unzip to tens of megabytes.
UNZIPPED_LIMIT = 500 * 1024 * 1024


def read(raw, name, mid_year=None):
    book = workbook(raw, name)
    try:
        sheet, number, cells, layout = table(book, name)
        rows = list(sheet.iter_rows(min_row=number + 1, values_only=True))
        where = f"sheet '{sheet.title}': "
        if layout is CENSUS:
            return PopulationFile(name, census(rows, number, cells, name, where))
        year = mid_year or year_of(sheet, number, name)
        return PopulationFile(name, estimates(rows, number, cells, year, name, where))
    finally:
        book.close()  # a read-only workbook keeps its archive open until closed


def workbook(raw, name):
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            unzipped = sum(member.file_size for member in archive.infolist())
        if unzipped > UNZIPPED_LIMIT:
            raise ImportProblem(name, f"the workbook unzips to {unzipped:,} bytes: more than any ONS table needs")
        return openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise ImportProblem(name, f"not an Excel workbook (.xlsx) that can be read: {error}") from error


def heading(cell):
    """A header cell as we compare it: `[note 2]` marks, line breaks and case dropped."""
    text = re.sub(NOTE, "", str(cell or ""))
    return " ".join(text.split()).lower()


def table(book, name):
    """(sheet, header row number, header cells, layout) of the first sheet with a recognised table."""
    near = None  # the first header that names a code column but not the rest: refused with its row
    for sheet in book.worksheets:
        for number, row in enumerate(islice(sheet.iter_rows(values_only=True), TITLE_ROWS), 1):
            cells = [heading(cell) for cell in row]
            for layout in (CENSUS, ESTIMATES):
                if {heading(theirs) for theirs in layout.values()} <= set(cells):
                    return sheet, number, cells, layout
            if near is None and {"area code", "code"} & set(cells):
                near = (sheet.title, number, [cell for cell in row if cell is not None])
    if near:
        title, number, row = near
        raise ImportProblem(name, f"sheet '{title}': header not recognised: expected {EXPECTED}", number, None, row)
    raise ImportProblem(name, f"no sheet has a table headed {EXPECTED}")


def columns_of(rows, number, cells, layout, name, where):
    """Our columns as text, from the header's positions, indexed by Excel row number; blank rows left out."""
    positions = {ours: cells.index(heading(theirs)) for ours, theirs in layout.items()}
    frame = pd.DataFrame(
        [[text(row[i] if i < len(row) else None) for i in positions.values()] for row in rows],
        columns=list(positions),
        index=range(number + 1, number + 1 + len(rows)),
    )
    frame = frame[(frame != "").any(axis=1)]
    frame["borough"] = frame["borough"].str.replace(NOTE, "", regex=True)  # "Dorset [note 10]"
    for column in frame.columns:
        bad = frame[column].str.contains(CONTROL_CHARACTER)
        if bad.any():
            row = int(bad.idxmax())
            raise ImportProblem(name, where + CONTROL_RULE, row, layout[column], frame.at[row, column])
    return frame


def text(value):
    """A cell as the text a CSV would hold: whole numbers without '.0', an empty cell as ''."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def census(rows, number, cells, name, where):
    frame = columns_of(rows, number, cells, CENSUS, name, where)
    return pd.concat(
        districts(
            frame[["code", "borough", year]]
            .rename(columns={year: "population"})
            .assign(mid_year=year, source=source.value),
            name,
            CENSUS | {"population": CENSUS[year]},
            where,
        )
        for year, source in (("2011", Source.CENSUS_2011), ("2021", Source.CENSUS_2021))
    ).reset_index(drop=True)


def estimates(rows, number, cells, year, name, where):
    frame = columns_of(rows, number, cells, ESTIMATES, name, where)
    frame = frame.assign(mid_year=str(year), source=Source.MYE.value)
    return districts(frame, name, ESTIMATES, where)


def year_of(sheet, number, name):
    """The mid-year a table of estimates is for: from its title rows ("Mid-2020 Population Estimates ..."), its
    sheet's name, or the file's name."""
    titles = [str(cell) for row in islice(sheet.iter_rows(values_only=True), number - 1) for cell in row if cell]
    for title in [*titles, sheet.title]:
        found = re.search(r"mid[- ]?(\d{4})", title, re.IGNORECASE)
        if found:
            return int(found[1])
    return year_from_name(name)
