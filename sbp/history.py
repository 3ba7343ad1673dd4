"""Readable change history from django-simple-history: who changed what, when, from what to what."""

from contextlib import contextmanager
from dataclasses import dataclass

KINDS = {"+": "Created", "~": "Changed", "-": "Deleted"}


@dataclass(frozen=True)
class Change:
    field: str
    old: object
    new: object


@dataclass(frozen=True)
class Entry:
    when: object
    who: object
    kind: str
    changes: list
    what: str = ""  # the row itself, for histories of several rows


def history_of(obj, limit=50):
    """Newest first. Each entry lists the fields that changed against the version before it."""
    records = list(obj.history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1])
    entries = []
    for record, older in zip(records, [*records[1:], None], strict=False):
        changes = []
        if older is not None:
            delta = record.diff_against(older, excluded_fields=["version"])
            changes = [Change(verbose_name(obj, c.field), c.old, c.new) for c in delta.changes]
        entries.append(Entry(record.history_date, record.history_user, KINDS[record.history_type], changes))
    return entries[:limit]


def history_of_rows(model, limit=50, **filters):
    """Newest first, the records of every row matching `filters`, deleted ones included: what each row was."""
    records = model.history.filter(**filters).select_related("history_user").order_by("-history_date", "-history_id")
    return [
        Entry(record.history_date, record.history_user, KINDS[record.history_type], [], str(record.instance))
        for record in records[:limit]
    ]


def verbose_name(obj, field):
    return obj._meta.get_field(field).verbose_name


@contextmanager
def recorded_once(*models):
    """For bulk loads: one 'created' record per row, however many times the load runs.

    django-simple-history skips an instance that has `skip_history_when_saving`; setting it on the class
    covers the rows update_or_create makes. Rows that still have no history then get their first record.
    """
    for model in models:
        model.skip_history_when_saving = True
    try:
        yield
    finally:
        for model in models:
            del model.skip_history_when_saving
    for model in models:
        unrecorded = model.objects.exclude(pk__in=model.history.values("id"))
        model.history.bulk_history_create(list(unrecorded), default_change_reason="Loaded from the demo data")
