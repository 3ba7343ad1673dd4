"""Recognise a population file by its content and hand it to its reader: a workbook (crime.ons_xlsx) or a CSV
(crime.ons_csv). Pure: bytes in, a PopulationFile out, or an ImportProblem naming file, row, column and value."""

from crime import ons_csv, ons_xlsx

XLSX_SIGNATURE = b"PK\x03\x04"  # an .xlsx is a zip archive; a CSV never starts with these bytes


def read(raw, name, mid_year=None):
    reader = ons_xlsx if raw.startswith(XLSX_SIGNATURE) else ons_csv
    return reader.read(raw, name, mid_year)
