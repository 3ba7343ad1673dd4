"""Releases know when they were published, and each month's coverage follows the latest publication (ADR 0010).

Existing releases get the date inferred from their name and months, and coverage is recomputed by the new
rule. The rules are copied here as they stand today, so that this migration means the same thing later.
"""

import re

from django.db import migrations, models

HISTORICAL_NAME = re.compile(r"histor", re.IGNORECASE)
RECENT_NAME = re.compile(r"most[ _-]*recent|recent[ _-]*24", re.IGNORECASE)


def months_between(first, last):
    return (last.year - first.year) * 12 + last.month - first.month


def month_after(month, count):
    position = month.year * 12 + month.month - 1 + count
    return month.replace(year=position // 12, month=position % 12 + 1, day=1)


def inferred_publication(release):
    historical, recent = bool(HISTORICAL_NAME.search(release.file_name)), bool(RECENT_NAME.search(release.file_name))
    if historical == recent:
        historical = months_between(release.first_month, release.last_month) + 1 > 24
    return month_after(release.last_month, 25 if historical else 1)


def infer_and_recover(apps, schema_editor):
    Release = apps.get_model("crime", "Release")
    for release in Release.objects.all():
        release.published_on = inferred_publication(release)
        release.save(update_fields=["published_on"])
    recompute_coverage(apps, ["published_on", "imported_at", "pk"])


def back_to_last_month(apps, schema_editor):
    """Going back, coverage follows the old rule again: the later last month, then the later import."""
    recompute_coverage(apps, ["last_month", "imported_at", "pk"])


def recompute_coverage(apps, order):
    """Each month from the last release in `order` that covers it, as crime.coverage.resolve does."""
    Release, MonthCoverage = apps.get_model("crime", "Release"), apps.get_model("crime", "MonthCoverage")
    for level in ("borough", "ward"):
        in_force = {}
        for release in Release.objects.filter(level=level, withdrawn_at=None).order_by(*order):
            for offset in range(months_between(release.first_month, release.last_month) + 1):
                in_force[month_after(release.first_month, offset)] = release.pk
        MonthCoverage.objects.filter(level=level).delete()
        MonthCoverage.objects.bulk_create(
            MonthCoverage(level=level, month=month, release_id=release) for month, release in in_force.items()
        )


class Migration(migrations.Migration):
    dependencies = [
        ("crime", "0005_versions"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="release",
            options={"ordering": ["-published_on", "-imported_at"]},
        ),
        migrations.AddField(
            model_name="release",
            name="version",
            field=models.PositiveIntegerField(default=1, editable=False),
        ),
        migrations.AddField(
            model_name="release",
            name="publication_basis",
            field=models.CharField(
                choices=[
                    ("inferred", "Inferred from its months"),
                    ("file", "The file's Refreshed Date"),
                    ("officer", "Set by an officer"),
                ],
                default="inferred",
                max_length=10,
            ),
        ),
        migrations.AddField(
            model_name="release",
            name="published_on",
            field=models.DateField(null=True),
        ),
        migrations.RunPython(infer_and_recover, back_to_last_month),
        migrations.AlterField(
            model_name="release",
            name="published_on",
            field=models.DateField(help_text="When the MPS published the file; the latest publication wins."),
        ),
    ]
