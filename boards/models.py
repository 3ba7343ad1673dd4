"""Boards, their members and meetings: agenda, attendance, reports, minutes, resolutions and actions."""

import calendar
import string
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from simple_history.models import HistoricalRecords

from boards import pack_failures
from sbp.locking import VersionedModel
from sbp.models import Organisation, Partnership, Person, SourcedModel
from strategy.models import Priority

SUFFIXES = ["", *string.ascii_lowercase]


class BoardQuerySet(models.QuerySet):
    def without_meetings(self):
        """Boards with no meeting yet: their first is made from scratch (boards.views.meetings.new_meeting)."""
        return self.filter(meetings__isnull=True)


class Board(VersionedModel):
    class MinuteNumbering(models.TextChoices):
        CONTINUOUS = "continuous", "Continuous from one meeting to the next"
        MUNICIPAL_YEAR = "municipal_year", "Restarting at 1 each municipal year"

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="boards")
    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    short_name = models.CharField(max_length=20, blank=True, help_text="e.g. SBPB")
    host = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, help_text="The council that clerks it."
    )
    quorum = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Members who must be present; blank if the terms set none."
    )
    minute_numbering = models.CharField(
        max_length=20, choices=MinuteNumbering.choices, default=MinuteNumbering.CONTINUOUS
    )
    municipal_year_starts = models.PositiveSmallIntegerField(
        default=5, help_text="The month the municipal year starts (5 = May), when numbering restarts each year."
    )
    # The board's cycle (boards/cycle.py proposes each next meeting's date from it).
    meetings_every_months = models.PositiveSmallIntegerField(
        default=3, help_text="How many months apart its meetings are (3 = quarterly)."
    )
    usual_weekday = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        choices=[(day, name) for day, name in enumerate(calendar.day_name)],
        help_text="The day of the week it meets; blank for the day of its last meeting.",
    )
    usual_time = models.TimeField(null=True, blank=True, help_text="Blank for the time of its last meeting.")

    objects = BoardQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(municipal_year_starts__range=(1, 12)), name="board_municipal_year_month"
            ),
            models.CheckConstraint(condition=Q(meetings_every_months__range=(1, 12)), name="board_cycle_months"),
            models.CheckConstraint(
                condition=Q(usual_weekday__isnull=True) | Q(usual_weekday__range=(0, 6)), name="board_usual_weekday"
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("board", args=[self.slug])


class Role(models.TextChoices):
    CHAIRMAN = "chairman", "Chairman"
    VICE_CHAIRMAN = "vice_chairman", "Vice-Chairman"
    MEMBER = "member", "Member"
    ADVISER = "adviser", "Adviser"


class MembershipQuerySet(models.QuerySet):
    """Who is a member when: an unknown start counts as 'already a member', no end as 'still one'. The same rule
    for rows already fetched is Membership.is_current_on; keep the two together."""

    def during(self, first_day, last_day):
        """Memberships in force on any day from first_day to last_day."""
        return self.filter(Q(start_date__isnull=True) | Q(start_date__lte=last_day)).filter(
            Q(end_date__isnull=True) | Q(end_date__gte=first_day)
        )

    def current_on(self, day):
        """Memberships in force on a day."""
        return self.during(day, day)


class Membership(SourcedModel, VersionedModel):
    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="memberships")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.MEMBER)
    representing = models.ForeignKey(Organisation, null=True, blank=True, on_delete=models.PROTECT)
    capacity = models.CharField(
        max_length=200,
        blank=True,
        help_text="As printed on the membership list, e.g. LBB Director of Housing.",
    )
    start_date = models.DateField(null=True, blank=True, help_text="Blank when not known.")
    end_date = models.DateField(null=True, blank=True)
    position = models.PositiveSmallIntegerField(default=0, help_text="Order on the printed membership list.")
    alternate = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="alternate_for_memberships",
        help_text="Who attends in the member's place when they cannot.",
    )

    objects = MembershipQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["board", "position", "person__name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(start_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="membership_ends_after_start",
            ),
            models.UniqueConstraint(
                fields=["board", "person"],
                condition=Q(end_date__isnull=True),
                name="membership_one_open_per_person",
            ),
            models.UniqueConstraint(
                fields=["board", "role"],
                condition=Q(end_date__isnull=True, role__in=["chairman", "vice_chairman"]),
                name="membership_one_open_chair_and_vice",
            ),
            models.CheckConstraint(
                condition=Q(alternate__isnull=True) | ~Q(alternate=F("person")),
                name="membership_not_own_alternate",
            ),
        ]

    def __str__(self):
        return f"{self.person} ({self.get_role_display()}), {self.board}"

    def is_current_on(self, day):
        """MembershipQuerySet.current_on's rule, for a row already fetched."""
        return (self.start_date is None or self.start_date <= day) and (self.end_date is None or self.end_date >= day)


class MeetingQuerySet(models.QuerySet):
    def upcoming(self, now):
        """Meetings still to come, called-off ones included: they stay listed, marked, so nobody turns up."""
        return self.filter(starts_at__gte=now).order_by("starts_at")

    def past(self, now):
        return self.filter(starts_at__lt=now).order_by("-starts_at")

    def published(self):
        """Meetings whose agenda the public may read: published, or already held (and so public record)."""
        return self.filter(Q(agenda_published_at__isnull=False) | Q(status=Meeting.Status.HELD))

    def published_or_of(self, partnerships):
        """The published meetings of every partnership, and every meeting of `partnerships` (pks or a subquery)."""
        return self.filter(
            Q(agenda_published_at__isnull=False)
            | Q(status=Meeting.Status.HELD)
            | Q(board__partnership__in=partnerships)
        )

    def of(self, partnership):
        return self.filter(board__partnership=partnership)

    def with_business(self):
        """Everything the meeting page shows, fetched in a fixed number of queries."""
        return self.select_related("board__partnership", "contact_officer", "minutes_approved_by").prefetch_related(
            "agenda_items",
            "attendances__person__organisation",
            "attendances__alternate_for",
            "minutes__agenda_item",
            "minutes__resolutions",
            "minutes__actions__owner_person",
            "minutes__amendments",
            "declarations__person",
            "declarations__agenda_item",
        )


class Meeting(SourcedModel):
    class Mode(models.TextChoices):
        IN_PERSON = "in_person", "In person"
        VIRTUAL = "virtual", "Virtual"
        HYBRID = "hybrid", "Hybrid"

    class Status(models.TextChoices):
        DRAFT = "draft", "Agenda in preparation"
        PUBLISHED = "published", "Agenda published"
        HELD = "held", "Held"
        CANCELLED = "cancelled", "Cancelled"
        POSTPONED = "postponed", "Postponed"

    class MinutesStatus(models.TextChoices):
        NONE = "none", "No minutes yet"
        DRAFT = "draft", "Draft"
        CIRCULATED = "circulated", "Circulated"
        APPROVED = "approved", "Approved as a correct record"

    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="meetings")
    title = models.CharField(
        max_length=200, blank=True, help_text="Heading of the minutes when it is not the board's name."
    )
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField(null=True, blank=True)
    mode = models.CharField(max_length=20, choices=Mode.choices, default=Mode.IN_PERSON)
    venue = models.CharField(max_length=300, blank=True)
    web_link = models.URLField(
        max_length=500, blank=True, help_text="Where to join a virtual or hybrid meeting, e.g. a Teams link."
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    called_off_at = models.DateTimeField(null=True, blank=True, help_text="When it was cancelled or postponed.")
    called_off_reason = models.TextField(blank=True, help_text="Why it was cancelled or postponed, as announced.")
    postponed_to = models.DateTimeField(
        null=True, blank=True, help_text="The new date of a postponed meeting, when known."
    )
    agenda_published_at = models.DateTimeField(null=True, blank=True)
    contact_officer = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="meetings_as_contact"
    )
    public_notice = models.TextField(blank=True, help_text="Printed on the agenda front sheet.")
    minutes_status = models.CharField(max_length=20, choices=MinutesStatus.choices, default=MinutesStatus.NONE)
    # The attendance grid is one edit of many rows: its saves are versioned on the meeting (sbp.locking).
    attendance_version = models.PositiveIntegerField(default=1, editable=False)
    minutes_approved_by = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="approved_minutes_of",
        help_text="The later meeting that agreed these minutes as a correct record.",
    )

    # How long a meeting is taken to last when no end is recorded: the boards' meetings run about two hours.
    USUAL_LENGTH = timedelta(hours=2)

    objects = MeetingQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-starts_at"]
        constraints = [
            models.UniqueConstraint(fields=["board", "starts_at"], name="meeting_one_per_board_and_time"),
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True) | Q(ends_at__gt=F("starts_at")),
                name="meeting_ends_after_start",
            ),
            models.CheckConstraint(
                condition=~Q(status="published") | Q(agenda_published_at__isnull=False),
                name="meeting_published_has_date",
            ),
            models.CheckConstraint(
                condition=~Q(minutes_status="approved") | Q(minutes_approved_by__isnull=False),
                name="meeting_approved_minutes_name_meeting",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["cancelled", "postponed"]) | Q(called_off_at__isnull=False),
                name="meeting_called_off_has_date",
            ),
            models.CheckConstraint(
                condition=Q(postponed_to__isnull=True) | Q(status="postponed"), name="meeting_postponed_to_only"
            ),
        ]

    def __str__(self):
        return f"{self.board} – {self.starts_at:%d %B %Y}"

    @property
    def partnership_id(self):
        """The partnership whose business this is (sbp.roles.partnership_key): its board's."""
        return self.board.partnership_id

    def get_absolute_url(self):
        return reverse("meeting-detail", args=[self.pk])

    @property
    def is_agenda_published(self):
        return self.agenda_published_at is not None or self.status == self.Status.HELD

    @property
    def are_minutes_approved(self):
        return self.minutes_status == self.MinutesStatus.APPROVED

    def has_been_held(self, now):
        """Marked held, or its time has come and it was not called off: only then can anything be minuted as
        having happened at it ("There were no declarations of interest")."""
        return self.status == self.Status.HELD or (self.starts_at <= now and not self.is_called_off)

    @property
    def is_called_off(self):
        """Cancelled or postponed: kept on record, marked wherever it is listed."""
        return self.status in (self.Status.CANCELLED, self.Status.POSTPONED)

    @property
    def has_web_link(self):
        """A link to join is shown only for meetings held (partly) online."""
        return bool(self.web_link) and self.mode != self.Mode.IN_PERSON

    @property
    def name(self):
        """What the meeting is called: its own title, else its board's name."""
        return self.title or self.board.name

    @property
    def expected_end(self):
        """The recorded end, else the start and the usual length (calendars and search engines need an end)."""
        return self.ends_at or self.starts_at + self.USUAL_LENGTH


class Part(models.TextChoices):
    PUBLIC = "public", "Part 1 (public)"
    EXEMPT = "exempt", "Part 2 (exempt)"


class AgendaItem(SourcedModel, VersionedModel):
    class StandingKind(models.TextChoices):
        """What a standing item is for, so the next meeting's copy can be retitled and filled in."""

        WELCOME = "welcome", "Welcome, apologies and declarations"
        MINUTES = "minutes", "Minutes of the last meeting"
        MATTERS_ARISING = "matters_arising", "Matters arising"
        PERFORMANCE = "performance", "Crime performance dashboard"
        # Carries the quarter's progress against every priority of the strategy in force (boards.pack).
        STRATEGY_REPORT = "strategy_report", "Strategy progress report"
        # Carries the strategy in force itself, in the order of the printed document (boards.pack).
        STRATEGY_DOCUMENT = "strategy_document", "Strategy document"
        EMERGING_ISSUES = "emerging_issues", "Emerging issues and partner updates"
        AOB = "aob", "Any other business"
        NEXT_MEETING = "next_meeting", "Date of next meeting"

    # Purposes an item of any kind may have: a revised strategy is tabled once, as a report, so it is not copied to
    # the next meeting as standing items are (boards.agenda.create_next_meeting).
    ANY_KIND_PURPOSES = frozenset({StandingKind.STRATEGY_DOCUMENT})

    class Kind(models.TextChoices):
        STANDING = "standing", "Standing item"
        SUBSTANTIVE = "substantive", "Substantive discussion"
        REPORT = "report", "Report"
        VERBAL = "verbal", "Verbal update"
        HEADING = "heading", "Heading for sub-items"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    number = models.PositiveSmallIntegerField()
    suffix = models.CharField(max_length=1, blank=True, help_text="Sub-item letter: a for 4a.")
    title = models.CharField(max_length=300)
    context = models.TextField(blank=True, help_text="Text printed under the item on the agenda.")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.REPORT)
    presenter = models.ForeignKey(Person, null=True, blank=True, on_delete=models.SET_NULL)
    part = models.CharField(max_length=10, choices=Part.choices, default=Part.PUBLIC)
    exempt_reason = models.CharField(
        max_length=300, blank=True, help_text="Required for Part 2: the Schedule 12A paragraph relied on."
    )
    public_title = models.CharField(
        max_length=300,
        blank=True,
        help_text="Part 2 only: a title the public may read, such as 'Contract award'. Blank shows only "
        "'Not for publication'.",
    )
    position = models.PositiveSmallIntegerField(help_text="Order on the agenda.")
    standing_kind = models.CharField(max_length=20, choices=StandingKind.choices, blank=True)
    priority = models.ForeignKey(
        Priority, null=True, blank=True, on_delete=models.SET_NULL, help_text="The strategy priority it discusses."
    )
    document = models.FileField(upload_to="papers/%Y/", blank=True, help_text="The paper for this item, as a PDF.")
    # Read once at upload (boards.paper_text) so that search never opens a PDF.
    document_text = models.TextField(blank=True, editable=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "position"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number", "suffix"], name="agenda_item_number_unique"),
            models.UniqueConstraint(fields=["meeting", "position"], name="agenda_item_position_unique"),
            models.CheckConstraint(condition=Q(suffix__in=SUFFIXES), name="agenda_item_suffix_letter"),
            models.CheckConstraint(condition=Q(number__gte=1), name="agenda_item_number_positive"),
            models.CheckConstraint(
                condition=Q(part="public") | ~Q(exempt_reason=""), name="agenda_item_exempt_has_reason"
            ),
        ]

    def __str__(self):
        return f"{self.reference} {self.title}"

    @property
    def partnership_id(self):
        """Its meeting's partnership."""
        return self.meeting.partnership_id

    @property
    def reference(self):
        """The item number as people say it: 4, 4a."""
        return f"{self.number}{self.suffix}"

    @property
    def is_exempt(self):
        return self.part == Part.EXEMPT

    @property
    def is_sub_item(self):
        return bool(self.suffix)


class Report(SourcedModel, VersionedModel):
    """A council report front sheet: the standard header and impact sections of a paper."""

    agenda_item = models.OneToOneField(
        AgendaItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="report"
    )
    report_number = models.CharField(max_length=30, blank=True, help_text="e.g. CSD 21071")
    part = models.CharField(max_length=10, choices=Part.choices, default=Part.PUBLIC)
    decision_maker = models.CharField(max_length=200, blank=True)
    date = models.DateField(null=True, blank=True)
    decision_type = models.CharField(max_length=200, blank=True, help_text="e.g. Non Urgent Non Executive Non Key")
    title = models.CharField(max_length=300)
    contact_officer = models.ForeignKey(Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    chief_officer = models.CharField(max_length=200, blank=True)
    ward = models.CharField(max_length=200, blank=True)
    reason = models.TextField("reason for report", blank=True)
    recommendations = models.TextField(blank=True)
    non_applicable_sections = models.CharField(max_length=300, blank=True)
    background_documents = models.TextField(blank=True)
    policy_implications = models.TextField(blank=True)
    financial_implications = models.TextField(blank=True)
    staff_implications = models.TextField(blank=True)
    legal_implications = models.TextField(blank=True)
    customer_impact = models.TextField(blank=True)
    ward_councillor_views = models.TextField(blank=True)

    class Meta:
        ordering = ["-date", "report_number"]
        constraints = [
            models.UniqueConstraint(
                fields=["report_number"], condition=~Q(report_number=""), name="report_number_unique"
            ),
        ]

    def __str__(self):
        return f"{self.report_number} {self.title}".strip()


class ReportAppendix(SourcedModel):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="appendices")
    letter = models.CharField(max_length=3, help_text="A, B, ...")
    title = models.CharField(max_length=300)
    body = models.TextField(blank=True)
    file = models.FileField(upload_to="appendices/%Y/", blank=True)
    file_text = models.TextField(blank=True, editable=False, help_text="The uploaded file's text (boards.paper_text).")

    class Meta:
        ordering = ["report", "letter"]
        verbose_name_plural = "report appendices"
        constraints = [models.UniqueConstraint(fields=["report", "letter"], name="appendix_letter_unique")]

    def __str__(self):
        return f"Appendix {self.letter}: {self.title}"


class Attendance(SourcedModel):
    class Status(models.TextChoices):
        PRESENT = "present", "Present"
        PRESENT_VIRTUALLY = "present_virtually", "Present virtually"
        APOLOGIES = "apologies", "Apologies"
        ABSENT = "absent", "Absent"
        ALSO_PRESENT = "also_present", "Also present"

    PRESENT_STATUSES = [Status.PRESENT, Status.PRESENT_VIRTUALLY]

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendances")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="attendances")
    status = models.CharField(max_length=20, choices=Status.choices)
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.MEMBER)
    alternate_for = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="alternated_by"
    )
    capacity = models.CharField(max_length=300, blank=True, help_text="As printed, e.g. Public Protection Division.")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["meeting", "position", "person__name"]
        verbose_name_plural = "attendance"
        constraints = [
            models.UniqueConstraint(fields=["meeting", "person"], name="attendance_once_per_meeting"),
            models.CheckConstraint(
                condition=Q(alternate_for__isnull=True) | ~Q(alternate_for=F("person")),
                name="attendance_not_own_alternate",
            ),
            models.CheckConstraint(
                condition=Q(alternate_for__isnull=True) | Q(status__in=["present", "present_virtually"]),
                name="attendance_alternate_is_present",
            ),
        ]

    def __str__(self):
        return f"{self.person}: {self.get_status_display()}"


class DeclarationOfInterest(SourcedModel):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="declarations")
    person = models.ForeignKey(Person, on_delete=models.PROTECT)
    agenda_item = models.ForeignKey(AgendaItem, null=True, blank=True, on_delete=models.SET_NULL)
    interest = models.TextField(help_text="The nature of the interest declared.")

    class Meta:
        verbose_name_plural = "declarations of interest"

    def __str__(self):
        return f"{self.person}: {self.interest[:60]}"


class Minute(SourcedModel, VersionedModel):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="minutes")
    # The meeting's board and numbering year, copied here so that the database itself can hold minute numbers
    # unique per board and year (a constraint cannot follow the meeting relation). See boards/minutes.py.
    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="+", editable=False)
    numbering_year = models.PositiveSmallIntegerField(
        editable=False, help_text="The municipal year its number belongs to (its start year), or 0 if continuous."
    )
    agenda_item = models.ForeignKey(
        AgendaItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="minutes"
    )
    number = models.PositiveIntegerField()
    suffix = models.CharField(max_length=1, blank=True)
    title = models.CharField(max_length=300)
    text = models.TextField(blank=True, help_text="Markdown.")
    priority = models.ForeignKey(
        Priority,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="minutes",
        help_text="The strategy priority it discusses, so dashboards can link to the discussion.",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "number", "suffix"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number", "suffix"], name="minute_number_unique"),
            models.UniqueConstraint(
                fields=["board", "numbering_year", "number", "suffix"], name="minute_number_unique_per_board_year"
            ),
            models.CheckConstraint(condition=Q(suffix__in=SUFFIXES), name="minute_suffix_letter"),
            models.CheckConstraint(condition=Q(number__gte=1), name="minute_number_positive"),
        ]

    def __str__(self):
        return f"Minute {self.reference}: {self.title}"

    @property
    def partnership_id(self):
        """Its meeting's partnership."""
        return self.meeting.partnership_id

    def save(self, *args, **kwargs):
        # Derived from the meeting, never typed: kept in step so the uniqueness constraint above is true.
        board, when = self.meeting.board, self.meeting.starts_at
        self.board = board
        self.numbering_year = numbering_year(board, parse_datetime(when) if isinstance(when, str) else when)
        super().save(*args, **kwargs)

    @property
    def reference(self):
        return f"{self.number}{self.suffix}"


def numbering_year(board, when):
    """The year a minute's number belongs to: 0 on a board numbering continuously, else the calendar year in
    which the municipal year containing `when` began (May 2021 to April 2022 is 2021, with a May start)."""
    if board.minute_numbering == Board.MinuteNumbering.CONTINUOUS:
        return 0
    local = timezone.localtime(when) if timezone.is_aware(when) else when
    return local.year if local.month >= board.municipal_year_starts else local.year - 1


class Resolution(SourcedModel):
    minute = models.ForeignKey(Minute, on_delete=models.CASCADE, related_name="resolutions")
    number = models.PositiveSmallIntegerField(null=True, blank=True, help_text="1), 2) when several.")
    text = models.TextField(help_text="What follows 'RESOLVED that'.")

    history = HistoricalRecords()

    class Meta:
        ordering = ["minute", "number"]
        constraints = [
            models.UniqueConstraint(fields=["minute", "number"], name="resolution_number_unique"),
            models.CheckConstraint(
                condition=Q(number__isnull=True) | Q(number__gte=1), name="resolution_number_positive"
            ),
        ]

    def __str__(self):
        return f"RESOLVED that {self.text[:80]}"

    @property
    def quoted(self):
        """How the matters arising quote it out of its minute: a sole resolution continues "Resolved that"; a
        numbered one was written as a sentence of its own under "RESOLVED that", so it is quoted as it stands
        (the seed's Appendix A: "The results of the Crime Needs Assessment be reported ...")."""
        return self.text if self.number else f"Resolved that {self.text}"


class ActionQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status=Action.Status.OPEN)

    def register(self):
        """Every action with what the register shows, in a fixed number of queries."""
        return self.select_related(
            "minute__meeting__board", "minute__agenda_item", "owner_organisation", "owner_person"
        )

    def arising_for(self, meeting):
        """Open actions from earlier meetings of the meeting's board: its matters arising."""
        return self.open().filter(
            minute__meeting__board=meeting.board_id, minute__meeting__starts_at__lt=meeting.starts_at
        )

    def outstanding_for(self, meeting):
        """The meeting's matters arising with what the papers show of them, oldest first."""
        return (
            self.arising_for(meeting)
            .select_related("minute__meeting", "resolution", "owner_person", "owner_organisation")
            .prefetch_related(
                models.Prefetch(
                    "updates", ActionUpdate.objects.filter(for_meeting=meeting), to_attr="updates_for_meeting"
                )
            )
            .order_by("minute__meeting__starts_at", "minute__number", "minute__suffix", "pk")
        )


class Action(SourcedModel, VersionedModel):
    class Status(models.TextChoices):
        OPEN = "open", "Open"
        COMPLETED = "completed", "Completed"
        DROPPED = "dropped", "No longer required"

    minute = models.ForeignKey(Minute, on_delete=models.CASCADE, related_name="actions")
    resolution = models.ForeignKey(Resolution, null=True, blank=True, on_delete=models.SET_NULL, related_name="actions")
    description = models.TextField()
    action_by = models.CharField(
        max_length=60, help_text="As printed in the Action column: initials such as JS, or 'Partners'."
    )
    owner_person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    owner_organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="actions"
    )
    due_date = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.OPEN)
    closed_on = models.DateField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    closure_note = models.TextField(blank=True)

    objects = ActionQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["minute", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(action_by=""), name="action_has_action_by"),
            models.CheckConstraint(
                condition=(Q(status="open") & Q(closed_on__isnull=True))
                | (~Q(status="open") & Q(closed_on__isnull=False)),
                name="action_closed_has_date",
            ),
        ]

    def __str__(self):
        return f"{self.action_by}: {self.description[:80]}"

    @property
    def partnership_id(self):
        """Its minute's meeting's partnership."""
        return self.minute.meeting.partnership_id

    def is_overdue(self, today):
        return self.status == self.Status.OPEN and self.due_date is not None and self.due_date < today


class ActionUpdate(SourcedModel):
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="updates")
    for_meeting = models.ForeignKey(
        Meeting,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        help_text="The matters arising it was reported to.",
    )
    written_on = models.DateField()
    text = models.TextField()
    author = models.ForeignKey(Person, null=True, blank=True, on_delete=models.SET_NULL)

    class Meta:
        ordering = ["action", "written_on", "pk"]

    def __str__(self):
        return f"{self.written_on}: {self.text[:60]}"


class MinuteAmendment(models.Model):
    """A correction to minutes already approved: the approved text stays, the amendment is recorded beside it."""

    minute = models.ForeignKey(Minute, on_delete=models.CASCADE, related_name="amendments")
    text = models.TextField(help_text="The correction, as it should be read.")
    reason = models.TextField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["minute", "recorded_at"]

    def __str__(self):
        return f"Amendment to minute {self.minute.reference} ({self.recorded_at:%d %b %Y})"


class PackBuildQuerySet(models.QuerySet):
    def printed_for_public(self):
        """Built public packs that were published and printed police figures, newest publication first: the
        figures the public were given (boards.dashboard.published_figures). A restricted pack prints the same
        figures, but only what was published to everyone is open data."""
        found = self.filter(
            restricted=False, published_at__isnull=False, status=PackBuild.Status.READY, printed_figures__isnull=False
        )
        return found.order_by("-published_at", "-pk")


class PackBuild(models.Model):
    """One build of a meeting's agenda pack. Before publication the build of the current papers is served;
    from publication, the newest published build that is ready (boards.tasks.pack_to_serve)."""

    class Status(models.TextChoices):
        BUILDING = "building", "Building"
        READY = "ready", "Ready"
        FAILED = "failed", "Failed"

    class Step(models.TextChoices):
        """The stages of a build in the order they finish (boards.pack.build); `step` is the last one done."""

        FIGURES = "figures", "Gathering the papers and figures"
        CHARTS = "charts", "Drawing the charts"
        LAYOUT = "layout", "Laying out the pages"
        MERGED = "merged", "Merging in the uploaded papers"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="pack_builds")
    restricted = models.BooleanField(help_text="Includes Part 2 papers: for board members and officers only.")
    content_hash = models.CharField(max_length=64, help_text="sha256 of everything the pack shows.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.BUILDING)
    file = models.FileField(upload_to="packs/%Y/", blank=True)
    pages = models.PositiveIntegerField(null=True, blank=True)
    step = models.CharField(
        max_length=10, choices=Step.choices, blank=True, help_text="The last stage finished; blank before the first."
    )
    error = models.TextField(blank=True, help_text="The technical error, for the log.")
    explanation = models.TextField(blank=True, help_text="Why it failed, in words for democratic services.")
    requested_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When democratic services published this build: from then on it is the pack, whatever changes.",
    )
    printed_figures = models.JSONField(
        null=True,
        blank=True,
        help_text="The police lines this build printed, kept as printed (boards.printed_figures); none when its "
        "papers print no police figures.",
    )

    objects = PackBuildQuerySet.as_manager()

    class Meta:
        ordering = ["-requested_at"]
        indexes = [models.Index(fields=["meeting", "restricted", "content_hash"])]

    def __str__(self):
        kind = "restricted" if self.restricted else "public"
        return f"{kind} pack for {self.meeting} ({self.get_status_display()})"

    @property
    def partnership_id(self):
        """Its meeting's partnership."""
        return self.meeting.partnership_id

    @property
    def is_building(self):
        return self.status == self.Status.BUILDING

    @property
    def is_ready(self):
        return self.status == self.Status.READY

    @property
    def failure_words(self):
        """Why it failed, for democratic services: a build that failed before the words were kept gets the
        unknown failure's, never the technical error (that is for the log)."""
        return self.explanation or pack_failures.UNKNOWN

    def steps(self):
        """Each stage with its state: done up to `step`; the next one in progress while building, or failed."""
        order = list(self.Step)
        if self.status == self.Status.READY:  # builds from before steps were recorded have none, yet are done
            return [(step, StepState.DONE) for step in order]
        done = order.index(self.step) + 1 if self.step else 0
        current = StepState.IN_PROGRESS if self.status == self.Status.BUILDING else StepState.FAILED
        return [
            (step, StepState.DONE if i < done else current if i == done else StepState.NOT_STARTED)
            for i, step in enumerate(order)
        ]


class StepState(models.TextChoices):
    """Where a pack build stands on one of its stages, as the GOV.UK task list says it."""

    DONE = "done", "Completed"
    IN_PROGRESS = "in_progress", "In progress"
    FAILED = "failed", "Failed"
    NOT_STARTED = "not_started", "Not started"


class SearchDocument(models.Model):
    """One searchable text of a meeting's business, as a row of the full-text index (boards.search). The database
    fills and keeps the index in step from the rows it is read from (boards/search_schema.py): nothing here saves."""

    class Kind(models.TextChoices):
        AGENDA_ITEM = "item", "Agenda item"
        REPORT = "report", "Report"
        APPENDIX = "appendix", "Appendix"
        MINUTE = "minute", "Minute"
        RESOLUTION = "resolution", "Resolution"
        ACTION = "action", "Action"

    rowid = models.BigAutoField(primary_key=True)
    title = models.TextField()
    body = models.TextField()
    kind = models.CharField(max_length=20, choices=Kind.choices)
    source_id = models.BigIntegerField(help_text="The pk of the row of its kind the text is read from.")
    meeting = models.ForeignKey(Meeting, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+")
    # What the redaction policy asks about: the agenda item it hangs from, and the minute it is part of.
    agenda_item = models.ForeignKey(
        AgendaItem, null=True, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    minute = models.ForeignKey(Minute, null=True, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+")
    report_id = models.BigIntegerField(null=True)

    class Meta:
        managed = False  # a virtual FTS5 table on SQLite, a table with a tsvector column on PostgreSQL
        db_table = "boards_search"

    def __str__(self):
        return f"{self.get_kind_display()}: {self.title}"
