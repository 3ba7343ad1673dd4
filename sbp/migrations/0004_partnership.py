from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("sbp", "0003_drawn_chart")]

    operations = [
        migrations.CreateModel(
            name="Partnership",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "name",
                    models.CharField(
                        help_text="e.g. Charnwood Community Safety Partnership.", max_length=200, unique=True
                    ),
                ),
                ("slug", models.SlugField(max_length=100, unique=True)),
                (
                    "short_name",
                    models.CharField(blank=True, help_text="As printed in papers, e.g. SBP.", max_length=30),
                ),
            ],
            options={"ordering": ["name"]},
        ),
    ]
