"""Which release is in force for each month at a level, and what a change to that did, in words.

One rule (ADR 0010, refining 0005): each month comes from the release in use with the latest publication that
covers it, and of two published together, the later import. It runs after every import, withdrawal,
reinstatement and correction of a publication date, and nothing else decides coverage. It runs within one scope
(a source and a force, ADR 0017): an MPS file never supplies a month of a police.uk series, nor the reverse.
"""

from collections import defaultdict
from dataclasses import dataclass

from crime import months as calendar
from crime import scopes
from crime.models import MonthCoverage, Release, Source


@dataclass
class Change:
    """Coverage of one level before and after: {month: release id}."""

    before: dict
    after: dict

    def supplied_by(self, release):
        return [m for m in covered(release) if self.after.get(m) == release.pk]


def covered(release):
    return calendar.span(release.first_month, release.last_month)


def resolve(level, scope=scopes.MPS):
    """Point each month of a level of a scope at the release the rule puts in force, writing only what changed."""
    return resolve_levels([level], scope)[level]


def resolve_for(release):
    """Resolve every level the release supplies (all four for police.uk); returns the change at its own level."""
    scope = scopes.of(release)
    levels = scope.levels if scope.source == Source.POLICE_UK else [release.level]
    return resolve_levels(levels, scope)[release.level]


def resolve_levels(levels, scope):
    """{level: Change} for the levels of a scope, in four queries whatever their number."""
    releases = Release.objects.of(scope).filter(withdrawn_at=None).by_publication()
    # A police.uk release supplies every level at once; an MPS release the one level of its file.
    every_level = scope.source == Source.POLICE_UK
    releases = releases if every_level else releases.filter(level__in=levels)
    in_force = {level: {} for level in levels}
    for release, level, first, last in releases.values_list("pk", "level", "first_month", "last_month"):
        for target in levels if every_level else [level]:
            for month in calendar.span(first, last):  # later publications come later and overwrite their months
                in_force[target][month] = release
    current = {level: {} for level in levels}
    stale = []
    for pk, level, month, release in (
        MonthCoverage.objects.of(scope).filter(level__in=levels).values_list("pk", "level", "month", "release_id")
    ):
        current[level][month] = release
        if in_force[level].get(month) != release:
            stale.append(pk)
    if stale:
        MonthCoverage.objects.filter(pk__in=stale).delete()
    MonthCoverage.objects.bulk_create(
        MonthCoverage(level=level, month=month, release_id=release, source=scope.source, force=scope.force)
        for level in levels
        for month, release in in_force[level].items()
        if current[level].get(month) != release
    )
    return {level: Change(current[level], in_force[level]) for level in levels}


def standing(release, change):
    """What a release in use supplies now, which of its months a later publication keeps, and which it took over,
    e.g. 'supplies 2023-10 to 2024-01 (4 months); 2022-02 to 2023-09 kept from X.csv, published Oct 2025'."""
    supplied = change.supplied_by(release)
    kept = by_release((m, change.after.get(m)) for m in covered(release) if change.after.get(m) != release.pk)
    taken = by_release((m, change.before.get(m)) for m in supplied if change.before.get(m) not in (None, release.pk))
    names = named(set(kept) | set(taken))
    parts = [f"supplies {in_words(supplied)}" if supplied else "supplies no months"]
    parts += [f"{in_words(months, count=False)} kept from {names[other]}" for other, months in kept.items()]
    parts += [f"{in_words(months, count=False)} taken over from {names[other]}" for other, months in taken.items()]
    return "; ".join(parts)


def handed_back(release, change):
    """Where the months a release supplied went (a withdrawal): to other releases, or to no figures at all."""
    moved = by_release((m, change.after.get(m)) for m in covered(release) if change.before.get(m) == release.pk)
    names = named(set(moved) - {None})
    parts = [
        f"{in_words(months, count=False)} now from {names[other]}" if other else f"{in_words(months)} have no figures"
        for other, months in moved.items()
    ]
    return "; ".join(parts) or "it supplied no months"


def by_release(months_and_releases):
    grouped = defaultdict(list)
    for month, release in months_and_releases:
        grouped[release].append(month)
    return dict(grouped)


def named(release_ids):
    """{id: 'file name, published Mon YYYY'} in one query."""
    found = Release.objects.filter(pk__in=[pk for pk in release_ids if pk]).only("file_name", "published_on")
    return {release.pk: f"{release.file_name}, published {release.published_on:%b %Y}" for release in found}


def in_words(months, count=True):
    """'2010-04 to 2023-09 (162 months)': each run of consecutive months, first to last."""
    runs = [f"{first:%Y-%m}" if first == last else f"{first:%Y-%m} to {last:%Y-%m}" for first, last in runs_of(months)]
    total = f" ({len(months)} month{'s' if len(months) != 1 else ''})" if count else ""
    return ", ".join(runs) + total


def runs_of(months):
    """[(first, last)] of each run of consecutive months in `months` (sorted)."""
    runs = []
    for month in sorted(months):
        if runs and calendar.between(runs[-1][1], month) == 1:
            runs[-1][1] = month
        else:
            runs.append([month, month])
    return [tuple(run) for run in runs]
