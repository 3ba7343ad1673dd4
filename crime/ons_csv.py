"""Read ONS mid-year population estimates for London boroughs, in the two layouts we are given.

`ladcode23,laname23,mid_year,population` (a long series, one row per borough and year), or
`borough,population` (one year, named in the file name such as `..._mid2019_...`, or given by the caller).
"""

import re
from dataclasses import dataclass

import pandas as pd

from crime import london
from crime.mps_csv import CONTROL_CHARACTER, CONTROL_RULE, ImportProblem, decode, parse

LONDON_NAMES = {name for _, name, _ in london.BOROUGHS}
CITY_OF_LONDON = "City of London"  # its own police force: not one of the 32


@dataclass
class PopulationFile:
    name: str
    source: str
    rows: pd.DataFrame  # borough, mid_year, population


def read(raw, name, mid_year=None):
    decode(raw, name)
    frame = parse(raw, name)
    refuse_control_characters(frame, name)
    columns = {column.strip().lower() for column in frame.columns}
    if {"laname23", "mid_year", "population"} <= columns:
        frame = frame.rename(columns=str.lower).rename(columns={"laname23": "borough"})
        source = "ONS mid-year estimates (revised series)"
    elif {"borough", "population"} == columns:
        frame = frame.rename(columns=str.lower)
        frame["mid_year"] = str(mid_year or year_from_name(name))
        source = f"ONS mid-{frame['mid_year'].iat[0]} estimates"
    else:
        raise ImportProblem(
            name, "unknown header: expected ladcode23,laname23,mid_year,population or borough,population", 1
        )
    # Keep each row's position in the file as its label, so an error after the City's rows names the right row.
    frame = frame[frame["borough"] != CITY_OF_LONDON]
    check(frame, name)
    rows = frame[["borough", "mid_year", "population"]].astype({"mid_year": int, "population": int})
    return PopulationFile(name, source, rows)


def year_from_name(name):
    found = re.search(r"mid[-_]?(\d{4})", name)
    if not found:
        raise ImportProblem(name, "the file does not say its mid-year: give --mid-year")
    return int(found[1])


def refuse_control_characters(frame, name):
    """A NUL, tab or other control character in any cell, names and codes included, is a damaged file."""
    for column in frame.columns:
        bad = frame[column].str.contains(CONTROL_CHARACTER)
        if bad.any():
            row = int(bad.idxmax())
            raise ImportProblem(name, CONTROL_RULE, row + 2, column, frame.at[row, column])


def check(frame, name):
    unknown = ~frame["borough"].isin(LONDON_NAMES)
    if unknown.any():
        row = int(unknown.idxmax())
        raise ImportProblem(name, "unknown borough name", row + 2, "borough", frame.at[row, "borough"])
    for column in ("mid_year", "population"):
        values = pd.to_numeric(frame[column].str.strip(), errors="coerce")
        bad = values.isna() | (values <= 0) | (values % 1 != 0)
        if bad.any():
            row = int(bad.idxmax())
            raise ImportProblem(
                name, f"{column} must be a whole number above zero", row + 2, column, frame.at[row, column]
            )
