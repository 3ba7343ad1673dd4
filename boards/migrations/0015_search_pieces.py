from django.db import migrations

from boards import search_schema


class Migration(migrations.Migration):
    dependencies = [
        ("boards", "0014_pack_build_printed_figures"),
    ]

    operations = [
        search_schema.RebuildIndex(
            "Rebuild the full-text index with each text's pieces, which its snippets are cut from, and on "
            "PostgreSQL a GIN index without a pending list"
        )
    ]
