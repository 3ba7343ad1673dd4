"""Read an ONS LSOA to ward to district lookup (e.g. LSOA11_WD19_LAD19_EW_LU.csv), or say what is wrong.

The header says the vintages: `LSOA11CD,LSOA11NM,WD19CD,WD19NM,LAD19CD,LAD19NM` (an `FID` or `ObjectId` column
may lead) is 2011 LSOAs in 2019 wards in 2019 districts. Each LSOA sits in one ward ("best fit": ONS puts an
LSOA that straddles a ward boundary in the ward holding most of its people), each ward in one district.
"""

import re
from dataclasses import dataclass

import pandas as pd

from crime.mps_csv import CONTROL_CHARACTER, CONTROL_RULE, ImportProblem, decode, parse

# LSOA, ward, district: England's and Wales's GSS code families (E06-E09 unitary, shire, metropolitan and
# MPS boroughs; W06 Welsh principal areas).
LEVELS = {
    "lsoa": ("LSOA", re.compile(r"^[EW]01\d{6}$"), "LSOA codes are E01 or W01 and six digits"),
    "ward": ("WD", re.compile(r"^[EW]05\d{6}$"), "ward codes are E05 or W05 and six digits"),
    "district": ("LAD", re.compile(r"^(E0[6-9]|W06)\d{6}$"), "district codes are E06-E09 or W06 and six digits"),
}
ROW_NUMBER_COLUMNS = {"FID", "ObjectId", "OBJECTID"}
HEADER_RULE = "expected LSOAyyCD,LSOAyyNM,WDyyCD,WDyyNM,LADyyCD,LADyyNM (an FID column may lead)"


@dataclass
class Lookup:
    name: str
    vintages: dict  # {"lsoa": 2011, "ward": 2019, "district": 2019}
    rows: pd.DataFrame  # one row per LSOA: lsoa_code, lsoa_name, ward_code, ward_name, district_code, district_name


def read(raw: bytes, name: str) -> Lookup:
    """The lookup's rows, checked: one row per LSOA (exact repeats are dropped)."""
    columns, vintages = header_columns(decode(raw, name).strip().split(","), name)
    frame = parse(raw, name)[list(columns)].rename(columns=columns)
    if frame.empty:
        raise ImportProblem(name, "the file has a header but no data rows", row=2)
    in_file = {role: column for column, role in columns.items()}  # errors name the column as the file does
    for role in frame.columns:
        refuse_first(frame, frame[role].str.contains(CONTROL_CHARACTER), name, role, in_file, CONTROL_RULE)
        refuse_first(frame, frame[role].str.strip() == "", name, role, in_file, f"{role.replace('_', ' ')} is blank")
    for level, (_, pattern, rule) in LEVELS.items():
        refuse_first(frame, ~frame[f"{level}_code"].str.match(pattern), name, f"{level}_code", in_file, rule)
    frame = frame.drop_duplicates()
    one_parent(frame, "lsoa_code", "ward_code", name, in_file, "this LSOA is listed in two wards")
    one_parent(frame, "lsoa_code", "lsoa_name", name, in_file, "this LSOA is listed with two names")
    one_parent(frame, "ward_code", "district_code", name, in_file, "this ward is listed in two districts")
    one_parent(frame, "ward_code", "ward_name", name, in_file, "this ward is listed with two names")
    one_parent(frame, "district_code", "district_name", name, in_file, "this district is listed with two names")
    return Lookup(name, vintages, frame.reset_index(drop=True))


def header_columns(header, name):
    """({file column: role}, {level: vintage}) from the header, or a located error."""
    names = [column.strip() for column in header if column.strip() not in ROW_NUMBER_COLUMNS]
    columns, vintages = {}, {}
    for level, (prefix, _, _) in LEVELS.items():
        for suffix, role in (("CD", "code"), ("NM", "name")):
            found = [c for c in names if re.fullmatch(rf"{prefix}\d\d{suffix}", c)]
            if len(found) != 1:
                raise ImportProblem(name, f"the header has no single {prefix}yy{suffix} column: {HEADER_RULE}", row=1)
            columns[found[0]] = f"{level}_{role}"
            year = 2000 + int(found[0][len(prefix) : len(prefix) + 2])
            if vintages.setdefault(level, year) != year:
                raise ImportProblem(name, "code and name columns of different years", 1, found[0], found[0])
    unknown = [c for c in names if c not in columns]
    if unknown:
        raise ImportProblem(name, f"unknown column: {HEADER_RULE}", 1, unknown[0], unknown[0])
    return columns, vintages


def refuse_first(frame, bad, name, role, in_file, message):
    """Refuse the first row where `bad` holds, naming the file's column and the cell as written."""
    if bad.any():
        row = int(bad.to_numpy().argmax())
        raise ImportProblem(name, message, int(frame.index[row]) + 2, in_file[role], frame[role].iat[row])


def one_parent(frame, child, parent, name, in_file, message):
    """Refuse a child code (an LSOA, a ward) given two different parents or names, at its second row."""
    pairs = frame.drop_duplicates([child, parent])
    refuse_first(pairs, pairs[child].duplicated(), name, parent, in_file, message)
