"""manage.py backup FILE: the database and the media files in one checked .tar.gz (sbp/backup.py)."""

from django.core.management.base import BaseCommand, CommandError

from sbp import backup


class Command(BaseCommand):
    help = "Write every table and every media file (papers, packs) to one .tar.gz with a checksummed manifest."

    def add_arguments(self, parser):
        parser.add_argument("file", help="Where to write the backup, e.g. /var/backups/sbp/2026-12-01.tar.gz")

    def handle(self, *args, **options):
        try:
            summary = backup.write(options["file"])
        except (backup.BackupError, OSError) as error:
            raise CommandError(error) from error
        self.stdout.write(
            f"Backed up {summary.rows} rows in {summary.tables} tables and {summary.files} media files "
            f"({summary.bytes / 1e6:.1f} MB) to {options['file']}."
        )
