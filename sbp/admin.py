from django.contrib import admin

from sbp.models import Organisation, Partnership, Person


@admin.register(Partnership)
class PartnershipAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "sector", "statutory"]
    list_filter = ["sector", "statutory"]
    search_fields = ["name", "short_name"]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["name", "honorific", "job_title", "organisation", "initials", "user"]
    list_filter = ["organisation"]
    search_fields = ["name", "job_title", "email", "initials"]
    autocomplete_fields = ["organisation", "user"]
