"""python manage.py import_population FILE...: ONS population estimates and census counts for any district."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from crime import importer, population_files
from crime.mps_csv import ImportProblem


class Command(BaseCommand):
    help = (
        "Import district populations: ONS mid-year estimates (the MPS boroughs' CSVs, ONS's xlsx or long CSV for any "
        "district) and Census 2011/2021 counts. Every file is read before anything is written, in one transaction."
    )
    # The system checks would load every URL and view, and with them WeasyPrint: seconds before a file is read.
    # An import needs none of them; `manage.py check` (make check) and runserver run them.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, nargs="+")
        parser.add_argument("--mid-year", type=int, help="For a one-year file whose name does not say the year.")

    def handle(self, *args, file, mid_year, **options):
        try:
            raws = [path.read_bytes() for path in file]
        except OSError as error:
            raise CommandError(f"{error}. Nothing was imported.") from error
        try:
            populations = [
                population_files.read(raw, path.name, mid_year) for raw, path in zip(raws, file, strict=True)
            ]
            saved = importer.import_population(*populations)
        except ImportProblem as problem:
            raise CommandError(f"{problem} Nothing was imported.") from problem
        for population in populations:
            self.stdout.write(f"{population.name}: {len(population.rows)} district figures from '{population.source}'.")
        self.stdout.write(f"{saved} figures new or changed; any others were stored already.")
