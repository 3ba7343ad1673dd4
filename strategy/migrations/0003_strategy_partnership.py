"""Every board and strategy belongs to a partnership. A database made before partnerships existed gets one,
named from its first board ("Safer X Partnership Board" -> "Safer X Partnership"), that officers can rename."""

from django.db import migrations, models
from django.utils.text import slugify


def adopt(apps, schema_editor):
    Partnership = apps.get_model("sbp", "Partnership")
    rows = apps.get_model("strategy", "Strategy").objects.filter(partnership=None)
    if not rows.exists():
        return
    partnership = Partnership.objects.order_by("pk").first()
    if partnership is None:
        first = apps.get_model("boards", "Board").objects.order_by("pk").first()
        name = first.name.removesuffix(" Board") if first else "Community Safety Partnership"
        partnership = Partnership.objects.create(name=name, slug=slugify(name)[:100])
    rows.update(partnership=partnership)


class Migration(migrations.Migration):
    dependencies = [("strategy", "0002_versions"), ("boards", "0006_board_partnership")]

    operations = [
        migrations.AddField(
            model_name="strategy",
            name="partnership",
            field=models.ForeignKey(
                null=True, on_delete=models.deletion.PROTECT, related_name="strategies", to="sbp.partnership"
            ),
        ),
        migrations.RunPython(adopt, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="strategy",
            name="partnership",
            field=models.ForeignKey(on_delete=models.deletion.PROTECT, related_name="strategies", to="sbp.partnership"),
        ),
    ]
