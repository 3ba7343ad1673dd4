from django.contrib import admin

from strategy.models import (
    PartnerMetric,
    Priority,
    ProgressUpdate,
    Strategy,
    SubPriority,
    SuccessMeasure,
    Workstream,
)


class PriorityInline(admin.TabularInline):
    model = Priority
    extra = 0
    fields = ["number", "title", "lead_partner", "substantive_quarter"]


@admin.register(Strategy)
class StrategyAdmin(admin.ModelAdmin):
    list_display = ["title", "starts_on", "ends_on", "adopted_on"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [PriorityInline]


class SubPriorityInline(admin.StackedInline):
    model = SubPriority
    extra = 0


class WorkstreamInline(admin.StackedInline):
    model = Workstream
    extra = 0


class SuccessMeasureInline(admin.StackedInline):
    model = SuccessMeasure
    extra = 0


@admin.register(Priority)
class PriorityAdmin(admin.ModelAdmin):
    list_display = ["__str__", "strategy", "lead_partner", "substantive_quarter"]
    inlines = [SubPriorityInline, WorkstreamInline, SuccessMeasureInline]


class PartnerMetricInline(admin.TabularInline):
    model = PartnerMetric
    extra = 0


@admin.register(ProgressUpdate)
class ProgressUpdateAdmin(admin.ModelAdmin):
    list_display = ["__str__", "sub_priority", "rag", "reported_on"]
    list_filter = ["financial_year", "quarter", "rag", "partner"]
    inlines = [PartnerMetricInline]
