"""A token that changes whenever anything recorded changes, so caches of work derived from the record (the
dashboard's figures, a pack's fingerprint) are keyed by it and can never outlive the data they were made from.

One mechanism for every writer: a receiver on every model of our apps (forms, the admin, imports, the demo),
and an explicit `changed()` only where a bulk write bypasses model signals. The token is random and written in
the writer's transaction, so a rolled-back change also rolls the token back to one whose caches are still true.
See docs/decisions/0016-caches-keyed-by-a-data-version.md.
"""

import uuid

from django.apps import apps
from django.db.models.signals import post_delete, post_save

from sbp.models import DataVersion

APPS = ("sbp", "crime", "strategy", "boards")
# Rows that record work derived from the data, not the data itself: writing them must not invalidate it.
# The outbox is the record of emails sent about the data, which no cached page shows.
DERIVED = {"sbp.dataversion", "sbp.drawnchart", "boards.packbuild", "sbp.outboxmessage"}


def current():
    """The token now, in one query (a fresh one when the table is empty, e.g. after a flush)."""
    return DataVersion.objects.values_list("token", flat=True).first() or changed()


def changed(**_signal):
    """Record that the data changed; returns the new token."""
    token = uuid.uuid4().hex
    if not DataVersion.objects.filter(pk=1).update(token=token):
        DataVersion.objects.bulk_create([DataVersion(pk=1, token=token)], ignore_conflicts=True)
        DataVersion.objects.filter(pk=1).update(token=token)
    return token


def is_watched(model):
    """Our apps' models but the derived ones and simple_history's copies: a history row is written beside the
    save of its own row, which already changed the token, so watching both wrote the token twice per save."""
    history_copy = hasattr(model, "instance_type")  # what simple_history sets on the models it generates
    return model._meta.app_label in APPS and model._meta.label_lower not in DERIVED and not history_copy


def watch():
    """Connect `changed` to every watched model (called once, from SbpConfig.ready)."""
    for model in apps.get_models():
        if is_watched(model):
            post_save.connect(changed, sender=model, dispatch_uid=f"data-version-save-{model._meta.label_lower}")
            post_delete.connect(changed, sender=model, dispatch_uid=f"data-version-delete-{model._meta.label_lower}")
