"""Areas, populations, crime categories (MPS and police.uk), releases and their count blocks, measures, and figures
entered by hand."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from sbp.locking import VersionedModel
from sbp.models import SourcedModel
from sbp.rag import Rag


class Area(models.Model):
    class Kind(models.TextChoices):
        # A local authority district (each MPS borough is one); stored as "borough", the value data and code
        # have always used.
        BOROUGH = "borough", "Local authority district"
        WARD = "ward", "Ward"
        LSOA = "lsoa", "Lower layer super output area"
        FORCE = "force", "Police force area"
        OTHER = "other", "Other reporting area"  # airports, "Unknown": never in rates or rankings

    kind = models.CharField(max_length=10, choices=Kind.choices)
    name = models.CharField(max_length=120, help_text="As the MPS files spell it.")
    short_name = models.CharField(max_length=60, blank=True, help_text="As board papers print it, e.g. Waltham.")
    code = models.CharField("GSS code", max_length=9, blank=True, help_text="E09... boroughs, E05... wards.")
    ward_vintage = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Year of the ward boundaries: 2014 or 2022. Wards only."
    )
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="wards")
    # LSOA codes are reissued with each census (2011, 2021): an LSOA is its code plus its census year.
    lsoa_vintage = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Census year of the LSOA boundaries: 2011 or 2021. LSOAs only."
    )
    slug = models.SlugField(max_length=60, blank=True, help_text="police.uk's id of the force, e.g. leicestershire.")
    police_force = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="districts",
        help_text="Districts only: the force whose street files cover at least half of its LSOAs.",
    )

    class Meta:
        ordering = ["kind", "name", "ward_vintage"]
        constraints = [
            models.UniqueConstraint(fields=["code"], condition=Q(kind="borough"), name="area_borough_code_unique"),
            models.UniqueConstraint(fields=["name"], condition=Q(kind="borough"), name="area_borough_name_unique"),
            # Ward boundaries changed in May 2022 and do not map 1:1: a ward is its code plus its vintage.
            models.UniqueConstraint(fields=["code", "ward_vintage"], condition=Q(kind="ward"), name="area_ward_unique"),
            models.CheckConstraint(
                condition=~Q(kind="ward") | (Q(ward_vintage__isnull=False) & Q(parent__isnull=False) & ~Q(code="")),
                name="area_ward_has_vintage_parent_code",
            ),
            models.CheckConstraint(
                condition=Q(kind="ward") | Q(ward_vintage__isnull=True), name="area_vintage_only_for_wards"
            ),
            models.UniqueConstraint(fields=["code", "lsoa_vintage"], condition=Q(kind="lsoa"), name="area_lsoa_unique"),
            models.CheckConstraint(
                condition=~Q(kind="lsoa") | (Q(lsoa_vintage__isnull=False) & Q(parent__isnull=False) & ~Q(code="")),
                name="area_lsoa_has_vintage_parent_code",
            ),
            models.CheckConstraint(
                condition=Q(kind="lsoa") | Q(lsoa_vintage__isnull=True), name="area_lsoa_vintage_only_for_lsoas"
            ),
            models.UniqueConstraint(fields=["slug"], condition=Q(kind="force"), name="area_force_slug_unique"),
            models.CheckConstraint(condition=~Q(kind="force") | ~Q(slug=""), name="area_force_has_slug"),
            models.CheckConstraint(
                condition=Q(kind="borough") | Q(police_force__isnull=True), name="area_police_force_only_for_districts"
            ),
        ]

    def __str__(self):
        if self.kind == self.Kind.WARD:
            return f"{self.name} ({self.ward_vintage} wards)"
        return f"{self.name} ({self.lsoa_vintage} LSOA)" if self.kind == self.Kind.LSOA else self.name


class Population(SourcedModel):
    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="populations")
    mid_year = models.PositiveSmallIntegerField()
    value = models.PositiveIntegerField()
    source = models.CharField(max_length=200, help_text="e.g. ONS mid-year estimates, revised series.")

    class Meta:
        ordering = ["area", "mid_year"]
        constraints = [
            models.UniqueConstraint(fields=["area", "mid_year", "source"], name="population_unique"),
            models.CheckConstraint(condition=Q(value__gt=0), name="population_positive"),
        ]

    def __str__(self):
        return f"{self.area} mid-{self.mid_year}: {self.value}"


class CrimeCategory(models.Model):
    """A (major, minor) pair exactly as one generation of the MPS files publishes it."""

    class Layout(models.TextChoices):
        A = "A", "A: Home Office tree (to early 2019)"
        B = "B", "B: Title Case (2019 to Feb 2024 releases)"
        C = "C", "C: CONNECT, UPPER CASE (from 2024)"
        P = "P", "P: police.uk street-level crime types"

    layout = models.CharField(max_length=1, choices=Layout.choices)
    major_text = models.CharField(max_length=100)
    minor_text = models.CharField(max_length=100)

    class Meta:
        ordering = ["layout", "major_text", "minor_text"]
        verbose_name_plural = "crime categories"
        constraints = [
            models.UniqueConstraint(fields=["layout", "major_text", "minor_text"], name="crime_category_unique")
        ]

    def __str__(self):
        return f"{self.major_text} / {self.minor_text} ({self.layout})"


class Source(models.TextChoices):
    """Where a release's counts come from: two sources never share a series (crime.scopes)."""

    MPS_FILES = "mps_files", "MPS recorded crime files"
    POLICE_UK = "police_uk", "police.uk street-level crime"


# police.uk's id of the Metropolitan Police: the force whose area the MPS files cover.
METROPOLITAN = "metropolitan"


class Level(models.TextChoices):
    """The areas a release's counts are for. An MPS file is one level; a police.uk file supplies all four."""

    FORCE = "force", "Police force area"
    BOROUGH = "borough", "Borough or district"
    WARD = "ward", "Ward"
    LSOA = "lsoa", "LSOA"


class ReleaseQuerySet(models.QuerySet):
    def of(self, scope):
        """The releases of one source and force (a crime.scopes.Scope)."""
        return self.filter(source=scope.source, force=scope.force)

    def by_publication(self):
        """Oldest publication first, then the earlier import: for each month the last release in this order
        that covers it is in force (ADR 0010)."""
        return self.order_by("published_on", "imported_at", "pk")


class Release(VersionedModel):
    """One MPS file or one police.uk monthly street file as imported: every count keeps the release it came from."""

    class Basis(models.TextChoices):
        INFERRED = "inferred", "Inferred from its months"
        FILE = "file", "The file's Refreshed Date"
        OFFICER = "officer", "Set by an officer"

    file_name = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64, unique=True)
    layout = models.CharField(max_length=1, choices=CrimeCategory.Layout.choices)
    level = models.CharField(max_length=10, choices=Level.choices)
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.MPS_FILES)
    force = models.SlugField(
        max_length=60, default=METROPOLITAN, help_text="police.uk's id of the force whose area the file covers."
    )
    unlocated_rows = models.PositiveIntegerField(
        null=True, blank=True, help_text="police.uk files: rows with no location (counted for the force only)."
    )
    first_month = models.DateField()
    last_month = models.DateField()
    ward_vintage = models.PositiveSmallIntegerField(null=True, blank=True, help_text="Ward files only: 2014 or 2022.")
    rows = models.PositiveIntegerField(help_text="Data rows in the file.")
    areas = models.PositiveIntegerField(default=0, help_text="Areas the file reports on.")
    counts_written = models.PositiveIntegerField(default=0, help_text="Non-zero counts in the months it covers.")
    area_ids = models.JSONField(default=list, help_text="The areas of its count blocks' rows, in order.")
    imported_at = models.DateTimeField()
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    withdrawn_at = models.DateTimeField(
        null=True, blank=True, help_text="When an officer took it out of use; its counts stay on record."
    )
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # A Historical file ends 24 months before the recent file published with it: publication, not the last
    # month, says which release is newer (ADR 0010).
    published_on = models.DateField(help_text="When the MPS published the file; the latest publication wins.")
    publication_basis = models.CharField(max_length=10, choices=Basis.choices, default=Basis.INFERRED)

    objects = ReleaseQuerySet.as_manager()

    class Meta:
        ordering = ["-published_on", "-imported_at"]
        constraints = [
            models.CheckConstraint(condition=Q(last_month__gte=F("first_month")), name="release_months_in_order"),
            # The sources never mix: police.uk files are of layout P and count their unplaced rows; the MPS files
            # are the Metropolitan Police's, in their own layouts.
            models.CheckConstraint(
                condition=(Q(source="police_uk") & Q(layout="P") & Q(unlocated_rows__isnull=False))
                | (Q(source="mps_files") & ~Q(layout="P") & Q(force=METROPOLITAN) & Q(unlocated_rows__isnull=True)),
                name="release_source_layout_force",
            ),
        ]

    def __str__(self):
        return f"{self.file_name} ({self.first_month:%b %Y}–{self.last_month:%b %Y})"


class MonthCoverageQuerySet(models.QuerySet):
    def of(self, scope):
        return self.filter(source=scope.source, force=scope.force)


class MonthCoverage(models.Model):
    """Which release is in force for a month at a level, for one source and force. A month with no row is a gap,
    never zero."""

    level = models.CharField(max_length=10, choices=Level.choices)
    month = models.DateField()
    release = models.ForeignKey(Release, on_delete=models.CASCADE, related_name="coverage")
    # The release's own source and force, repeated so that the database keeps each scope's months apart.
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.MPS_FILES)
    force = models.SlugField(max_length=60, default=METROPOLITAN)

    objects = MonthCoverageQuerySet.as_manager()

    class Meta:
        ordering = ["source", "force", "level", "month"]
        constraints = [
            models.UniqueConstraint(fields=["source", "force", "level", "month"], name="month_coverage_unique")
        ]

    def __str__(self):
        return f"{self.level} {self.month:%Y-%m}: {self.release}"


class CountBlock(models.Model):
    """One category's counts in one release: an areas x months grid, as the file published it.

    Rows follow `release.area_ids`, columns the months from `release.first_month`; crime.counts writes and
    reads the bytes. Blocks are never updated: a newer release adds its own and MonthCoverage points at it.
    """

    release = models.ForeignKey(Release, on_delete=models.CASCADE, related_name="blocks")
    category = models.ForeignKey(CrimeCategory, on_delete=models.PROTECT, related_name="blocks")
    counts = models.BinaryField(help_text="Little-endian 4-byte whole numbers, areas x months, zlib-compressed.")

    class Meta:
        ordering = ["release", "category"]
        constraints = [models.UniqueConstraint(fields=["release", "category"], name="count_block_unique")]

    def __str__(self):
        return f"{self.category} in {self.release}"


class Polarity(models.TextChoices):
    LOWER_IS_BETTER = "lower", "Lower is better"
    HIGHER_IS_BETTER = "higher", "Higher is better"


class Measure(VersionedModel):
    """A named indicator the board follows, defined as a signed sum of categories (data, not code)."""

    class Source(models.TextChoices):
        MPS_FILES = "mps_files", "MPS published data (imported)"
        POLICE_UK = "police_uk", "police.uk street-level data (imported)"
        HAND_ENTERED = "hand_entered", "Entered by officers (MPS or MOPAC dashboards)"

    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    short_name = models.CharField(max_length=30, blank=True, help_text="e.g. NDVWI, TOMV")
    description = models.TextField(blank=True)
    unit = models.CharField(max_length=30, default="offences", help_text="offences, incidents, calls")
    polarity = models.CharField(max_length=10, choices=Polarity.choices, default=Polarity.LOWER_IS_BETTER)
    # Defaults reproduce the pack: a reduction or a rise up to 5% is Green, up to 20% Amber, above that Red.
    green_max_change = models.DecimalField(max_digits=6, decimal_places=2, default=5)
    amber_max_change = models.DecimalField(max_digits=6, decimal_places=2, default=20)
    source = models.CharField(max_length=20, choices=Source.choices, default=Source.MPS_FILES)
    source_note = models.CharField(max_length=300, blank=True)
    series_break = models.DateField(
        null=True, blank=True, help_text="Figures before this month are not comparable with those after it."
    )
    small_numbers_below = models.PositiveIntegerField(
        default=20, help_text="Counts below this get a caution: percentages of small numbers are noisy."
    )
    needs_signal = models.BooleanField(
        "turns Red or Green only on a real change",
        default=False,
        help_text="Rate Amber unless the change is beyond normal variation for counts of its size (sbp.significance).",
    )
    # A definition or threshold change alters every figure shown for the measure: keep who changed what.
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amber_max_change__gte=F("green_max_change")), name="measure_thresholds_in_order"
            )
        ]

    def __str__(self):
        return self.name


class MeasureComponent(models.Model):
    """Categories a measure adds or subtracts, matched by their published text so new releases match too.

    A blank major text means every category of the layout; a blank minor text every minor of the major.
    """

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="components")
    layout = models.CharField(max_length=1, choices=CrimeCategory.Layout.choices)
    major_text = models.CharField(max_length=100, blank=True)
    minor_text = models.CharField(max_length=100, blank=True)
    sign = models.SmallIntegerField(default=1, help_text="+1 adds the categories, -1 subtracts them.")
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["measure", "layout", "major_text", "minor_text", "sign"], name="measure_component_unique"
            ),
            models.CheckConstraint(condition=Q(sign__in=[1, -1]), name="measure_component_sign"),
            models.CheckConstraint(
                condition=Q(minor_text="") | ~Q(major_text=""), name="measure_component_minor_needs_major"
            ),
        ]

    def __str__(self):
        sign = "+" if self.sign > 0 else "-"
        return f"{sign} {self.layout}: {self.major_text or 'all'} / {self.minor_text or 'all'}"


class ReportedFigure(SourcedModel):
    """A figure entered by hand from a dashboard or paper, with its source, beside the imported ones."""

    class Statistic(models.TextChoices):
        COUNT = "count", "Count"
        RATE = "rate_per_1000", "Rate per 1,000 population"
        PERCENT_CHANGE = "percent_change", "Percentage change"

    measure = models.ForeignKey(Measure, on_delete=models.PROTECT, related_name="reported_figures")
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="reported_figures")
    statistic = models.CharField(max_length=20, choices=Statistic.choices, default=Statistic.COUNT)
    period_start = models.DateField()
    period_end = models.DateField()
    period_label = models.CharField(max_length=100, blank=True, help_text="As printed, e.g. March 21 – April 21.")
    value = models.DecimalField(max_digits=12, decimal_places=3)
    comparison_value = models.DecimalField(max_digits=12, decimal_places=3, null=True, blank=True)
    comparison_label = models.CharField(max_length=100, blank=True, help_text="e.g. 2019 same reporting timeframe")
    change_percent = models.DecimalField(
        max_digits=7, decimal_places=2, null=True, blank=True, help_text="As reported by the source."
    )
    rank = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Among the partnership's comparison group, 1 = lowest."
    )
    rank_change = models.SmallIntegerField(null=True, blank=True, help_text="Places moved since the comparison year.")
    rag = models.CharField("RAG status as reported", max_length=10, choices=Rag.choices, blank=True)
    source = models.CharField(max_length=200, help_text="e.g. MOPAC dashboard, MPS crime dashboard.")
    financial_year = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="The quarterly report it was presented in: the year it starts (2021/22: 2021)."
    )
    quarter = models.PositiveSmallIntegerField(null=True, blank=True, help_text="1 = April-June.")
    note = models.TextField(blank=True, help_text="For officers: where the figure came from. Not in the public pack.")
    narrative = models.TextField(
        blank=True, help_text="The police commentary for the quarter, printed under the figure in the pack."
    )
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    entered_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["measure", "period_start", "rank", "area__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["measure", "area", "statistic", "period_start", "period_end"],
                name="reported_figure_unique",
            ),
            models.CheckConstraint(condition=Q(period_end__gte=F("period_start")), name="reported_figure_period"),
            # A rank among a comparison group of any size: the Metropolitan Police's boroughs or a force's nine.
            models.CheckConstraint(condition=Q(rank__isnull=True) | Q(rank__gte=1), name="reported_figure_rank_from_1"),
            models.CheckConstraint(
                condition=Q(quarter__isnull=True) | Q(quarter__range=(1, 4)), name="reported_figure_quarter_1_to_4"
            ),
        ]

    def __str__(self):
        return f"{self.measure} {self.area} {self.period_label or self.period_start}: {self.value}"


class Hotspot(SourcedModel):
    """A ward in a ranked 'top wards' list for a measure and period, as a paper printed it."""

    measure = models.ForeignKey(Measure, on_delete=models.PROTECT, related_name="hotspots")
    ward = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="hotspots")
    period_start = models.DateField()
    period_end = models.DateField()
    rank = models.PositiveSmallIntegerField()
    count = models.PositiveIntegerField(null=True, blank=True)
    share_percent = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    source = models.CharField(max_length=200)
    note = models.CharField(max_length=300, blank=True, help_text="e.g. the ward name as printed, if different.")
    financial_year = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="The quarterly report it was in."
    )
    quarter = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["measure", "period_start", "source", "rank", "ward__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["measure", "ward", "period_start", "period_end", "source"], name="hotspot_unique"
            ),
            models.CheckConstraint(condition=Q(period_end__gte=F("period_start")), name="hotspot_period"),
        ]

    def __str__(self):
        return f"{self.rank}. {self.ward} – {self.measure}"


class RagOverride(VersionedModel):
    """An officer's rating in place of the computed one, with the reason; always shown as an override."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="rag_overrides")
    area = models.ForeignKey(Area, on_delete=models.CASCADE)
    period_start = models.DateField()
    period_end = models.DateField()
    rag = models.CharField(max_length=10, choices=Rag.choices)
    reason = models.TextField()
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    set_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["measure", "area", "period_start", "period_end"], name="rag_override_unique"
            )
        ]

    def __str__(self):
        return f"{self.measure} {self.area}: {self.get_rag_display()} (override)"


class FiguresSetting(VersionedModel):
    """A partnership's own setting for its figures: its area, what it is compared with, its baseline and its
    dashboard's measures. Data, not code, so any partnership can run its board (docs/decisions/0020)."""

    class Comparison(models.TextChoices):
        FORCE = "force", "The other districts of its police force"
        FAMILY = "family", "A named group chosen by officers (e.g. a most similar group)"

    class Baseline(models.TextChoices):
        FIXED_YEAR = "fixed_year", "The same months of a baseline year"
        YEAR_BEFORE = "year_before", "The same months a year earlier"

    partnership = models.OneToOneField("sbp.Partnership", on_delete=models.CASCADE, related_name="figures")
    source = models.CharField(
        "where its police figures come from",
        max_length=20,
        choices=Source.choices,
        default=Source.MPS_FILES,
        help_text="One source for every series: police.uk and MPS counts are never mixed.",
    )
    districts = models.ManyToManyField(
        Area, related_name="+", help_text="The local authority district(s) the partnership covers."
    )
    comparison = models.CharField(max_length=10, choices=Comparison.choices, default=Comparison.FORCE)
    family = models.ManyToManyField(
        Area, blank=True, related_name="+", help_text="The districts compared with, for a named group."
    )
    group_name = models.CharField(
        max_length=80, help_text="What papers call the group, as in '… rankings', e.g. 'Leicestershire Police'."
    )
    group_members = models.CharField(
        max_length=120, help_text="What papers call its members, as in 'Rank of the 9 …', e.g. 'force districts'."
    )
    baseline = models.CharField(max_length=12, choices=Baseline.choices, default=Baseline.YEAR_BEFORE)
    baseline_year = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="For a baseline year: the pre-pandemic 2019, say."
    )
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=~Q(baseline="fixed_year") | Q(baseline_year__isnull=False),
                name="figures_setting_baseline_year",
            )
        ]

    def __str__(self):
        return f"Figures of {self.partnership}"

    @property
    def area(self):
        """The district its figures are of: the first by name (several districts are not yet summed, ADR 0020).
        Reads a prefetched `districts` without a query."""
        return min(self.districts.all(), key=lambda district: district.name, default=None)


class DashboardMeasure(models.Model):
    """A measure on a partnership's dashboard and pack, in its order: a police line, a ranking table, or both."""

    setting = models.ForeignKey(FiguresSetting, on_delete=models.CASCADE, related_name="measures")
    measure = models.ForeignKey(Measure, on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField()
    police_line = models.BooleanField(default=True, help_text="In the police figures section.")
    ranked = models.BooleanField(default=False, help_text="With a ranking table against the comparison group.")
    history = HistoricalRecords()

    class Meta:
        ordering = ["setting", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["setting", "measure"],
                name="dashboard_measure_unique",
                violation_error_message="Each measure can be on the dashboard once: remove the repeated row.",
            ),
            models.CheckConstraint(condition=Q(police_line=True) | Q(ranked=True), name="dashboard_measure_shown"),
        ]

    def __str__(self):
        return f"{self.position}. {self.measure}"
