from django.db import migrations

from boards import search_schema


class Migration(migrations.Migration):
    dependencies = [
        ("boards", "0014_pack_build_printed_figures"),
    ]

    operations = [
        search_schema.RebuildIndex(
            "Rebuild the full-text index: on PostgreSQL each text's words by pieces, for its snippets, and a GIN "
            "index without a pending list"
        )
    ]
