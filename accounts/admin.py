from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest

from .models import Claim


@admin.register(Claim)
class ClaimAdmin(admin.ModelAdmin):
    list_display = ["person", "user", "status", "created_at", "decided_by"]
    list_filter = ["status", "created_at"]
    search_fields = ["person__name", "user__username", "user__email", "message"]
    list_select_related = ["person", "user", "decided_by"]
    autocomplete_fields = ["person", "user"]
    readonly_fields = ["status", "decided_by", "decided_at", "created_at"]
    actions = ["approve", "reject"]

    @admin.action(description="Approve: make the claimant the owner")
    def approve(self, request: HttpRequest, queryset: QuerySet[Claim]) -> None:
        approved = 0
        for claim in queryset.filter(status=Claim.Status.PENDING).select_related("person"):
            if claim.person.owner_id or hasattr(claim.user, "person"):
                self.message_user(
                    request,
                    f"{claim}: the person already has an owner or the user a profile.",
                    messages.WARNING,
                )
                continue
            claim.approve(request.user)
            approved += 1
        self.message_user(request, f"Approved {approved} claim(s).", messages.SUCCESS)

    @admin.action(description="Reject")
    def reject(self, request: HttpRequest, queryset: QuerySet[Claim]) -> None:
        pending = list(queryset.filter(status=Claim.Status.PENDING))
        for claim in pending:
            claim.reject(request.user)
        self.message_user(request, f"Rejected {len(pending)} claim(s).", messages.SUCCESS)
