"""python manage.py import_lookup FILE: the ONS LSOA to ward to district lookup, as areas, all or nothing."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from crime import lookup_csv, lookups
from crime.mps_csv import ImportProblem


class Command(BaseCommand):
    help = "Import an ONS LSOA to ward to local authority district lookup (e.g. LSOA11_WD19_LAD19_EW_LU.csv)."
    # As import_crime: the system checks would load every view and WeasyPrint before the file is read.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, file, **options):
        try:
            result = lookups.import_lookup(lookup_csv.read(file.read_bytes(), file.name))
        except ImportProblem as problem:
            raise CommandError(f"{problem} Nothing was imported.") from problem
        except OSError as error:
            raise CommandError(f"{file}: cannot be read ({error.strerror}).") from error
        self.stdout.write(result.describe())
