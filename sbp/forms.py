"""The one form of the directory people fill in themselves: which emails they receive."""

from django import forms
from django.db import transaction

from sbp.models import EmailPreference, MessageKind


class EmailPreferencesForm(forms.Form):
    kinds = forms.MultipleChoiceField(
        choices=MessageKind.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label="Emails you receive",
        help_text="Untick the ones you do not want.",
    )

    def __init__(self, *args, person, **kwargs):
        super().__init__(*args, **kwargs)
        self.person = person
        off = set(EmailPreference.objects.filter(person=person, receives=False).values_list("kind", flat=True))
        self.fields["kinds"].initial = [kind for kind in MessageKind.values if kind not in off]

    @transaction.atomic
    def save(self):
        """Records a choice for every kind, so history shows each change; the whole set is what they ticked."""
        chosen = set(self.cleaned_data["kinds"])
        for kind in MessageKind.values:
            EmailPreference.objects.update_or_create(
                person=self.person, kind=kind, defaults={"receives": kind in chosen}
            )
