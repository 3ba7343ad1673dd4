"""Read ONS population CSVs: the two layouts we are given for the MPS boroughs, ONS's long mid-year estimates for
any district, and the Census 2011/2021 district table of ONSvisual's poprank.js. Also the checks every population
reader shares.

MPS boroughs: `ladcode23,laname23,mid_year,population` (a long series of the boroughs and the City), or
`borough,population` (one year, named in the file name such as `..._mid2019_...`, or given by the caller).
Any district: `ladcode..,laname..,mid_year,population` (or `year`) with other codes; and
`LAD,NAME,COUNTY,REGION,POP11,POP21`. Each row of `PopulationFile.rows` says its source (crime.populations).
"""

import re
from dataclasses import dataclass

import pandas as pd

from crime import mps_areas
from crime.mps_csv import CONTROL_CHARACTER, CONTROL_RULE, ImportProblem, decode, parse
from crime.populations import DISTRICT_CODE, Source

MPS_NAMES = {name for _, name, _ in mps_areas.BOROUGHS}
MPS_CODES = {name: code for code, name, _ in mps_areas.BOROUGHS}
OUTSIDE_THE_MPS = mps_areas.read_names("ons-areas-outside-the-mps.txt")  # the City: its own police force
# Countries, regions, counties, metropolitan counties, Inner/Outer regions: tables list them beside the districts.
AGGREGATE_CODE = re.compile(r"(K02|K03|K04|E92|W92|S92|N92|E12|E10|E11|E13)\d{6}")
# Scotland's council areas and Northern Ireland's districts, in the UK-wide estimates: not ours to import.
OUTSIDE_ENGLAND_AND_WALES = re.compile(r"(S12|N09)\d{6}")
COLUMNS = ["code", "borough", "mid_year", "population", "source"]


@dataclass
class PopulationFile:
    name: str
    rows: pd.DataFrame  # code, borough (the district's name), mid_year, population, source

    @property
    def source(self):
        return "; ".join(dict.fromkeys(self.rows["source"]))


def read(raw, name, mid_year=None):
    decode(raw, name)
    frame = parse(raw, name)
    refuse_control_characters(frame, name)
    columns = {column.strip().lower() for column in frame.columns}
    frame = frame.rename(columns=lambda column: column.strip().lower())
    if {"ladcode23", "laname23", "mid_year", "population"} == columns and in_mps(frame["ladcode23"]):
        return mps_series(frame, name)
    if {"borough", "population"} == columns:
        return mps_year(frame, name, mid_year)
    if {"lad", "name", "pop11", "pop21"} <= columns:
        return poprank(frame, name)
    long = long_columns(columns)
    if long:
        return estimates(frame, name, long)
    raise ImportProblem(
        name,
        "unknown header: expected ladcode23,laname23,mid_year,population; borough,population; "
        "ladcode,laname,mid_year (or year),population; or LAD,NAME,COUNTY,REGION,POP11,POP21",
        1,
    )


def in_mps(codes):
    return codes.str.strip().str.startswith("E09").all()


def mps_series(frame, name):
    frame = frame.rename(columns={"laname23": "borough"})
    return mps_rows(frame, name, Source.MYE_REVISED)


def mps_year(frame, name, mid_year):
    frame = frame.assign(mid_year=str(mid_year or year_from_name(name)))
    return mps_rows(frame, name, f"ONS mid-{frame['mid_year'].iat[0]} estimates")


def mps_rows(frame, name, source):
    # Keep each row's position in the file as its label, so an error after the City's rows names the right row.
    frame = frame[~frame["borough"].isin(OUTSIDE_THE_MPS)]
    check(frame, name)
    rows = frame[["borough", "mid_year", "population"]].astype({"mid_year": int, "population": int})
    rows = rows.assign(code=rows["borough"].map(MPS_CODES), source=str(source))
    return PopulationFile(name, rows[COLUMNS].reset_index(drop=True))


def long_columns(columns):
    """{our column: the file's} of ONS's long form (`ladcode21,laname21,mid_year,population` and the like)."""
    code = next((c for c in columns if re.fullmatch(r"ladcode\d*", c)), None)
    area = next((c for c in columns if re.fullmatch(r"laname\d*", c)), None)
    year = "mid_year" if "mid_year" in columns else ("year" if "year" in columns else None)
    if None in (code, area, year) or "population" not in columns:
        return None
    return {"code": code, "borough": area, "mid_year": year, "population": "population"}


def estimates(frame, name, long):
    rows = pd.DataFrame({ours: frame[theirs] for ours, theirs in long.items()}).assign(source=Source.MYE.value)
    return PopulationFile(name, districts(rows.set_axis(frame.index + 2), name, long))


def poprank(frame, name):
    """Census 2011 as published (POP11); the 2021 column under its own source, as it is not Census 2021."""
    frame = frame.set_axis(frame.index + 2)
    rows = pd.concat(
        districts(
            frame[["lad", "name", column]]
            .set_axis(["code", "borough", "population"], axis=1)
            .assign(mid_year=year, source=source.value),
            name,
            {"code": "LAD", "borough": "NAME", "population": column.upper()},
        )
        for column, year, source in (("pop11", "2011", Source.CENSUS_2011), ("pop21", "2021", Source.POPRANK_2021))
    )
    return PopulationFile(name, rows.reset_index(drop=True))


def year_from_name(name):
    found = re.search(r"mid[-_]?(\d{4})", name, re.IGNORECASE)
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
    unknown = ~frame["borough"].isin(MPS_NAMES)
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


def districts(rows, name, headers, where=""):
    """The district rows of `rows`, typed: text columns COLUMNS indexed by their row number in the file.

    Countries, regions and counties are left out, and Scotland's and Northern Ireland's areas; any other code, a
    blank name, a number that is not a whole number above zero or a district given twice for one year and
    source is refused, naming the file's row and column (`headers`: our column to the file's) and the value.
    """
    rows = rows.assign(code=rows["code"].str.strip(), borough=rows["borough"].str.strip())
    district = rows["code"].str.fullmatch(DISTRICT_CODE)
    known = (
        district | rows["code"].str.fullmatch(AGGREGATE_CODE) | rows["code"].str.fullmatch(OUTSIDE_ENGLAND_AND_WALES)
    )
    refuse_where(~known, rows, "code", "not the GSS code of a district (E06, E07, E08, E09, W06) or of a country, "
                 "region or county", name, headers, where)  # fmt: skip
    rows = rows[district]
    refuse_where(rows["borough"] == "", rows, "borough", "a district needs its name", name, headers, where)
    for column in ("mid_year", "population"):
        values = pd.to_numeric(rows[column].str.strip(), errors="coerce")
        bad = values.isna() | (values <= 0) | (values % 1 != 0)
        refuse_where(bad, rows, column, f"{column} must be a whole number above zero", name, headers, where)
    twice = rows.duplicated(["code", "mid_year", "source"])
    refuse_where(twice, rows, "code", "this district is given twice for the year", name, headers, where)
    typed = rows.astype({"mid_year": float, "population": float}).astype({"mid_year": int, "population": int})
    return typed[COLUMNS].reset_index(drop=True)


def refuse_where(bad, rows, column, rule, name, headers, where):
    """Refuse the first row where `bad` holds (by position: the two columns of a census file share row numbers)."""
    if bad.any():
        at = int(bad.to_numpy().argmax())
        value = rows[column].iloc[at]
        raise ImportProblem(name, f"{where}{rule}", int(rows.index[at]), headers.get(column) or column, value)
