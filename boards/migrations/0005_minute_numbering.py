"""Minute numbers unique per board and numbering year: each minute gets its board and year (0: every existing
board numbers continuously until an officer says otherwise), and numbers that already clashed within a board
(the bug this fixes) get the next free suffix letter, so the constraint can hold."""

import string

import django.db.models.deletion
from django.db import migrations, models


def fill(apps, schema_editor):
    Minute = apps.get_model("boards", "Minute")
    taken = set()
    for minute in Minute.objects.select_related("meeting").order_by("meeting__starts_at", "number", "suffix", "pk"):
        minute.board_id, minute.numbering_year = minute.meeting.board_id, 0
        key = (minute.board_id, minute.number)
        if (key, minute.suffix) in taken:
            minute.suffix = next(letter for letter in string.ascii_lowercase if (key, letter) not in taken)
        taken.add((key, minute.suffix))
        minute.save(update_fields=["board", "numbering_year", "suffix"])


class Migration(migrations.Migration):
    dependencies = [
        ("boards", "0004_versions"),
        ("sbp", "0001_initial"),
        ("strategy", "0002_versions"),
    ]

    operations = [
        migrations.AddField(
            model_name="board",
            name="minute_numbering",
            field=models.CharField(
                choices=[
                    ("continuous", "Continuous from one meeting to the next"),
                    ("municipal_year", "Restarting at 1 each municipal year"),
                ],
                default="continuous",
                max_length=20,
            ),
        ),
        migrations.AddField(
            model_name="board",
            name="municipal_year_starts",
            field=models.PositiveSmallIntegerField(
                default=5, help_text="The month the municipal year starts (5 = May), when numbering restarts each year."
            ),
        ),
        migrations.AddField(
            model_name="historicalminute",
            name="board",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="boards.board",
            ),
        ),
        migrations.AddField(
            model_name="historicalminute",
            name="numbering_year",
            field=models.PositiveSmallIntegerField(
                default=0,
                editable=False,
                help_text="The municipal year its number belongs to (its start year), or 0 if continuous.",
            ),
        ),
        migrations.AddField(
            model_name="minute",
            name="board",
            field=models.ForeignKey(
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="boards.board",
            ),
        ),
        migrations.AddField(
            model_name="minute",
            name="numbering_year",
            field=models.PositiveSmallIntegerField(
                default=0,
                editable=False,
                help_text="The municipal year its number belongs to (its start year), or 0 if continuous.",
            ),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="minute",
            name="board",
            field=models.ForeignKey(
                editable=False, on_delete=django.db.models.deletion.CASCADE, related_name="+", to="boards.board"
            ),
        ),
        migrations.AlterField(
            model_name="minute",
            name="numbering_year",
            field=models.PositiveSmallIntegerField(
                editable=False,
                help_text="The municipal year its number belongs to (its start year), or 0 if continuous.",
            ),
        ),
        migrations.AlterField(
            model_name="historicalminute",
            name="numbering_year",
            field=models.PositiveSmallIntegerField(
                editable=False,
                help_text="The municipal year its number belongs to (its start year), or 0 if continuous.",
            ),
        ),
        migrations.AddConstraint(
            model_name="board",
            constraint=models.CheckConstraint(
                condition=models.Q(("municipal_year_starts__range", (1, 12))), name="board_municipal_year_month"
            ),
        ),
        migrations.AddConstraint(
            model_name="minute",
            constraint=models.UniqueConstraint(
                fields=("board", "numbering_year", "number", "suffix"), name="minute_number_unique_per_board_year"
            ),
        ),
    ]
