"""Whole months as first-of-month dates, and their arithmetic: the unit of every MPS release and figure."""

import datetime


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
