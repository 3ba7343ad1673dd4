"""The move from a row per count to count blocks keeps every count a figure reads, both ways."""

import datetime
import zlib

import numpy as np
import pytest
from django.core.management import call_command

from tests.conftest import migrate, migrate_to_latest

BEFORE, AFTER = [("crime", "0001_initial")], [("crime", "0002_count_blocks")]
JAN, FEB, MAR = (datetime.date(2024, month, 1) for month in (1, 2, 3))


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
        migrate_to_latest()


@pytest.mark.isolated
@pytest.mark.django_db(transaction=True)
def test_existing_releases_get_their_inferred_publication_and_coverage_follows_it():
    """Before 0006 the recent file kept 2022-02..2023-09 for its later last month; after, the later publication."""
    call_command("flush", interactive=False)
    try:
        apps = migrate([("crime", "0005_versions")])
        Release, Coverage = apps.get_model("crime", "Release"), apps.get_model("crime", "MonthCoverage")
        imported = datetime.datetime(2026, 1, 2, tzinfo=datetime.UTC)
        historical = Release.objects.create(
            file_name="MPS Borough Level Crime (Historical).csv", sha256="h" * 64, layout="B", level="borough",
            first_month=datetime.date(2010, 4, 1), last_month=datetime.date(2023, 9, 1), rows=1, imported_at=imported,
        )  # fmt: skip
        recent = Release.objects.create(
            file_name="MPS Borough Level Crime (most recent 24 months).csv", sha256="r" * 64, layout="B",
            level="borough", first_month=datetime.date(2022, 2, 1), last_month=datetime.date(2024, 1, 1), rows=1,
            imported_at=imported,
        )  # fmt: skip
        Coverage.objects.create(level="borough", month=datetime.date(2023, 1, 1), release=recent)  # the old rule

        apps = migrate([("crime", "0006_release_publication")])
        Release, Coverage = apps.get_model("crime", "Release"), apps.get_model("crime", "MonthCoverage")
        published = dict(Release.objects.values_list("pk", "published_on"))
        assert published == {historical.pk: datetime.date(2025, 10, 1), recent.pk: datetime.date(2024, 2, 1)}
        in_force = dict(Coverage.objects.values_list("month", "release_id"))
        assert in_force[datetime.date(2023, 1, 1)] == historical.pk
        assert in_force[datetime.date(2023, 10, 1)] == recent.pk
        assert len(in_force) == 166  # 2010-04..2024-01

        apps = migrate([("crime", "0005_versions")])
        in_force = dict(apps.get_model("crime", "MonthCoverage").objects.values_list("month", "release_id"))
        assert in_force[datetime.date(2023, 1, 1)] == recent.pk  # back to the later last month
    finally:
        migrate_to_latest()


@pytest.mark.isolated
@pytest.mark.django_db(transaction=True)
def test_existing_releases_and_coverage_join_the_mps_scope_and_come_back_unchanged():
    """0008 adds the scope: every release and month imported before is the MPS files' (the Metropolitan Police's)."""
    call_command("flush", interactive=False)
    try:
        apps = migrate([("crime", "0007_reported_figure_narrative")])
        Release, Coverage = apps.get_model("crime", "Release"), apps.get_model("crime", "MonthCoverage")
        release = Release.objects.create(
            file_name="r.csv", sha256="a" * 64, layout="C", level="borough", first_month=JAN, last_month=FEB, rows=1,
            imported_at=datetime.datetime(2024, 3, 2, tzinfo=datetime.UTC), published_on=MAR,
        )  # fmt: skip
        for month in (JAN, FEB):
            Coverage.objects.create(level="borough", month=month, release=release)

        apps = migrate([("crime", "0008_police_uk_scopes_and_lsoas")])
        Release, Coverage = apps.get_model("crime", "Release"), apps.get_model("crime", "MonthCoverage")
        assert list(Release.objects.values_list("source", "force")) == [("mps_files", "metropolitan")]
        assert set(Coverage.objects.values_list("source", "force", "level", "month")) == {
            ("mps_files", "metropolitan", "borough", JAN), ("mps_files", "metropolitan", "borough", FEB),
        }  # fmt: skip

        apps = migrate([("crime", "0007_reported_figure_narrative")])
        coverage = apps.get_model("crime", "MonthCoverage").objects.values_list("level", "month", "release_id")
        assert set(coverage) == {("borough", JAN, release.pk), ("borough", FEB, release.pk)}
    finally:
        migrate_to_latest()
