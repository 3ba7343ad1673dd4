"""Which ward boundaries (2014 or 2022) a ward file uses, decided from its GSS codes, never from its months.

A Historical ward file carries the 2022 codes back to 2010, so a file's first month says nothing about its
boundaries. The codes do: `reference/ward_codes/2014.txt` and `2022.txt` list every code of the two shared ward files
(shared/data/README.md), and the wards already in the database add any code imported since. Seven boroughs
kept their wards in 2022 (149 codes are in both lists); only the codes of one vintage alone decide.
"""

from functools import cache
from pathlib import Path

from crime.mps_csv import ImportProblem

VINTAGES = (2014, 2022)
CODE_LISTS = Path(__file__).resolve().parent / "reference" / "ward_codes"


@cache
def shipped_codes(vintage):
    lines = (CODE_LISTS / f"{vintage}.txt").read_text().splitlines()
    return frozenset(line for line in lines if line and not line.startswith("#"))


def vintage_of(name, text, in_borough, known):
    """The vintage of a ward file's borough rows, from `known` ({vintage: set of codes}).

    Refused, naming the row: a code of neither vintage, or codes of each vintage only in one file. A file whose
    codes are all in both (only unchanged wards) is on the current, 2022, boundaries: it names the same wards
    under either, and 2022 joins it to the releases now published.
    """
    distinct = set(text["ward_code"][in_borough].unique().tolist())
    unknown = distinct - set().union(*known.values())
    if unknown:
        raise at_first(name, text, unknown, "this ward code is not an MPS ward of the 2014 or 2022 boundaries")
    only = {vintage: distinct - set().union(*(known[v] for v in VINTAGES if v != vintage)) for vintage in VINTAGES}
    if only[2014] and only[2022]:
        raise at_first(
            name, text, only[2022], "the file mixes ward codes of the 2014 and 2022 boundaries; this one is 2022"
        )
    return 2014 if only[2014] else 2022


def at_first(name, text, codes, message):
    row = int(text["ward_code"].isin(codes).to_numpy().argmax())
    return ImportProblem(name, message, row + 2, "ward_code", text.at[row, "ward_code"])
