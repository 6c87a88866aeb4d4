from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from profiles.admin import PersonEntryAdmin

from .models import Affiliation, Mentorship, Organization


class MentorshipInline(admin.TabularInline):
    model = Mentorship
    fk_name = "affiliation"
    fields = ["advisor", "advisee", "role", "name_as_written"]
    autocomplete_fields = ["advisor", "advisee"]
    extra = 0


@admin.register(Organization)
class OrganizationAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "parent", "country"]
    list_filter = ["kind", "country"]
    search_fields = ["name", "key", "aliases"]
    autocomplete_fields = ["parent"]
    list_select_related = ["parent"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Affiliation)
class AffiliationAdmin(PersonEntryAdmin):
    list_display = ["person", "kind", "title", "organization", "start", "end"]
    list_filter = ["kind"]
    search_fields = ["person__name", "organization__name", "organization_name", "title", "field"]
    autocomplete_fields = ["person", "organization"]
    list_select_related = ["person", "organization"]
    inlines = [MentorshipInline]


@admin.register(Mentorship)
class MentorshipAdmin(SimpleHistoryAdmin):
    list_display = ["advisor", "advisee", "role", "affiliation"]
    list_filter = ["role"]
    search_fields = ["advisor__name", "advisee__name", "name_as_written"]
    autocomplete_fields = ["advisor", "advisee", "affiliation"]
    list_select_related = ["advisor", "advisee", "affiliation__organization"]
