"""Whole months as first-of-month dates, and their arithmetic: the unit of every MPS release and figure."""

import datetime
import re

# The years a figure's months may fall in. The MPS files start in 2010; a twelve-month window and a baseline
# year before it must still fit in a date (twelve months before January of year 1 is year 0, which none holds).
YEARS = range(2000, 2101)
MONTH = re.compile(r"(\d{4})-(\d{2})", re.ASCII)


def parse(text):
    """'2021-05' -> date(2021, 5, 1); ValueError for any other text, or a month outside YEARS."""
    found = MONTH.fullmatch(text)
    if not found or int(found[1]) not in YEARS:
        raise ValueError(f"Not a month from {YEARS.start} to {YEARS.stop - 1}: {text!r}")
    return datetime.date(int(found[1]), int(found[2]), 1)


def index(month):
    """Months since year 0: consecutive months have consecutive indexes."""
    return month.year * 12 + month.month - 1


def at(position):
    return datetime.date(position // 12, position % 12 + 1, 1)


def add(month, count):
    return at(index(month) + count)


def between(start, end):
    """How many months `end` is after `start`."""
    return index(end) - index(start)


def span(first, last):
    """Every month from `first` to `last`, both included."""
    return [add(first, offset) for offset in range(between(first, last) + 1)]
