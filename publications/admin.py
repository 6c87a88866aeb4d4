from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from editing.admin import unlink_selected_authorships

from .models import Authorship, AuthorshipProposal, Publication, Venue


class OrphanFilter(admin.SimpleListFilter):
    """Rows nothing links to: venues without papers, papers on nobody's page."""

    title = "orphans"
    parameter_name = "orphan"

    def lookups(self, request, model_admin):
        return [("yes", "Orphans only")]

    def queryset(self, request, queryset):
        return queryset.orphans() if self.value() == "yes" else queryset


@admin.action(description="Delete the selected orphans (rows still linked are kept)")
def delete_orphans(modeladmin, request, queryset) -> None:
    orphans = queryset.orphans()
    count = orphans.count()
    orphans.delete()
    kept = queryset.count()
    modeladmin.message_user(
        request, f"Deleted {count} orphans; kept {kept} selected rows that are still linked."
    )


class AuthorshipInline(admin.TabularInline):
    model = Authorship
    fields = [
        "position",
        "name",
        "person",
        "is_equal_contribution",
        "is_corresponding",
        "is_linked_by_hand",
        "category",
    ]
    autocomplete_fields = ["person"]
    extra = 0


@admin.register(Venue)
class VenueAdmin(SimpleHistoryAdmin):
    list_display = ["name", "short_name", "kind"]
    list_filter = [OrphanFilter, "kind"]
    actions = [delete_orphans]
    search_fields = ["name", "short_name", "key"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Publication)
class PublicationAdmin(SimpleHistoryAdmin):
    list_display = ["title", "year", "entry_type", "venue", "status", "doi"]
    list_filter = [OrphanFilter, "entry_type", "thesis_degree", "status", "year", "venue__kind"]
    actions = [delete_orphans]
    search_fields = [
        "title",
        "doi",
        "arxiv_id",
        "isbn",
        "venue__name",
        "venue__short_name",
        "authorships__name",
    ]
    autocomplete_fields = ["venue"]
    list_select_related = ["venue"]
    filter_horizontal = ["documents"]
    inlines = [AuthorshipInline]


@admin.register(Authorship)
class AuthorshipAdmin(SimpleHistoryAdmin):
    list_display = ["name", "position", "person", "publication", "is_equal_contribution"]
    list_filter = ["is_equal_contribution", "is_linked_by_hand", "is_corresponding"]
    actions = [unlink_selected_authorships]  # editing/admin.py
    search_fields = ["name", "person__name", "publication__title"]
    autocomplete_fields = ["publication", "person"]
    list_select_related = ["person", "publication"]


@admin.register(AuthorshipProposal)
class AuthorshipProposalAdmin(admin.ModelAdmin):
    list_display = ["person", "authorship", "status", "created_at", "decided_at"]
    list_filter = ["status"]
    search_fields = ["person__name", "authorship__name", "authorship__publication__title"]
    autocomplete_fields = ["authorship", "person"]
    list_select_related = ["person", "authorship"]
