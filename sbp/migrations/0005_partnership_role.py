"""Roles are held in a partnership (docs/decisions/0018-roles-per-partnership.md). Everyone in a role's group
becomes that role in the partnership that exists. A database with several partnerships (none do yet: they came
in one migration earlier) gives the role in each, as the group did; officers then remove the roles that do not
belong. The groups are left in place, unread, so that this migration can be undone without losing anyone's role.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

ROLES = ("Officer", "Democratic Services", "Board Member", "Partner")


def roles_from_groups(apps, schema_editor):
    PartnershipRole = apps.get_model("sbp", "PartnershipRole")
    partnerships = list(apps.get_model("sbp", "Partnership").objects.all())
    members = apps.get_model("auth", "User").groups.through.objects.filter(group__name__in=ROLES)
    PartnershipRole.objects.bulk_create(
        [
            PartnershipRole(user_id=user_id, partnership=partnership, role=role)
            for user_id, role in members.values_list("user_id", "group__name")
            for partnership in partnerships
        ],
        ignore_conflicts=True,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("sbp", "0004_partnership"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("auth", "0012_alter_user_first_name_max_length"),
        # The partnership that existing boards joined is made there, when there was none.
        ("boards", "0006_board_partnership"),
        ("strategy", "0003_strategy_partnership"),
    ]

    operations = [
        migrations.CreateModel(
            name="PartnershipRole",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "role",
                    models.CharField(
                        choices=[
                            ("Officer", "Officer"),
                            ("Democratic Services", "Democratic Services"),
                            ("Board Member", "Board Member"),
                            ("Partner", "Partner"),
                        ],
                        max_length=30,
                    ),
                ),
                (
                    "partnership",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="roles", to="sbp.partnership"
                    ),
                ),
                (
                    "user",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="partnership_roles",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "ordering": ["partnership", "user", "role"],
                "constraints": [
                    models.UniqueConstraint(fields=("user", "partnership", "role"), name="partnership_role_unique")
                ],
            },
        ),
        migrations.RunPython(roles_from_groups, migrations.RunPython.noop),
    ]
