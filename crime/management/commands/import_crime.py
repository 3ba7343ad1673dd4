"""python manage.py import_crime FILE [FILE ...]: import MPS borough or ward files and police.uk street files or
zips of them (recognised by header or zip), each all or nothing."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from crime import importer, mps_csv


class Command(BaseCommand):
    help = (
        "Import MPS recorded crime CSV files (any layout, borough or ward level) and police.uk street-level files "
        "(YYYY-MM-<force>-street.csv, or a zip of them; import the ONS lookup first with import_lookup)."
    )
    # The system checks would load every URL and view, and with them WeasyPrint: seconds before a file is read.
    # An import needs none of them; `manage.py check` (make check) and runserver run them.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", type=Path)
        parser.add_argument(
            "--ward-vintage",
            type=int,
            choices=[2014, 2022],
            help="Ward boundaries of a ward file (default: from its ward codes).",
        )

    def handle(self, *args, files, ward_vintage, **options):
        for path in files:
            try:
                result = importer.import_upload(path.read_bytes(), path.name, None, timezone.now(), ward_vintage)
            except mps_csv.ImportProblem as problem:
                raise CommandError(f"{problem} Nothing was imported from this file.") from problem
            except OSError as error:
                raise CommandError(f"{path}: cannot be read ({error.strerror}).") from error
            self.stdout.write(result.describe())
