"""manage.py restore FILE [--replace]: put a backup's database and media files back (sbp/backup.py)."""

from django.core.management.base import BaseCommand, CommandError

from sbp import backup


class Command(BaseCommand):
    help = (
        "Restore a backup made by `manage.py backup` into an empty, migrated database, after checking every "
        "file in it. Refuses a database or media folder holding data unless --replace is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="A backup written by `manage.py backup`.")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Replace the data and media files already here (all of them) with the backup's.",
        )

    def handle(self, *args, **options):
        try:
            summary = backup.restore(options["file"], replace=options["replace"])
        except backup.BackupError as error:
            raise CommandError(error) from error
        self.stdout.write(
            f"Restored {summary.rows} rows in {summary.tables} tables and {summary.files} media files "
            f"({summary.bytes / 1e6:.1f} MB) from {options['file']}."
        )
