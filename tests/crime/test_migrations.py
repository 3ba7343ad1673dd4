"""The move from a row per count to count blocks keeps every count a figure reads, both ways."""

import datetime
import zlib

import numpy as np
import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE, AFTER = [("crime", "0001_initial")], [("crime", "0002_count_blocks")]
JAN, FEB, MAR = (datetime.date(2024, month, 1) for month in (1, 2, 3))


def migrate(target):
    executor = MigrationExecutor(connection)
    executor.migrate(target)
    return executor.loader.project_state(target).apps


@pytest.mark.isolated
@pytest.mark.django_db(transaction=True)
def test_counts_become_blocks_and_back_unchanged():
    call_command("flush", interactive=False)  # the shared demo data would only slow the conversion down
    try:
        apps = migrate(BEFORE)
        Area, Release = apps.get_model("crime", "Area"), apps.get_model("crime", "Release")
        Category, Count = apps.get_model("crime", "CrimeCategory"), apps.get_model("crime", "MonthlyCount")
        Coverage = apps.get_model("crime", "MonthCoverage")
        bromley = Area.objects.create(kind="borough", name="Bromley", code="E09000006")
        bexley = Area.objects.create(kind="borough", name="Bexley", code="E09000004")
        theft = Category.objects.create(layout="C", major_text="THEFT", minor_text="SHOPLIFTING")
        robbery = Category.objects.create(layout="C", major_text="ROBBERY", minor_text="PERSONAL PROPERTY")
        release = Release.objects.create(
            file_name="r.csv", sha256="a" * 64, layout="C", level="borough", first_month=JAN, last_month=MAR,
            rows=4, imported_at=datetime.datetime(2024, 4, 2, tzinfo=datetime.UTC),
        )  # fmt: skip
        for month in (JAN, FEB, MAR):
            Coverage.objects.create(level="borough", month=month, release=release)
        rows = {(bromley.pk, theft.pk, JAN, 5), (bromley.pk, theft.pk, MAR, 7), (bexley.pk, robbery.pk, FEB, 2)}
        for area, category, month, count in rows:
            Count.objects.create(area_id=area, category_id=category, month=month, count=count, release=release)

        apps = migrate(AFTER)
        release = apps.get_model("crime", "Release").objects.get()
        assert release.area_ids == sorted([bromley.pk, bexley.pk])
        blocks = {
            block.category_id: np.frombuffer(zlib.decompress(block.counts), dtype="<i4").reshape(2, 3).tolist()
            for block in apps.get_model("crime", "CountBlock").objects.all()
        }
        at = release.area_ids.index
        theft_grid, robbery_grid = [[0, 0, 0], [0, 0, 0]], [[0, 0, 0], [0, 0, 0]]
        theft_grid[at(bromley.pk)] = [5, 0, 7]
        robbery_grid[at(bexley.pk)] = [0, 2, 0]
        assert blocks == {theft.pk: theft_grid, robbery.pk: robbery_grid}

        apps = migrate(BEFORE)
        back = apps.get_model("crime", "MonthlyCount").objects.values_list("area_id", "category_id", "month", "count")
        assert set(back) == rows
    finally:
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
