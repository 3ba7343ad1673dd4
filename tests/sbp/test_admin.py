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
