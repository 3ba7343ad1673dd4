from django.contrib import admin

from crime.models import (
    Area,
    CrimeCategory,
    Hotspot,
    Measure,
    MeasureComponent,
    MonthCoverage,
    Population,
    Release,
    ReportedFigure,
)


@admin.register(Area)
class AreaAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "code", "ward_vintage", "lsoa_vintage", "parent", "police_force"]
    list_filter = ["kind", "ward_vintage", "lsoa_vintage"]
    list_select_related = ["parent", "police_force"]
    search_fields = ["name", "short_name", "code", "slug"]
    # The ONS lookup brings some 43,000 areas: a select of them all would make every change page megabytes.
    raw_id_fields = ["parent", "police_force"]


@admin.register(Population)
class PopulationAdmin(admin.ModelAdmin):
    list_display = ["area", "mid_year", "value", "source"]
    list_filter = ["mid_year", "source"]


@admin.register(CrimeCategory)
class CrimeCategoryAdmin(admin.ModelAdmin):
    list_display = ["major_text", "minor_text", "layout"]
    list_filter = ["layout"]
    search_fields = ["major_text", "minor_text"]


@admin.register(Release)
class ReleaseAdmin(admin.ModelAdmin):
    list_display = [
        "file_name", "source", "force", "layout", "level", "first_month", "last_month", "published_on", "rows",
        "imported_at",
    ]  # fmt: skip
    list_filter = ["source", "force"]
    # Counts come from the file and stay as it published them: correct them by importing a revised release.
    # The publication date decides coverage, so it is corrected on the import page, which recomputes it; the
    # source and force decide whose coverage it is part of.
    readonly_fields = [
        "sha256", "area_ids", "counts_written", "areas", "rows", "published_on", "publication_basis", "source", "force",
        "unlocated_rows",
    ]  # fmt: skip


class MeasureComponentInline(admin.TabularInline):
    model = MeasureComponent
    extra = 0


@admin.register(Measure)
class MeasureAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "polarity", "green_max_change", "amber_max_change", "source"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MeasureComponentInline]


@admin.register(ReportedFigure)
class ReportedFigureAdmin(admin.ModelAdmin):
    list_display = ["measure", "area", "statistic", "period_label", "value", "rank", "rag", "source"]
    list_filter = ["measure", "statistic", "source"]
    list_select_related = ["measure", "area"]


@admin.register(Hotspot)
class HotspotAdmin(admin.ModelAdmin):
    list_display = ["measure", "rank", "ward", "count", "share_percent", "source"]
    list_filter = ["measure", "source"]
    list_select_related = ["measure", "ward"]


@admin.register(MonthCoverage)
class MonthCoverageAdmin(admin.ModelAdmin):
    list_display = ["source", "force", "level", "month", "release"]
    list_filter = ["source", "force", "level"]
    list_select_related = ["release"]
