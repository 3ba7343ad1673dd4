"""Whose counts a figure reads: one source (MPS files or police.uk) and one force's area, never mixed.

Coverage, the rule that puts a release in force for a month, runs within a scope: the MPS files are the
Metropolitan Police's scope, and each force's police.uk files are a scope of their own (ADR 0017). Every reader
that takes a scope defaults to the MPS one, so the code written for the MPS files reads what it always read.
"""

from dataclasses import dataclass

from crime.models import METROPOLITAN, Level, Source


@dataclass(frozen=True)
class Scope:
    source: str
    force: str

    @property
    def levels(self):
        """The levels its releases supply: police.uk files are read per LSOA and summed up through the lookup."""
        if self.source == Source.POLICE_UK:
            return [Level.FORCE, Level.BOROUGH, Level.WARD, Level.LSOA]
        return [Level.BOROUGH, Level.WARD]


MPS = Scope(Source.MPS_FILES, METROPOLITAN)


def police_uk(force):
    """The scope of one force's police.uk street files, e.g. police_uk("leicestershire")."""
    return Scope(Source.POLICE_UK, force)


def of(release):
    return Scope(release.source, release.force)
