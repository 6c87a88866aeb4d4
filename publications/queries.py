"""Reads of publications and venues, one method per page."""

from __future__ import annotations

from django.db import models
from django.db.models import Exists, F, OuterRef, Prefetch


def _authorships() -> models.QuerySet:
    from publications.models import Authorship

    return (
        Authorship.objects.select_related("person")
        .only(
            "publication_id",
            "position",
            "name",
            "person_id",
            "is_equal_contribution",
            "is_corresponding",
            "category",
            "person__name",
            "person__slug",
            "person__is_stub",
        )
        .order_by("position")
    )


class PublicationQuerySet(models.QuerySet):
    def by_person(self, person) -> PublicationQuerySet:
        from publications.models import Authorship

        return self.filter(
            Exists(Authorship.objects.filter(publication=OuterRef("pk"), person=person))
        )

    def by_people_of(self, organization) -> PublicationQuerySet:
        from publications.models import Authorship

        return self.filter(
            Exists(
                Authorship.objects.filter(
                    publication=OuterRef("pk"),
                    person__affiliations__organization=organization,
                )
            )
        )

    def newest_first(self) -> PublicationQuerySet:
        return self.order_by(F("year").desc(nulls_last=True), "title", "pk")

    def years(self) -> list[int]:
        rows = self.order_by().values_list("year", flat=True).distinct()
        return sorted((year for year in rows if year), reverse=True)

    def for_listing(self) -> PublicationQuerySet:
        """Publications shown as citations: venue and ordered authors in two queries."""
        return self.select_related("venue").prefetch_related(
            Prefetch("authorships", queryset=_authorships())
        )

    def for_profile(self, person) -> PublicationQuerySet:
        return self.by_person(person).for_listing().newest_first()

    def for_detail(self) -> PublicationQuerySet:
        return self.for_listing()
