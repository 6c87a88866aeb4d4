from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from editing.admin import unlink_selected_authorships

from .models import Authorship, Publication, Venue


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
    list_filter = ["kind"]
    search_fields = ["name", "short_name", "key"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Publication)
class PublicationAdmin(SimpleHistoryAdmin):
    list_display = ["title", "year", "entry_type", "venue", "status", "doi"]
    list_filter = ["entry_type", "status", "year", "venue__kind"]
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
