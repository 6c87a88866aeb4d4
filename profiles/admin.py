from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from affiliations.models import Affiliation
from awards.models import Award
from editing.admin import merge_selected_people

from .models import CVDocument, Person, PersonName, ProfileSection, Project, Skill, Teaching


class PersonNameInline(admin.TabularInline):
    model = PersonName
    fields = ["name", "key"]
    extra = 0


class AffiliationInline(admin.StackedInline):
    model = Affiliation
    fields = [
        ("kind", "order"),
        ("organization", "organization_name"),
        ("title", "field", "department"),
        ("start", "end", "location", "gpa"),
        "details",
    ]
    autocomplete_fields = ["organization"]
    extra = 0
    show_change_link = True


class AwardInline(admin.TabularInline):
    model = Award
    fields = ["order", "title", "year", "issuer", "rank"]
    extra = 0


class TeachingInline(admin.TabularInline):
    model = Teaching
    fields = ["order", "course", "role", "institution", "term"]
    extra = 0


class ProjectInline(admin.TabularInline):
    model = Project
    fields = ["order", "name", "url"]
    extra = 0


class SkillInline(admin.TabularInline):
    model = Skill
    fields = ["order", "category", "name"]
    extra = 0


class ProfileSectionInline(admin.StackedInline):
    model = ProfileSection
    fields = [("heading", "order"), "items"]
    extra = 0


@admin.register(Person)
class PersonAdmin(SimpleHistoryAdmin):
    list_display = ["name", "headline", "is_stub", "owner", "updated_at"]
    actions = [merge_selected_people]  # editing/admin.py
    list_filter = ["is_stub", "updated_at"]
    search_fields = ["name", "slug", "names__name", "headline"]
    list_select_related = ["owner"]
    autocomplete_fields = ["owner"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["created_at", "updated_at", "version"]
    inlines = [
        PersonNameInline,
        AffiliationInline,
        AwardInline,
        TeachingInline,
        ProjectInline,
        SkillInline,
        ProfileSectionInline,
    ]
    fieldsets = [
        (None, {"fields": ["name", "slug", ("given_name", "family_name"), "headline", "owner"]}),
        ("About", {"fields": ["bio", "research_interests", "photo_url"]}),
        ("Contact", {"fields": ["emails", "phones", "homepage", "links", "address"]}),
        (
            "Bookkeeping",
            {"fields": ["is_stub", "edited_fields", "version", "created_at", "updated_at"]},
        ),
    ]


@admin.register(PersonName)
class PersonNameAdmin(SimpleHistoryAdmin):
    list_display = ["name", "person", "key"]
    search_fields = ["name", "key", "person__name"]
    autocomplete_fields = ["person"]
    list_select_related = ["person"]


@admin.register(CVDocument)
class CVDocumentAdmin(admin.ModelAdmin):
    list_display = ["original_filename", "person", "format", "status", "size", "created_at"]
    list_filter = ["status", "format", "created_at"]
    search_fields = ["original_filename", "sha256", "person__name"]
    autocomplete_fields = ["person", "uploaded_by"]
    list_select_related = ["person"]
    readonly_fields = [
        "sha256",
        "size",
        "parser_version",
        "created_at",
        "updated_at",
        "imported_at",
    ]


class PersonEntryAdmin(SimpleHistoryAdmin):
    """Shared set-up of the per-person entries."""

    autocomplete_fields = ["person"]
    list_select_related = ["person"]
    raw_id_fields = ["source_document"]


@admin.register(Teaching)
class TeachingAdmin(PersonEntryAdmin):
    list_display = ["course", "role", "institution", "term", "person"]
    search_fields = ["course", "institution", "person__name"]
    list_filter = ["role"]


@admin.register(Project)
class ProjectAdmin(PersonEntryAdmin):
    list_display = ["name", "person", "url"]
    search_fields = ["name", "description", "person__name"]
    list_filter = ["created_at"]


@admin.register(Skill)
class SkillAdmin(PersonEntryAdmin):
    list_display = ["name", "category", "person"]
    search_fields = ["name", "category", "person__name"]
    list_filter = ["category"]


@admin.register(ProfileSection)
class ProfileSectionAdmin(PersonEntryAdmin):
    list_display = ["heading", "person", "order"]
    search_fields = ["heading", "person__name"]
    list_filter = ["heading"]
