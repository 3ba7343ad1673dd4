"""Monthly counts as stored: one block per release and category, an areas x months grid of whole numbers.

A release is immutable, so its counts are written once, in the shape the MPS publishes them (a row per area,
a column per month), and never updated. Which release is in force for a month is MonthCoverage's job: reading
takes each month from its release and leaves older releases' figures in place as the record of revisions.
See docs/decisions/0008-count-blocks.md for why this shape and not a row per count.
"""

import datetime
import json
import zlib
from collections import defaultdict
from dataclasses import dataclass

import numpy as np
from django.db.models import TextField
from django.db.models.functions import Cast

from crime import months as calendar
from crime import scopes
from crime.models import Area, CountBlock, Level, MonthCoverage, Source

# Little-endian 4-byte: the same bytes on every machine and database; monthly crime counts fit many times over.
DTYPE = np.dtype("<i4")
LARGEST = int(np.iinfo(DTYPE).max)


def encode(grid):
    """Bytes for an areas x months grid of counts already checked to fit DTYPE.

    Compressed (zlib, fastest level): most cells are zero, so a ward release shrinks about tenfold, which
    makes writing it several times faster on PostgreSQL than the raw bytes (bench/import_bench.py).
    """
    return zlib.compress(np.ascontiguousarray(grid, dtype=DTYPE).tobytes(), 1)


def decode(data, areas):
    return np.frombuffer(zlib.decompress(data), dtype=DTYPE).reshape(areas, -1)


# The kind of area each level's counts are for, where one police.uk release holds the counts of every level.
KIND_OF_LEVEL = {
    Level.FORCE: Area.Kind.FORCE,
    Level.BOROUGH: Area.Kind.BOROUGH,
    Level.WARD: Area.Kind.WARD,
    Level.LSOA: Area.Kind.LSOA,
}


def in_force(level, start, end, scope=scopes.MPS):
    """{month: id of the release in force} for a level of a scope from `start` to `end`, in one query."""
    rows = MonthCoverage.objects.of(scope).filter(level=level, month__gte=start, month__lte=end)
    return dict(rows.values_list("month", "release_id"))


@dataclass
class Counts:
    """Counts for some categories, over a span of months, each month from the release in force for it.

    `grid[c, a, m]` is category `category_ids[c]`, area `area_ids[a]`, month `start` + m. Months no release
    covers are zero here: callers ask coverage_gap first, which says when a period cannot be reported.
    """

    start: datetime.date
    area_ids: np.ndarray
    category_ids: list
    grid: np.ndarray

    def measure(self, signs):
        """The areas x months grid of a measure: its categories' counts added or subtracted by sign."""
        position = {category: c for c, category in enumerate(self.category_ids)}
        result = np.zeros(self.grid.shape[1:], dtype=np.int64)
        for category, sign in signs.items():
            if category in position:
                result += sign * self.grid[position[category]]
        return result

    def columns(self, window):
        first = calendar.index(window.start) - calendar.index(self.start)
        return slice(first, first + calendar.index(window.end) - calendar.index(window.start) + 1)

    def totals(self, signs, window):
        """{area id: the measure's total over the window} for every area the releases report on."""
        sums = self.measure(signs)[:, self.columns(window)].sum(axis=1)
        return dict(zip(self.area_ids.tolist(), sums.tolist(), strict=True))

    def months(self, signs, area_id, window):
        """{month: the measure's count} for one area over the window (zero where the area has no row)."""
        found = np.nonzero(self.area_ids == area_id)[0]
        columns = self.columns(window)
        values = self.measure(signs)[found[0], columns].tolist() if len(found) else [0] * (columns.stop - columns.start)
        return {calendar.at(calendar.index(self.start) + columns.start + m): v for m, v in enumerate(values)}


def load(level, categories, start, end, coverage=None, areas=None, scope=scopes.MPS):
    """Counts for the categories from `start` to `end` at a level, in one query (two without `coverage`, one more
    for police.uk releases, whose grids hold every level: the level's areas are kept).

    `coverage` is {month: release id} when the caller already has it (from queries.coverage_with_layouts(scope));
    `areas`, ids to keep (all of the level when None); `scope`, whose coverage to read when `coverage` is not given.
    """
    coverage = in_force(level, start, end, scope) if coverage is None else coverage
    first, span = calendar.index(start), calendar.index(end) - calendar.index(start) + 1
    columns = defaultdict(list)  # release id -> positions in the span of the months it is in force for
    for m in range(span):
        release = coverage.get(calendar.at(first + m))
        if release is not None:
            columns[release].append(m)
    categories = sorted(set(categories))
    blocks = list(
        # A release's area ids come as the stored text and are parsed once per release, not once per block.
        CountBlock.objects.filter(release_id__in=list(columns), category_id__in=categories)
        .annotate(area_ids_text=Cast("release__area_ids", TextField()))
        .values_list("release_id", "release__first_month", "area_ids_text", "category_id", "counts", "release__source")
        .order_by()
        if columns and categories
        else []
    )
    area_ids_of = {}
    for release, _, text, *_ in blocks:
        if release not in area_ids_of:
            area_ids_of[release] = np.array(json.loads(text), dtype=np.int64)
    wanted = None if areas is None else np.array(sorted(areas), dtype=np.int64)
    axis = np.unique(np.concatenate(list(area_ids_of.values()) or [[]]))
    if wanted is not None:
        axis = np.intersect1d(axis, wanted)
    if wanted is None and any(source == Source.POLICE_UK for *_, source in blocks):
        axis = np.intersect1d(axis, of_level(axis, level))
    axis = axis.astype(np.int64)
    grid = np.zeros((len(categories), len(axis), span), dtype=np.int64)
    row_of_category = {category: c for c, category in enumerate(categories)}
    placed = {}  # release id -> where its rows and columns go: the same for each of its blocks
    for release, release_start, _, category, data, _ in blocks:
        if release not in placed:
            ids = area_ids_of[release]
            keep = np.isin(ids, axis)
            span_columns = np.array(columns[release])
            block_columns = span_columns + first - calendar.index(release_start)
            placed[release] = (
                len(ids),
                np.ix_(np.searchsorted(axis, ids[keep]), span_columns),
                np.ix_(keep, block_columns),
            )
        areas_in_block, into, out_of = placed[release]
        grid[row_of_category[category]][into] += decode(data, areas_in_block)[out_of]
    return Counts(start, axis, categories, grid)


def of_level(area_ids, level):
    """The ids among `area_ids` of the level's kind of area, in one query."""
    found = Area.objects.filter(pk__in=area_ids.tolist(), kind=KIND_OF_LEVEL[level]).values_list("pk", flat=True)
    return np.array(sorted(found), dtype=np.int64)


def grids(area_of_row, category_of_row, counts, file_months):
    """(area ids, category ids, categories x areas x months cube) from a file's rows and their counts.

    `counts` is rows x `file_months`. The cube spans every month from the first to the last, so a column is always
    (month - first month): a month the file skips stays zero, and no coverage points at it.
    """
    area_ids, area_rows = np.unique(area_of_row, return_inverse=True)
    category_ids, category_rows = np.unique(category_of_row, return_inverse=True)
    # Several rows can be one area (the airport wards of Aviation Security) and are summed. Rows whose key is
    # new are placed in one assignment; only the few repeats go through np.add.at, which works cell by cell.
    keys = category_rows * len(area_ids) + area_rows
    order = np.argsort(keys, kind="stable")
    repeat = np.zeros(len(keys), dtype=bool)
    repeat[order[1:]] = keys[order[1:]] == keys[order[:-1]]
    cube = np.zeros((len(category_ids) * len(area_ids), len(file_months)), dtype=np.int64)
    cube[keys[~repeat]] = counts[~repeat]
    np.add.at(cube, keys[repeat], counts[repeat])
    first = calendar.index(file_months[0])
    span_columns = [calendar.index(month) - first for month in file_months]
    if span_columns[-1] + 1 > len(file_months):  # months missing inside the span: spread the columns out
        spread = np.zeros((len(cube), span_columns[-1] + 1), dtype=np.int64)
        spread[:, span_columns] = cube
        cube = spread
    return area_ids, category_ids, cube.reshape(len(category_ids), len(area_ids), -1)
