from django.contrib import admin

from sbp.models import Organisation, Partnership, PartnershipRole, Person


class PartnershipRoleInline(admin.TabularInline):
    """Who holds which role in the partnership, until roles are administered in the app."""

    model = PartnershipRole
    extra = 1
    autocomplete_fields = ["user"]


@admin.register(Partnership)
class PartnershipAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]
    inlines = [PartnershipRoleInline]


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
