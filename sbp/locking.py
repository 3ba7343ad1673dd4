"""Optimistic locking for every edit form: a save names the version it was edited from, and a stale save is refused.

One mechanism for every kind of row (minutes, actions, agenda items, front sheets, returns, measures, ...): the
row carries a `version`; a form carries the version it was opened at; the save takes the next version with one
conditional UPDATE, so of two saves at once exactly one wins, on SQLite and PostgreSQL alike. The loser's form
is shown again with status 409, their typing kept and both versions side by side (`templates/sbp/_conflict.html`),
now based on the newer version so that saving again deliberately replaces it.
"""

from dataclasses import dataclass

from django import forms
from django.db import models, transaction
from django.db.models import F

CONFLICT_STATUS = 409


class VersionedModel(models.Model):
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        abstract = True


class EditConflict(Exception):
    """Someone saved the row after this edit began: the row as they saved it is in `current`."""

    def __init__(self, current):
        super().__init__("This was changed by someone else while you were editing it.")
        self.current = current


def claim(row, edited_version, field="version"):
    """Move `row` from `edited_version` to the next version, or raise EditConflict if it has moved on already.

    The UPDATE holds the row's write lock until the surrounding transaction ends, so the save that follows
    is the only one made from that version.
    """
    rows = type(row)._default_manager.filter(pk=row.pk, **{field: edited_version})
    if edited_version is None or not rows.update(**{field: F(field) + 1}):
        raise EditConflict(type(row)._default_manager.get(pk=row.pk))
    setattr(row, field, edited_version + 1)


def claim_for(form, row, field="version"):
    """Claim the row's next version for the form's save, from the version the form was opened at; if the row
    has moved on, the form shows the conflict and EditConflict is raised to undo the whole save."""
    try:
        claim(row, form.cleaned_data.get("version"), field)
    except EditConflict as error:
        form.show_conflict(error.current)
        raise


def saved(save_all):
    """Run `save_all` (which saves versioned forms) in one transaction: True if it stood, False if any row had
    moved on, in which case nothing was saved and the conflicting form shows both versions."""
    try:
        with transaction.atomic():
            save_all()
    except EditConflict:
        return False
    return True


@dataclass(frozen=True)
class Difference:
    label: str
    theirs: object
    yours: object


class VersionedModelForm(forms.ModelForm):
    """A ModelForm whose save refuses to overwrite a newer version of its row. Formsets of these check each row."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = self.instance.version
        self.conflict = None

    def save(self, commit=True):
        row = super().save(commit=False)
        if not commit:
            return row
        with transaction.atomic():
            if row.pk is not None:  # a new row has no earlier version to check
                claim_for(self, row)
            row.save()
            self._save_m2m()
        return row

    def show_conflict(self, current):
        """Keep what was typed, list where it differs from the saved row, and base the form on the saved version."""
        self.conflict = list(differences(self, current))
        self.data = self.data.copy()
        self.data[self.add_prefix("version")] = current.version


def differences(form, current):
    """The fields where the saved row and the typing differ, with choices in words."""
    names = {field.name for field in current._meta.concrete_fields} - {"version"}
    for name in form.fields:
        if name not in names:
            continue
        theirs, yours = getattr(current, name), form.cleaned_data.get(name)
        if theirs != yours and (theirs or yours):
            words = dict(current._meta.get_field(name).flatchoices)
            yield Difference(form[name].label, words.get(theirs, theirs), words.get(yours, yours))


def status(*forms_and_formsets):
    """409 when any form on the page was refused as stale, else 200."""
    for each in forms_and_formsets:
        for form in getattr(each, "forms", [each]):
            if getattr(form, "conflict", None) is not None:
                return CONFLICT_STATUS
    return 200
