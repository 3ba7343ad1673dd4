"""The partnership strategy (priorities, what we will tackle, how, how we will know) and partner returns."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from sbp.locking import VersionedModel
from sbp.models import Organisation, Partnership, Person, SourcedModel
from sbp.rag import Rag
from strategy.quarters import Quarter


class StrategyQuerySet(models.QuerySet):
    def in_force_on(self, day):
        """The strategies whose period covers `day` (both ends included)."""
        return self.filter(starts_on__lte=day, ends_on__gte=day)

    def overlapping(self, starts_on, ends_on):
        """The strategies whose period shares at least a day with starts_on..ends_on."""
        return self.filter(starts_on__lte=ends_on, ends_on__gte=starts_on)

    def shown_on(self, day):
        """The strategy a page shows on `day`: the one in force, else the latest that had started, else the
        first to come (a partnership drafting its first strategy)."""
        return (
            self.in_force_on(day).first()
            or self.filter(starts_on__lte=day).order_by("-starts_on").first()
            or self.order_by("starts_on").first()
        )


class Strategy(SourcedModel, VersionedModel):
    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="strategies")
    title = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    starts_on = models.DateField()
    ends_on = models.DateField()
    adopted_on = models.DateField(null=True, blank=True)
    foreword = models.TextField(blank=True)

    objects = StrategyQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-starts_on"]
        verbose_name_plural = "strategies"
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gt=models.F("starts_on")), name="strategy_ends_after_start")
        ]

    def __str__(self):
        return self.title

    @property
    def quarters(self):
        """The financial quarters its period touches, first to last (strategy.quarters.Quarter)."""
        quarter, last, found = Quarter.containing(self.starts_on), Quarter.containing(self.ends_on), []
        while quarter <= last:
            found.append(quarter)
            quarter = quarter.next()
        return found


class ReturnDeadline(VersionedModel):
    """When partners' returns for one quarter of a strategy are due: the schedule reminders chase."""

    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="return_deadlines")
    financial_year = models.PositiveSmallIntegerField(help_text="The year it starts: 2021 for 2021/22.")
    quarter = models.PositiveSmallIntegerField(help_text="1 = April-June.")
    due_on = models.DateField()

    history = HistoricalRecords()

    class Meta:
        ordering = ["strategy", "financial_year", "quarter"]
        constraints = [
            models.UniqueConstraint(
                fields=["strategy", "financial_year", "quarter"], name="return_deadline_quarter_unique"
            ),
            models.CheckConstraint(condition=Q(quarter__gte=1, quarter__lte=4), name="return_deadline_quarter_valid"),
        ]

    def __str__(self):
        year = f"{self.financial_year}/{(self.financial_year + 1) % 100:02d}"
        return f"{self.strategy}: {year} Q{self.quarter} due {self.due_on}"


class Priority(SourcedModel, VersionedModel):
    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="priorities")
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=200)
    introduction = models.TextField(blank=True)
    aim = models.TextField(blank=True)
    lead_partner = models.ForeignKey(Organisation, null=True, blank=True, on_delete=models.SET_NULL)
    substantive_quarter = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="Financial-year quarter (1 = April-June) in which it is the substantive item.",
    )
    monitoring = models.TextField("how we will know we are on track", blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["strategy", "number"]
        verbose_name_plural = "priorities"
        constraints = [
            models.UniqueConstraint(fields=["strategy", "number"], name="priority_number_unique"),
            models.CheckConstraint(
                condition=Q(substantive_quarter__isnull=True) | Q(substantive_quarter__range=(1, 4)),
                name="priority_quarter_1_to_4",
            ),
        ]

    def __str__(self):
        return f"Priority {self.number}: {self.title}"

    @property
    def partnership_id(self):
        """Its strategy's partnership (sbp.roles.partnership_key)."""
        return self.strategy.partnership_id


class PriorityPart(SourcedModel, VersionedModel):
    """An ordered, titled paragraph under a priority."""

    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    position = models.PositiveSmallIntegerField()

    class Meta:
        abstract = True
        ordering = ["priority", "position"]

    def __str__(self):
        return self.title

    @property
    def partnership_id(self):
        """Its priority's strategy's partnership."""
        return self.priority.partnership_id


class SubPriority(PriorityPart):
    """'What we will tackle'."""

    priority = models.ForeignKey(Priority, on_delete=models.CASCADE, related_name="sub_priorities")
    history = HistoricalRecords()

    class Meta(PriorityPart.Meta):
        verbose_name_plural = "sub-priorities (what we will tackle)"
        constraints = [models.UniqueConstraint(fields=["priority", "position"], name="sub_priority_position_unique")]


class Workstream(PriorityPart):
    """'How we will do it'."""

    priority = models.ForeignKey(Priority, on_delete=models.CASCADE, related_name="workstreams")
    history = HistoricalRecords()

    class Meta(PriorityPart.Meta):
        verbose_name_plural = "workstreams (how we will do it)"
        constraints = [models.UniqueConstraint(fields=["priority", "position"], name="workstream_position_unique")]


class SuccessMeasure(PriorityPart):
    """'How will we know we are on track'."""

    priority = models.ForeignKey(Priority, on_delete=models.CASCADE, related_name="success_measures")
    target = models.CharField(
        max_length=300, blank=True, help_text="What success looks like, e.g. 10% fewer repeat victims by March 2026."
    )
    baseline = models.CharField(max_length=300, blank=True, help_text="Where it starts from, e.g. 412 in 2022/23.")
    history = HistoricalRecords()

    class Meta(PriorityPart.Meta):
        verbose_name_plural = "success measures (how will we know we are on track)"
        constraints = [models.UniqueConstraint(fields=["priority", "position"], name="success_measure_position_unique")]


class ProgressUpdateQuerySet(models.QuerySet):
    def of(self, partnership):
        """The returns to the strategy of `partnership` (a Partnership or its pk)."""
        return self.filter(priority__strategy__partnership=partnership)

    def of_any(self, partnerships):
        """The returns to the strategies of `partnerships` (pks, or a subquery of them)."""
        return self.filter(priority__strategy__partnership__in=partnerships)

    def for_quarter(self, financial_year, quarter):
        return self.filter(financial_year=financial_year, quarter=quarter)

    def presented(self, financial_year, quarter):
        """Whether a published agenda has presented the quarter's returns to the board."""
        return self.for_quarter(financial_year, quarter).filter(presented_at__isnull=False).exists()

    def mark_presented(self, financial_year, quarter, when):
        """The quarter's returns as they stand are the ones the board was given: note when."""
        return self.for_quarter(financial_year, quarter).filter(presented_at__isnull=True).update(presented_at=when)


class ProgressUpdate(SourcedModel, VersionedModel):
    """A partner's quarterly return against a priority or one of its sub-priorities."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", "Submitted"
        ACCEPTED = "accepted", "Accepted"

    priority = models.ForeignKey(Priority, on_delete=models.CASCADE, related_name="updates")
    sub_priority = models.ForeignKey(
        SubPriority, null=True, blank=True, on_delete=models.CASCADE, related_name="updates"
    )
    partner = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="progress_updates")
    financial_year = models.PositiveSmallIntegerField(help_text="The year it starts: 2021 for 2021/22.")
    quarter = models.PositiveSmallIntegerField(help_text="1 = April-June.")
    rag = models.CharField("RAG status", max_length=10, choices=Rag.choices, blank=True)
    title = models.CharField(max_length=300, blank=True, help_text="The heading in the return.")
    narrative = models.TextField(blank=True)
    author = models.ForeignKey(Person, null=True, blank=True, on_delete=models.SET_NULL)
    reported_on = models.DateField(null=True, blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    rag_reason = models.TextField("why the rating worsened", blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SUBMITTED)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    presented_at = models.DateTimeField(
        null=True, blank=True, help_text="When the quarter's agenda pack carrying this return was published."
    )
    revised_after_presentation = models.BooleanField(default=False)

    objects = ProgressUpdateQuerySet.as_manager()
    # Returns can be revised; every revision is kept and shown, so what the board saw is never silently lost.
    history = HistoricalRecords()

    class Meta:
        ordering = ["financial_year", "quarter", "priority", "position"]
        constraints = [
            models.CheckConstraint(condition=Q(quarter__range=(1, 4)), name="progress_update_quarter_1_to_4"),
            models.CheckConstraint(
                condition=Q(financial_year__range=(2000, 2100)), name="progress_update_plausible_year"
            ),
            models.UniqueConstraint(
                fields=["priority", "partner", "financial_year", "quarter"],
                condition=Q(sub_priority__isnull=True),
                name="progress_update_one_per_priority_partner_quarter",
            ),
            models.UniqueConstraint(
                fields=["sub_priority", "partner", "financial_year", "quarter"],
                condition=Q(sub_priority__isnull=False),
                name="progress_update_one_per_sub_priority_partner_quarter",
            ),
        ]

    def __str__(self):
        year = f"{self.financial_year}/{(self.financial_year + 1) % 100:02d}"
        return f"{self.partner} – {self.priority} – {year} Q{self.quarter}"

    @property
    def partnership_id(self):
        """Its priority's strategy's partnership."""
        return self.priority.partnership_id


class PartnerMetric(SourcedModel):
    """A figure a partner quotes in its return, e.g. 676 complaints or a 91.7% compliance rate."""

    class Unit(models.TextChoices):
        COUNT = "count", "Count"
        PERCENT = "percent", "Per cent"
        POUNDS = "pounds", "Pounds sterling"

    update = models.ForeignKey(ProgressUpdate, on_delete=models.CASCADE, related_name="metrics")
    label = models.CharField(max_length=300)
    value = models.DecimalField(max_digits=14, decimal_places=2)
    unit = models.CharField(max_length=10, choices=Unit.choices, default=Unit.COUNT)
    period = models.CharField(max_length=100, blank=True, help_text="As stated, e.g. April and May 2021.")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["update", "position"]
        constraints = [models.UniqueConstraint(fields=["update", "label"], name="partner_metric_label_unique")]

    def __str__(self):
        return f"{self.label}: {self.value}"
