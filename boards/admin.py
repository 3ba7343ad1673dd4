from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AdminFileWidget
from django.db import models

from boards.forms import PaperField
from boards.models import (
    Action,
    ActionUpdate,
    AgendaItem,
    Attendance,
    Board,
    DeclarationOfInterest,
    Meeting,
    Membership,
    Minute,
    Report,
    ReportAppendix,
    Resolution,
)
from boards.paper_text import PaperTextForm


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["person", "representing"]


@admin.register(Board)
class BoardAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "host", "quorum"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MembershipInline]


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    extra = 0
    fields = ["position", "number", "suffix", "title", "kind", "part", "exempt_reason", "presenter"]
    autocomplete_fields = ["presenter"]


class AttendanceInline(admin.TabularInline):
    model = Attendance
    extra = 0
    fk_name = "meeting"
    autocomplete_fields = ["person", "alternate_for"]


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["__str__", "starts_at", "mode", "status", "minutes_status"]
    list_filter = ["board", "status", "minutes_status", "mode"]
    date_hierarchy = "starts_at"
    search_fields = ["board__name", "title", "venue"]
    autocomplete_fields = ["contact_officer", "minutes_approved_by"]
    inlines = [AgendaItemInline, AttendanceInline]


# Papers and appendices uploaded here meet the same size limit as on the agenda pages.
PAPER_UPLOADS = {models.FileField: {"form_class": PaperField, "widget": AdminFileWidget}}


class PaperForm(PaperTextForm, forms.ModelForm):
    """Reads an uploaded paper's text for search, as the agenda pages do."""


@admin.register(AgendaItem)
class AgendaItemAdmin(admin.ModelAdmin):
    form = PaperForm
    formfield_overrides = PAPER_UPLOADS
    list_display = ["__str__", "meeting", "kind", "part"]
    list_filter = ["part", "kind", "meeting__board"]
    search_fields = ["title", "context"]


class AppendixInline(admin.TabularInline):
    model = ReportAppendix
    form = PaperForm
    formfield_overrides = PAPER_UPLOADS
    extra = 0


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ["report_number", "title", "date", "part"]
    search_fields = ["report_number", "title"]
    autocomplete_fields = ["agenda_item", "contact_officer"]
    inlines = [AppendixInline]


class ResolutionInline(admin.StackedInline):
    model = Resolution
    extra = 0


class ActionInline(admin.StackedInline):
    model = Action
    extra = 0
    autocomplete_fields = ["owner_person", "owner_organisation", "resolution"]


@admin.register(Minute)
class MinuteAdmin(admin.ModelAdmin):
    list_display = ["__str__", "meeting"]
    list_filter = ["meeting__board", "meeting"]
    search_fields = ["title", "text"]
    inlines = [ResolutionInline, ActionInline]


@admin.register(Resolution)
class ResolutionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "minute"]
    search_fields = ["text"]


class ActionUpdateInline(admin.TabularInline):
    model = ActionUpdate
    extra = 0


@admin.register(Action)
class ActionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "minute", "due_date", "status"]
    list_filter = ["status", "owner_organisation"]
    search_fields = ["description", "action_by"]
    inlines = [ActionUpdateInline]


@admin.register(Attendance)
class AttendanceAdmin(admin.ModelAdmin):
    list_display = ["person", "meeting", "status", "alternate_for"]
    list_filter = ["status", "meeting"]


@admin.register(DeclarationOfInterest)
class DeclarationOfInterestAdmin(admin.ModelAdmin):
    list_display = ["person", "meeting", "agenda_item"]
