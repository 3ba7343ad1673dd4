"""Merge the full-text index into as few parts as it can be read from (boards/search_schema.py: upkeep_statements).
Run it nightly from cron, beside the backup: searches read an index built by a day's saves in a few parts, not in
the dozens of parts years of saves would leave. It changes no entry, so a search during it finds the same."""

from django.core.management.base import BaseCommand
from django.db import connection, transaction

from boards import search_schema


class Command(BaseCommand):
    help = "Merge the full-text search index's parts (nightly upkeep; safe while the site runs)."

    def handle(self, *args, **options):
        with transaction.atomic(), connection.cursor() as cursor:
            for statement in search_schema.upkeep_statements(connection.vendor):
                cursor.execute(statement)
        self.stdout.write("The search index is merged.")
