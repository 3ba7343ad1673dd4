"""The partnership directory: the organisations and people every app refers to.

It lives in `sbp` rather than `boards` so that `strategy` (partner returns) and `boards` can both point at
the same organisation without `strategy` importing `boards` (docs/decisions/0002-directory-in-sbp.md).
"""

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from simple_history.models import HistoricalRecords

from sbp.locking import VersionedModel
from sbp.roles import RoleName


class SourcedModel(models.Model):
    """A record that may have been copied from a published document: says where, so it can be checked."""

    source_ref = models.CharField(
        "source",
        max_length=200,
        blank=True,
        help_text="Where this was copied from, e.g. 'Agenda pack 17 June 2021, p. 15'.",
    )

    class Meta:
        abstract = True


class Partnership(VersionedModel):
    """A community safety partnership: it owns its boards, its strategy, its area and its figures' settings,
    and people hold their roles in it (organisations and people are shared by every partnership)."""

    name = models.CharField(max_length=200, unique=True, help_text="e.g. Charnwood Community Safety Partnership.")
    slug = models.SlugField(max_length=100, unique=True)
    short_name = models.CharField(max_length=30, blank=True, help_text="As printed in papers, e.g. SBP.")

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Organisation(VersionedModel):
    class Sector(models.TextChoices):
        COUNCIL = "council", "Local authority"
        POLICE = "police", "Police"
        FIRE = "fire", "Fire and rescue"
        AMBULANCE = "ambulance", "Ambulance"
        HEALTH = "health", "Health"
        PROBATION = "probation", "Probation"
        HOUSING = "housing", "Housing"
        POLICING_BODY = "policing_body", "Policing body"
        VOLUNTARY = "voluntary", "Voluntary and community"
        OTHER = "other", "Other"

    name = models.CharField(max_length=200)
    short_name = models.CharField(max_length=30, blank=True, help_text="As printed in papers, e.g. LBB, MPS.")
    sector = models.CharField(max_length=20, choices=Sector.choices, default=Sector.OTHER)
    statutory = models.BooleanField(
        default=False, help_text="A responsible authority under the Crime and Disorder Act 1998."
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(Lower("name"), name="organisation_name_unique_ci"),
        ]

    def __str__(self):
        return self.name


class Person(SourcedModel, VersionedModel):
    name = models.CharField(max_length=150, help_text="Full name as printed, e.g. Joanne Stowell.")
    honorific = models.CharField(
        max_length=50,
        blank=True,
        help_text="Rank or style printed before the name, e.g. Councillor, Inspector.",
    )
    job_title = models.CharField(max_length=200, blank=True)
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="people"
    )
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=30, blank=True)
    initials = models.CharField(max_length=8, blank=True, help_text="As printed in the Action column, e.g. JS.")
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="person"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"
        constraints = [
            models.UniqueConstraint(Lower("email"), condition=~models.Q(email=""), name="person_email_unique_ci"),
            models.UniqueConstraint(fields=["name", "organisation"], name="person_name_organisation_unique"),
        ]

    def __str__(self):
        return self.name

    @property
    def printed_name(self):
        """As papers print it: "Cllr Kate Lymer", "Joanne Stowell"."""
        return f"{self.honorific} {self.name}" if self.honorific else self.name


class DataVersion(models.Model):
    """One row whose token changes whenever the record changes (sbp/data_version.py says why)."""

    token = models.CharField(max_length=32)

    def __str__(self):
        return self.token


class DrawnChart(models.Model):
    """A chart's SVG as kaleido drew it, by the sha256 of what was drawn: a chart is drawn once, not once per
    process, so a pack build whose figures are unchanged needs no browser (sbp/charts.py)."""

    key = models.CharField(max_length=64, unique=True)
    svg = models.TextField()

    def __str__(self):
        return self.key


class PartnerOrganisation(VersionedModel):
    """An organisation a partnership works with, and the person who leads for it there: returns are chased from
    the lead contact, and organisations are shared (one police force serves many partnerships), so the lead is
    the partnership's choice, not the organisation's."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="partners")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="partnerships")
    lead_contact = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="leads_for",
        help_text="Receives the reminders for this organisation's quarterly returns.",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["partnership", "organisation"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "organisation"], name="partner_organisation_unique"),
        ]

    def __str__(self):
        return f"{self.organisation}, partner of {self.partnership}"


class PartnershipRole(models.Model):
    """A role a user holds in one partnership (docs/decisions/0018-roles-per-partnership.md): an officer of one
    partnership is nobody in another. Superusers hold every role everywhere without rows here."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="partnership_roles")
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(max_length=30, choices=RoleName.choices)

    class Meta:
        ordering = ["partnership", "user", "role"]
        constraints = [
            models.UniqueConstraint(fields=["user", "partnership", "role"], name="partnership_role_unique"),
        ]

    def __str__(self):
        return f"{self.user} ({self.role}), {self.partnership}"


class MessageKind(models.TextChoices):
    """What an email is about: each person chooses which kinds they receive (EmailPreference)."""

    AGENDA_PUBLISHED = "agenda_published", "An agenda is published"
    MINUTES_CIRCULATED = "minutes_circulated", "Draft minutes are circulated for comment"
    ACTION_ASSIGNED = "action_assigned", "An action is assigned to you"
    ACTIONS_DIGEST = "actions_digest", "Weekly list of your actions due soon or overdue"
    PARTNER_ACTIONS_DIGEST = "partner_actions_digest", "Weekly list of your organisation's actions, as lead contact"
    RETURN_DUE = "return_due", "Your organisation's quarterly return is due or overdue"
    PACK_FAILED = "pack_failed", "An agenda pack could not be built"
    MEETING_CALLED_OFF = "meeting_called_off", "A meeting is cancelled or postponed"
    # Sent whatever the person's choices (sbp/outbox.py ALWAYS_SENT): they are how a person gets into the site.
    INVITATION = "invitation", "An invitation to an account"
    PASSWORD_RESET = "password_reset", "A link to set a new password"


class OutboxMessage(models.Model):
    """Every email the site sends, written in the transaction that caused it and delivered by a background task
    (sbp/outbox.py): what was sent to whom, when, and why it failed if it did."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"

    to = models.EmailField()
    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    subject = models.CharField(max_length=300)
    body = models.TextField()
    kind = models.CharField(max_length=30, choices=MessageKind.choices)
    # Whose outbox shows it; blank for a password reset of an account in no partnership (superusers see those).
    partnership = models.ForeignKey(Partnership, null=True, blank=True, on_delete=models.CASCADE, related_name="outbox")
    created_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    error = models.TextField(blank=True)
    # Names the occasion (`actions-digest:<person>:<ISO week>`): a second message for it is refused, so a reminder
    # run repeated sends nothing twice. Null for messages that need no such guard.
    key = models.CharField(max_length=200, null=True, blank=True, unique=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="sent") | models.Q(sent_at__isnull=False), name="outbox_sent_has_time"
            ),
        ]

    def __str__(self):
        return f"{self.subject} to {self.to} ({self.get_status_display()})"


class EmailPreference(models.Model):
    """A person's choice not to receive (or again to receive) one kind of email. No row means yes: every kind is
    on until its person turns it off."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="email_preferences")
    kind = models.CharField(max_length=30, choices=MessageKind.choices)
    receives = models.BooleanField(default=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["person", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["person", "kind"], name="email_preference_one_per_kind"),
        ]

    def __str__(self):
        return f"{self.person}: {self.get_kind_display()} {'on' if self.receives else 'off'}"


class Invitation(models.Model):
    """An officer's invitation to a person to hold a role in a partnership: the account is made (unusable password)
    when it is sent, and the role is given when the person sets a password through the emailed link
    (sbp/invitations.py; docs/decisions/0021-people-and-accounts-in-the-app.md)."""

    email = models.EmailField()
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="invitations")
    role = models.CharField(max_length=30, choices=RoleName.choices)
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="invitations")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="invitations")
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="invitations_sent"
    )
    sent_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-sent_at"]

    def __str__(self):
        return f"{self.email} as {self.role}, {self.partnership}"
