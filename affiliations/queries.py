"""Reads of organizations and affiliations, one method per page."""

from __future__ import annotations

from django.db import models
from django.db.models import Q


class OrganizationQuerySet(models.QuerySet):
    def for_detail(self) -> OrganizationQuerySet:
        return self.select_related("parent").prefetch_related(
            models.Prefetch("children", queryset=self.model.objects.order_by("name"))
        )


class AffiliationQuerySet(models.QuerySet):
    def current(self) -> AffiliationQuerySet:
        return self.filter(end="present")

    def during(self, year: int) -> AffiliationQuerySet:
        """Periods that overlap ``year`` (an unknown start or end counts as open)."""
        return self.filter(
            Q(start="") | Q(start__lte=f"{year}-12"),
            Q(end__in=["", "present"]) | Q(end__gte=str(year)),
        )

    def for_organization_page(self, organization) -> AffiliationQuerySet:
        return (
            self.filter(organization=organization)
            .select_related("person")
            .only(
                "kind",
                "title",
                "department",
                "start",
                "end",
                "person_id",
                "person__name",
                "person__slug",
                "person__is_stub",
            )
            .order_by("kind", "-end", "-start", "person__name")
        )
