from django.db import migrations

from boards import search_schema


class RebuildIndex(migrations.RunSQL):
    """Drop the full-text index, its view and triggers, and create them again from boards/search_schema.py, in the
    migrating database's dialect: the index is read again from the rows it comes from, so nothing is lost."""

    def __init__(self):
        super().__init__(sql=[], reverse_sql=[])

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        vendor = schema_editor.connection.vendor
        for statement in [*search_schema.drop_statements(vendor), *search_schema.statements(vendor)]:
            schema_editor.execute(statement, params=None)

    database_backwards = database_forwards  # the schema before this had the same tables, less AUTOINCREMENT

    def describe(self):
        return "Rebuild the full-text index so that an entry's rowid is never given again (SQLite AUTOINCREMENT)"


class Migration(migrations.Migration):
    dependencies = [
        ("boards", "0011_search"),
    ]

    operations = [RebuildIndex()]
