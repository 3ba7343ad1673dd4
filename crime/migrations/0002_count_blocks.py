"""Counts move from a row per area, category and month to a block per release and category (ADR 0008).

The conversion keeps every count a figure reads: the rows of each release become its blocks, and going back
writes the non-zero counts of the months each release is in force for. Self-contained on purpose: a
migration must not import code that changes after it.
"""

import zlib

import django.db.models.deletion
import numpy as np
from django.db import migrations, models

DTYPE = np.dtype("<i4")


def month_index(month):
    return month.year * 12 + month.month - 1


def rows_to_blocks(apps, schema_editor):
    Release = apps.get_model("crime", "Release")
    MonthlyCount = apps.get_model("crime", "MonthlyCount")
    CountBlock = apps.get_model("crime", "CountBlock")
    for release in Release.objects.all():
        rows = list(
            MonthlyCount.objects.filter(release=release).values_list("area_id", "category_id", "month", "count")
        )
        if not rows:
            continue
        areas, categories, months, values = (np.array(column) for column in zip(*rows, strict=True))
        area_ids, area_rows = np.unique(areas, return_inverse=True)
        category_ids, category_rows = np.unique(categories, return_inverse=True)
        first = month_index(release.first_month)
        cube = np.zeros((len(category_ids), len(area_ids), month_index(release.last_month) - first + 1), dtype=DTYPE)
        cube[category_rows, area_rows, [month_index(month) - first for month in months]] = values
        CountBlock.objects.bulk_create(
            CountBlock(release=release, category_id=int(category), counts=zlib.compress(grid.tobytes(), 1))
            for category, grid in zip(category_ids, cube, strict=True)
        )
        release.area_ids = area_ids.tolist()
        release.save(update_fields=["area_ids"])


def blocks_to_rows(apps, schema_editor):
    MonthlyCount = apps.get_model("crime", "MonthlyCount")
    MonthCoverage = apps.get_model("crime", "MonthCoverage")
    CountBlock = apps.get_model("crime", "CountBlock")
    in_force = {}
    for release, month in MonthCoverage.objects.values_list("release_id", "month"):
        in_force.setdefault(release, []).append(month)
    for block in CountBlock.objects.filter(release__in=list(in_force)).select_related("release"):
        area_ids = block.release.area_ids
        grid = np.frombuffer(zlib.decompress(block.counts), dtype=DTYPE).reshape(len(area_ids), -1)
        first = month_index(block.release.first_month)
        MonthlyCount.objects.bulk_create(
            MonthlyCount(
                area_id=area_ids[a],
                category_id=block.category_id,
                month=month,
                count=int(grid[a, column]),
                release_id=block.release_id,
            )
            for month in in_force[block.release_id]
            for column in [month_index(month) - first]
            for a in np.nonzero(grid[:, column])[0].tolist()
        )


class Migration(migrations.Migration):
    dependencies = [
        ("crime", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="CountBlock",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "counts",
                    models.BinaryField(
                        help_text="Little-endian 32-bit whole numbers, areas x months, zlib-compressed."
                    ),
                ),
                (
                    "category",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT, related_name="blocks", to="crime.crimecategory"
                    ),
                ),
                (
                    "release",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="blocks", to="crime.release"
                    ),
                ),
            ],
            options={
                "ordering": ["release", "category"],
                "constraints": [models.UniqueConstraint(fields=("release", "category"), name="count_block_unique")],
            },
        ),
        migrations.AddField(
            model_name="release",
            name="area_ids",
            field=models.JSONField(default=list, help_text="The areas of its count blocks' rows, in order."),
        ),
        migrations.AlterField(
            model_name="release",
            name="counts_written",
            field=models.PositiveIntegerField(default=0, help_text="Non-zero counts in the months it covers."),
        ),
        migrations.RunPython(rows_to_blocks, blocks_to_rows),
        migrations.DeleteModel(name="MonthlyCount"),
    ]
