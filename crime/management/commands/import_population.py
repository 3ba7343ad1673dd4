"""python manage.py import_population FILE: ONS mid-year estimates for the 32 London boroughs."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from crime import importer, ons_csv
from crime.mps_csv import ImportProblem


class Command(BaseCommand):
    help = "Import ONS mid-year population estimates for London boroughs."
    # The system checks would load every URL and view, and with them WeasyPrint: seconds before a file is read.
    # An import needs none of them; `manage.py check` (make check) and runserver run them.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--mid-year", type=int, help="For a one-year file whose name does not say the year.")

    def handle(self, *args, file, mid_year, **options):
        try:
            population = ons_csv.read(file.read_bytes(), file.name, mid_year)
        except ImportProblem as problem:
            raise CommandError(f"{problem} Nothing was imported.") from problem
        saved = importer.import_population(population)
        self.stdout.write(f"{file.name}: {saved} borough-years from '{population.source}'.")
