from django.db import migrations

from boards import search_schema


class Migration(migrations.Migration):
    dependencies = [
        ("boards", "0015_search_pieces"),
    ]

    operations = [
        search_schema.RebuildIndex(
            "Rebuild the full-text index with no piece inside the one before, and PostgreSQL's headline marking "
            "where a text goes on beyond its snippet"
        )
    ]
