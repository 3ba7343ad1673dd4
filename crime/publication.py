"""When an MPS release was published, decided from its file: the date that orders releases (ADR 0010).

The MPS publishes two files together each month: the most recent 24 months, and a Historical file that ends
where those 24 months begin. A file's last month therefore says nothing about which of two files is newer; the
date it was published does.
"""

import re

from crime import months as calendar
from crime.models import Release

RECENT_MONTHS = 24
# The names the MPS's Datastore gives the two files, and the names analysts save them under.
HISTORICAL_NAME = re.compile(r"histor", re.IGNORECASE)
RECENT_NAME = re.compile(r"most[ _-]*recent|recent[ _-]*24", re.IGNORECASE)


def is_historical(name, months):
    """A Historical file (not the most recent 24 months) when its name says which, else when it has more than
    24 months: a name that says both or neither leaves the months to decide."""
    historical, recent = bool(HISTORICAL_NAME.search(name)), bool(RECENT_NAME.search(name))
    if historical != recent:
        return historical
    return len(months) > RECENT_MONTHS


def inferred_publication(name, months):
    """The first of the month the file was published: a recent file the month after its last month; a
    Historical file with the recent file that follows it, 25 months after its last month."""
    after = RECENT_MONTHS + 1 if is_historical(name, months) else 1
    return calendar.add(months[-1], after)


def published_on(mps_file):
    """(date, basis): the file's own Refreshed Date where it has one, else the date inferred from its months."""
    if mps_file.refreshed_on:
        return mps_file.refreshed_on, Release.Basis.FILE
    return inferred_publication(mps_file.name, mps_file.months), Release.Basis.INFERRED
