from django.db import migrations

from boards import search_schema


class Migration(migrations.Migration):
    dependencies = [
        ("boards", "0011_search"),
    ]

    operations = [
        search_schema.RebuildIndex(
            "Rebuild the full-text index so that an entry's rowid is never given again (SQLite AUTOINCREMENT)"
        )
    ]
