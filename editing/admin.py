"""Merges and unlinks in the admin: the record of each merge, and actions for staff."""

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest

from profiles.models import Person
from publications.models import Authorship

from .merge import merge_people, revert_merge, unlink
from .models import MergeRecord


@admin.register(MergeRecord)
class MergeRecordAdmin(admin.ModelAdmin):
    list_display = ["duplicate_name", "kept", "merged_by", "created_at", "reverted_at"]
    list_filter = ["created_at", "reverted_at"]
    search_fields = ["duplicate_name", "duplicate_slug", "kept__name"]
    list_select_related = ["kept", "merged_by"]
    readonly_fields = [
        "kept",
        "duplicate_name",
        "duplicate_slug",
        "snapshot",
        "moved",
        "created",
        "merged_by",
        "created_at",
        "reverted_at",
    ]
    actions = ["revert"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    @admin.action(description="Revert the selected merges (the duplicate comes back)")
    def revert(self, request: HttpRequest, queryset: QuerySet[MergeRecord]) -> None:
        for record in queryset.filter(reverted_at=None).select_related("kept"):
            duplicate = revert_merge(record)
            self.message_user(request, f"{duplicate} is back.", messages.SUCCESS)


@admin.action(
    description="Merge the two selected people (the one with an account, or the older, stays)"
)
def merge_selected_people(modeladmin, request: HttpRequest, queryset: QuerySet[Person]) -> None:
    people = sorted(queryset, key=lambda p: (p.owner_id is None, p.is_stub, p.created_at))
    if len(people) != 2:
        modeladmin.message_user(request, "Select exactly two people to merge.", messages.ERROR)
        return
    kept, duplicate = people
    try:
        merge_people(kept=kept, duplicate=duplicate, by=request.user)
    except ValueError as error:
        modeladmin.message_user(request, str(error), messages.ERROR)
    else:
        modeladmin.message_user(request, f"Merged {duplicate} into {kept}.", messages.SUCCESS)


@admin.action(description="Unlink the selected authors from their people")
def unlink_selected_authorships(
    modeladmin, request: HttpRequest, queryset: QuerySet[Authorship]
) -> None:
    linked = list(queryset.exclude(person=None))
    for authorship in linked:
        unlink(authorship)
    modeladmin.message_user(request, f"Unlinked {len(linked)} author(s).", messages.SUCCESS)
