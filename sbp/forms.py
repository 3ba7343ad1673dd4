"""Forms for the directory (people, organisations, a partnership's partners), for inviting people to an account,
and the one people fill in themselves: which emails they receive. Each validates next to the field and keeps what
was typed; edits are versioned (sbp/locking.py)."""

from django import forms
from django.conf import settings
from django.contrib.auth.forms import PasswordResetForm
from django.db import transaction
from django.template.loader import render_to_string

from sbp import invitations, outbox
from sbp.locking import VersionedModelForm
from sbp.models import EmailPreference, MessageKind, Organisation, PartnerOrganisation, Partnership, Person
from sbp.roles import RoleName


class PartnershipForm(VersionedModelForm):
    class Meta:
        model = Partnership
        fields = ["name", "short_name"]


class OrganisationForm(VersionedModelForm):
    class Meta:
        model = Organisation
        fields = ["name", "short_name", "sector", "statutory"]
        labels = {"sector": "Kind of organisation", "statutory": "Statutory partner"}

    def clean_name(self):
        """The directory has each organisation once, whatever its capitals (a database constraint too)."""
        name = self.cleaned_data["name"].strip()
        if Organisation.objects.filter(name__iexact=name).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError("An organisation with this name is already in the directory.")
        return name


class PersonForm(VersionedModelForm):
    class Meta:
        model = Person
        fields = ["name", "honorific", "job_title", "organisation", "email", "phone", "initials"]

    def clean_email(self):
        email = self.cleaned_data["email"].strip()
        if email and Person.objects.filter(email__iexact=email).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError("Another person in the directory has this email address.")
        return email

    def clean(self):
        cleaned = super().clean()
        name, organisation = cleaned.get("name"), cleaned.get("organisation")
        same = Person.objects.filter(name=name, organisation=organisation).exclude(pk=self.instance.pk)
        if name and same.exists():
            self.add_error("name", "A person of this name is already in the directory for that organisation.")
        return cleaned


class PartnerOrganisationForm(VersionedModelForm):
    class Meta:
        model = PartnerOrganisation
        fields = ["organisation", "lead_contact"]

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.partnership = partnership
        if self.instance.pk:  # the partner stays the same organisation; only its lead contact changes
            del self.fields["organisation"]

    def clean_organisation(self):
        organisation = self.cleaned_data["organisation"]
        if self.instance.partnership.partners.filter(organisation=organisation).exists():
            raise forms.ValidationError("This organisation is already a partner.")
        return organisation


class InvitationForm(forms.Form):
    email = forms.EmailField(help_text="The invitation is sent here, and it becomes their username.")
    name = forms.CharField(
        max_length=150, required=False, help_text="Needed when the person is not yet in the directory."
    )
    organisation = forms.ModelChoiceField(Organisation.objects.all(), required=False)
    role = forms.ChoiceField(choices=RoleName.choices, widget=forms.RadioSelect)

    def __init__(self, *args, inviter=None, partnership=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.inviter = inviter
        if inviter is not None:
            self.fields["role"].choices = invitations.grantable_roles(inviter, partnership)

    def clean_email(self):
        email = self.cleaned_data["email"].strip()
        clash = invitations.account_clash(email)
        if self.inviter is not None and email.lower() == (self.inviter.email or "").lower():
            clash = "You cannot invite yourself: ask another officer."
        if clash:
            raise forms.ValidationError(clash)
        return email

    def clean(self):
        cleaned = super().clean()
        email, name = cleaned.get("email"), cleaned.get("name")
        if not email or Person.objects.filter(email__iexact=email).exists():
            return cleaned
        if not name:
            self.add_error("name", "Enter their name: nobody in the directory has this email address.")
        elif Person.objects.filter(name=name, organisation=cleaned.get("organisation")).exists():
            self.add_error("name", "A person of this name is in the directory without this email: add it there.")
        return cleaned


class EmailPreferencesForm(forms.Form):
    kinds = forms.MultipleChoiceField(
        choices=outbox.OPTIONAL,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label="Emails you receive",
        help_text="Untick the ones you do not want.",
    )

    def __init__(self, *args, person, **kwargs):
        super().__init__(*args, **kwargs)
        self.person = person
        off = set(EmailPreference.objects.filter(person=person, receives=False).values_list("kind", flat=True))
        self.fields["kinds"].initial = [kind for kind, _ in outbox.OPTIONAL if kind not in off]

    @transaction.atomic
    def save(self):
        """Records a choice for every kind, so history shows each change; the whole set is what they ticked."""
        chosen = set(self.cleaned_data["kinds"])
        for kind, _ in outbox.OPTIONAL:
            EmailPreference.objects.update_or_create(
                person=self.person, kind=kind, defaults={"receives": kind in chosen}
            )


class OutboxPasswordResetForm(PasswordResetForm):
    """Django's password reset, its email sent through the outbox like every other (sbp/outbox.py)."""

    def send_mail(self, subject_template_name, email_template_name, context, from_email, to_email, **_html):
        # The link carries the site's configured address, as every email's does, never the Host the request named.
        context = {**context, "site_url": settings.SITE_URL}
        subject = "".join(render_to_string(subject_template_name, context).splitlines())
        user = context["user"]
        person = getattr(user, "person", None)
        # Only to the address Django matched on the account: a directory email is editable by other officers, so
        # a person's is used (for the preferences footer) only when it is the same address.
        if person is None or person.email.lower() != to_email.lower():
            person = None
        roles = user.partnership_roles.order_by("pk").first()
        outbox.send(
            to=person or to_email, subject=subject, body=render_to_string(email_template_name, context),
            kind=MessageKind.PASSWORD_RESET, partnership=roles and roles.partnership_id,
        )  # fmt: skip
