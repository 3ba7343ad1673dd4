"""Count blocks: a file's rows become one grid per category, and come back out month by month."""

import datetime

import numpy as np
import pytest
from django.utils import timezone

from crime import counts, importer, mps_csv
from crime.models import Area, CountBlock, CrimeCategory, Release


def month(year, number):
    return datetime.date(year, number, 1)


def test_rows_of_one_area_are_summed_and_a_month_the_file_skips_stays_zero():
    areas = np.array([7, 9, 7])  # two rows of area 7: the airport wards of Aviation Security
    categories = np.array([3, 3, 3])
    rows = np.array([[1, 2], [5, 6], [10, 20]])
    area_ids, category_ids, cube = counts.grids(areas, categories, rows, [month(2024, 1), month(2024, 3)])
    assert (area_ids.tolist(), category_ids.tolist()) == ([7, 9], [3])
    assert cube.tolist() == [[[11, 0, 22], [5, 0, 6]]]


def test_a_grid_survives_encoding():
    grid = np.array([[0, 2_147_483_647], [3, 0]])
    assert counts.decode(counts.encode(grid), 2).tolist() == grid.tolist()


@pytest.mark.django_db
def test_a_release_is_written_as_one_block_per_category_with_its_areas_in_order():
    text = (
        "MajorText,MinorText,LookUp_BoroughName,209901,209902\n"
        "Burglary,Domestic Burglary,Bromley,1,2\n"
        "Burglary,Domestic Burglary,Bexley,3,0\n"
        "Robbery,Personal Property,Bromley,0,4\n"
    )
    result = importer.import_file(mps_csv.read(text.encode(), "two-months.csv"), None, timezone.now())
    release = Release.objects.get(pk=result.release.pk)
    assert (release.areas, release.counts_written) == (2, 4)
    bromley, bexley = (Area.objects.get(kind="borough", name=name).pk for name in ("Bromley", "Bexley"))
    assert release.area_ids == sorted([bromley, bexley])
    grids = {
        (block.category.major_text, block.category.minor_text): counts.decode(block.counts, 2).tolist()
        for block in CountBlock.objects.filter(release=release).select_related("category")
    }
    at = {bromley: release.area_ids.index(bromley), bexley: release.area_ids.index(bexley)}
    burglary, robbery = [[0, 0], [0, 0]], [[0, 0], [0, 0]]
    burglary[at[bromley]], burglary[at[bexley]], robbery[at[bromley]] = [1, 2], [3, 0], [0, 4]
    assert grids == {("Burglary", "Domestic Burglary"): burglary, ("Robbery", "Personal Property"): robbery}
    loaded = counts.load("borough", CrimeCategory.objects.values_list("pk", flat=True), month(2099, 1), month(2099, 2))
    assert loaded.grid.sum() == 10
