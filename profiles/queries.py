"""Reads of people, one method per page (``Person.objects.for_profile()``)."""

from __future__ import annotations

import re

from django.db import models
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.db.models.expressions import RawSQL

from profiles.graph_version import GraphWritesQuerySet


class PersonQuerySet(GraphWritesQuerySet):
    def with_cv(self) -> PersonQuerySet:
        return self.filter(is_stub=False)

    def for_home(self) -> PersonQuerySet:
        return self.with_cv().order_by("-updated_at").only("name", "slug", "headline", "updated_at")

    def in_organization(self, organization: str) -> PersonQuerySet:
        """People affiliated with the organization of that slug, with one whose name
        contains ``organization`` or that is also known as ``organization`` (any case),
        its units included."""
        from affiliations.models import Affiliation, Organization

        # A whole alias, not part of one: aliases are mostly acronyms, and "MIT" is in
        # many a longer word. Each alias on its own, as in with_interest().
        aliases = _elements(self.db_vendor, "o.aliases", "alias")
        known_as = RawSQL(
            f"SELECT o.id FROM {Organization._meta.db_table} AS o, {aliases}"
            " WHERE lower(alias.value) = lower(%s)",
            [organization],
        )
        # The organizations and their units first, in a query of their own: given their
        # ids, PostgreSQL knows how few people they hold. Given a subquery (or the OR of
        # joined tables), it guesses thousands and, for a page of 20, walks everybody in
        # name order: 280 ms, not 10, at 28,000 people.
        named = Organization.objects.filter(
            Q(slug=organization) | Q(name__icontains=organization) | Q(pk__in=known_as)
        ).values("pk")
        units = list(
            Organization.objects.filter(Q(pk__in=named) | Q(parent__in=named)).values_list(
                "pk", flat=True
            )
        )
        return self.filter(
            Exists(Affiliation.objects.filter(organization__in=units, person=OuterRef("pk")))
        )

    def with_role(self, kind: str) -> PersonQuerySet:
        """People whose current affiliation (open-ended) is of ``kind`` ("education", ...)."""
        from affiliations.models import Affiliation

        return self.filter(
            Exists(Affiliation.objects.current().filter(person=OuterRef("pk"), kind=kind))
        )

    def with_interest(self, interest: str) -> PersonQuerySet:
        """People with a research interest that has ``interest`` in it as whole words, in
        any case: "learning" finds "Machine Learning", "AI" does not find "Fairness"."""
        # Each interest on its own. icontains over the list's JSON text would be simpler
        # but matches the JSON, not the interests: across two of them ('Systems", "Deep'),
        # the separators (",") and, on SQLite, not "é" (stored as "\u00e9").
        text = interest.strip()
        if self.db_vendor == "postgresql":
            (start, end), test = (r"\m", r"\M"), "interest.value ~* %s"
        else:  # Django gives SQLite a REGEXP function: Python's re.search
            (start, end), test = (r"\b", r"\b"), "interest.value REGEXP ('(?i)' || %s)"
        # A boundary only at a word character: "C++" ends in none.
        pattern = "".join(
            [
                start if re.match(r"\w", text) else "",
                re.escape(text),
                end if re.search(r"\w$", text) else "",
            ]
        )
        interests = _elements(self.db_vendor, "p.research_interests", "interest")
        table = self.model._meta.db_table
        return self.filter(
            pk__in=RawSQL(f"SELECT p.id FROM {table} AS p, {interests} WHERE {test}", [pattern])
        )

    @property
    def db_vendor(self) -> str:
        from django.db import connections

        return connections[self.db].vendor

    def for_directory(self) -> PersonQuerySet:
        from affiliations.models import Affiliation, Organization

        # The organizations in a query of their own, by primary key: joined, PostgreSQL
        # hashes the whole organizations table for a page's dozen affiliations.
        organizations = Organization.objects.only("name", "slug", "kind", "country")
        return self.only(
            "name", "slug", "headline", "is_stub", "research_interests", "photo_url"
        ).prefetch_related(
            Prefetch(
                "affiliations",
                queryset=Affiliation.objects.current()
                .only(
                    "person_id",
                    "title",
                    "kind",
                    "organization_id",
                    "organization_name",
                    "start",
                    "end",
                    "order",
                )
                .prefetch_related(Prefetch("organization", queryset=organizations))
                .order_by("order"),
                to_attr="current_affiliations",
            )
        )

    def for_profile(self) -> PersonQuerySet:
        from affiliations.models import Affiliation

        return self.prefetch_related(
            "names",
            Prefetch(
                "affiliations",
                queryset=Affiliation.objects.select_related("organization").order_by("order"),
            ),
            Prefetch("awards", queryset=_ordered("awards.Award", "-year", "order")),
            Prefetch("teachings", queryset=_ordered("profiles.Teaching", "order")),
            Prefetch("projects", queryset=_ordered("profiles.Project", "order")),
            Prefetch("skills", queryset=_ordered("profiles.Skill", "order")),
            # Never a private section (referees): public pages, exports and the API read
            # these; their owner sees and edits them on the editing page.
            Prefetch(
                "profilesections",
                queryset=_ordered("profiles.ProfileSection", "order").filter(is_private=False),
            ),
        )


SHOWN = ("name", "slug", "is_stub")  # of the people in a mentorship


def mentorships_of(person) -> models.QuerySet:
    """The person's advisors and advisees in one query (the profile splits them) as
    rows: ids, role, and the name, slug and stub mark of both people. A professor lists
    dozens of advisees; two model instances each cost more than the rest of the page."""
    from affiliations.models import Mentorship

    people = [f"{side}__{name}" for side in ("advisor", "advisee") for name in SHOWN]
    return (
        Mentorship.objects.filter(Q(advisee=person) | Q(advisor=person))
        .order_by("pk")
        .values_list("advisor_id", "advisee_id", "affiliation_id", "role", *people, named=True)
    )


def _elements(vendor: str, column: str, alias: str) -> str:
    """SQL for the elements of the JSON list in ``column`` as rows ``alias.value``; none
    when it holds no list (the admin edits these fields as raw JSON)."""
    if vendor == "postgresql":
        listed = f"CASE WHEN jsonb_typeof({column}) = 'array' THEN {column} ELSE '[]' END"
        return f"jsonb_array_elements_text({listed}) AS {alias}(value)"
    listed = f"CASE WHEN json_type({column}) = 'array' THEN {column} ELSE '[]' END"
    return f"json_each({listed}) AS {alias}"


def _ordered(label: str, *fields: str) -> models.QuerySet:
    from django.apps import apps

    return apps.get_model(label).objects.order_by(*fields, "pk")
