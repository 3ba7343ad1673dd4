"""Every model registered in the admin lists and opens for an administrator (a broken admin is found here)."""

import pytest
from django.contrib import admin
from django.urls import reverse

pytestmark = pytest.mark.django_db

OURS = [model for model in admin.site._registry if model._meta.app_label in {"sbp", "boards", "crime", "strategy"}]


@pytest.mark.parametrize("model", OURS, ids=lambda model: model._meta.label)
def test_admin_lists_and_opens_each_model(client_for, model):
    client = client_for("admin")
    meta = model._meta
    listing = client.get(reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist"))
    assert listing.status_code == 200
    first = model.objects.first()
    if first is not None:
        change = client.get(reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[first.pk]))
        assert change.status_code == 200
        assert str(first) in change.content.decode() or meta.verbose_name in change.content.decode()


def test_an_administrator_gives_a_user_a_role_on_the_partnerships_page(client_for):
    from django.contrib.auth.models import User

    from sbp.models import Partnership
    from sbp.roles import RoleName, has_role
    from tests.conftest import BROMLEY, make_user

    client, partnership = client_for("admin"), Partnership.objects.get(slug=BROMLEY)
    clerk = make_user("test-new-clerk")
    url = reverse("admin:sbp_partnership_change", args=[partnership.pk])
    page = client.get(url).content.decode()
    assert "Partnership roles" in page
    held = partnership.roles.count()
    form = {
        "name": partnership.name,
        "slug": partnership.slug,
        "short_name": partnership.short_name,
        "roles-TOTAL_FORMS": held + 1,
        "roles-INITIAL_FORMS": held,
        "roles-MIN_NUM_FORMS": 0,
        "roles-MAX_NUM_FORMS": 1000,
        f"roles-{held}-user": clerk.pk,
        f"roles-{held}-role": RoleName.OFFICER,
    }
    for n, role in enumerate(partnership.roles.order_by("pk")):
        form |= {
            f"roles-{n}-id": role.pk,
            f"roles-{n}-user": role.user_id,
            f"roles-{n}-role": role.role,
            f"roles-{n}-partnership": partnership.pk,
        }
    assert client.post(url, form).status_code == 302
    assert has_role(User.objects.get(pk=clerk.pk), partnership, RoleName.OFFICER)
