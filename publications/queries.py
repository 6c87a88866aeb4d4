"""Reads of publications and venues, one method per page."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import models
from django.db.models import Exists, F, OuterRef, Prefetch, Subquery
from django.urls import reverse

from profiles.graph_version import GraphWritesQuerySet

# What a citation, an export or the API shows: everything but bookkeeping.
LISTED_FIELDS = (
    "title",
    "slug",
    "year",
    "month",
    "venue",
    "venue_name",
    "status",
    "doi",
    "pages",
    "location",
    "links",
    "note",
    "entry_type",
    "volume",
    "issue",
    "publisher",
    "editors",
    "arxiv_id",
    "isbn",
    "thesis_degree",
)
LISTED_VENUE_FIELDS = ("name", "short_name", "slug", "kind")


@dataclass(slots=True)
class Author:
    """One author of a listed publication, as pages and exports show it."""

    name: str
    position: int
    person_id: int | None
    slug: str
    url: str
    is_stub: bool
    is_equal_contribution: bool
    is_corresponding: bool
    category: str


@dataclass(slots=True)
class ListedVenue:
    """A listed publication's venue: what citations and exports show of it."""

    pk: int
    name: str
    short_name: str
    slug: str
    kind: str

    def get_absolute_url(self) -> str:
        return reverse("publications:venue-detail", args=[self.slug])


@dataclass(slots=True)
class ListedPublication:
    """A publication as a profile lists it, read-only: the fields, venue and authors
    that citations, exports and the API read of a ``Publication``, under the same
    names, built from one row."""

    pk: int
    title: str
    slug: str
    year: int | None
    month: int | None
    venue: ListedVenue | None
    venue_name: str
    status: str
    doi: str
    pages: str
    location: str
    links: list[dict]
    note: str
    entry_type: str
    volume: str
    issue: str
    publisher: str
    editors: list[str]
    arxiv_id: str
    isbn: str
    thesis_degree: str
    authors: list[Author] = field(default_factory=list)

    def get_absolute_url(self) -> str:
        return reverse("publications:publication-detail", args=[self.slug])

    def get_status_display(self) -> str:
        from publications.models import Publication

        return dict(Publication.Status.choices).get(self.status, self.status)


def url_maker(viewname: str) -> Callable[[str], str]:
    """A fast ``slug -> URL`` for a view taking one slug: one ``reverse()`` per page,
    not one per link (a long profile links thousands of people and papers)."""
    head, _, tail = reverse(viewname, args=["SLUG"]).rpartition("SLUG")
    return lambda slug: f"{head}{slug}{tail}"


def attach_authors(publications: list, among: models.QuerySet | None = None) -> None:
    """Set ``publication.authors`` (ordered ``Author`` rows) on each, in one query.

    Plain tuples, not model instances: a 200-paper profile lists well over a
    thousand authors, and this is most of what it costs. Given the papers' ids as a
    list, the linked person's slug comes from a correlated subquery, not a join:
    with a join PostgreSQL hashes the whole people table for a few hundred rows
    (80 ms at 28,000 people, not 5). Given them as a subquery (``among``: a person's
    papers), PostgreSQL estimates the rows well and joins person by person, which
    is cheaper again (2-4 ms, not 5-10, for a 200-paper profile).
    """
    from profiles.models import Person
    from publications.models import Authorship

    by_publication: dict[int, list[Author]] = {p.pk: [] for p in publications}
    if among is not None:
        authorships = Authorship.objects.filter(publication__in=among).annotate(
            person_slug=F("person__slug"), person_is_stub=F("person__is_stub")
        )
    else:
        person = Person.objects.filter(pk=OuterRef("person_id"))
        authorships = Authorship.objects.filter(publication__in=list(by_publication)).annotate(
            person_slug=Subquery(person.values("slug")[:1]),
            person_is_stub=Subquery(person.values("is_stub")[:1]),
        )
    rows = authorships.order_by("publication_id", "position").values_list(
        "publication_id",
        "name",
        "position",
        "person_id",
        "person_slug",
        "person_is_stub",
        "is_equal_contribution",
        "is_corresponding",
        "category",
    )
    url = url_maker("profiles:person-detail")
    for row in rows:
        publication_id, name, position, person_id, slug, is_stub, *marks, category = row
        if publication_id not in by_publication:  # ``among`` wider than the list
            continue
        by_publication[publication_id].append(
            Author(
                name,
                position,
                person_id,
                slug or "",
                url(slug) if slug else "",
                bool(is_stub),
                *marks,
                category,
            )
        )
    for publication in publications:
        publication.authors = by_publication[publication.pk]


class VenueQuerySet(GraphWritesQuerySet):
    def orphans(self) -> VenueQuerySet:
        """Venues no paper appeared at, for staff to clean up."""
        from publications.models import Publication

        return self.filter(~Exists(Publication.objects.filter(venue=OuterRef("pk"))))


class PublicationQuerySet(GraphWritesQuerySet):
    _with_authors = False

    def _clone(self):
        clone = super()._clone()
        clone._with_authors = self._with_authors
        return clone

    def _fetch_all(self) -> None:
        # Like prefetch_related(), once, when the rows are first fetched.
        attach = self._result_cache is None and self._with_authors
        super()._fetch_all()
        if attach and self._iterable_class is models.query.ModelIterable:
            attach_authors(self._result_cache)

    def with_authors(self) -> PublicationQuerySet:
        """Each publication gets ``.authors``, its ``Author`` list, in one more query."""
        clone = self._chain()
        clone._with_authors = True
        return clone

    def by_person(self, person) -> PublicationQuerySet:
        from publications.models import Authorship

        return self.filter(
            Exists(Authorship.objects.filter(publication=OuterRef("pk"), person=person))
        )

    def by_people_of(self, organization) -> PublicationQuerySet:
        from publications.models import Authorship

        # IN (subquery), not a correlated EXISTS: SQLite would run that once per paper.
        authored = Authorship.objects.filter(person__affiliations__organization=organization)
        return self.filter(pk__in=authored.values("publication_id"))

    def orphans(self) -> PublicationQuerySet:
        """Papers on nobody's page: no author linked to a person (a misread CV's debris,
        once its uploader unlinked it), for staff to clean up."""
        from publications.models import Authorship

        linked = Authorship.objects.filter(publication=OuterRef("pk"), person__isnull=False)
        return self.filter(~Exists(linked))

    def newest_first(self) -> PublicationQuerySet:
        return self.order_by(F("year").desc(nulls_last=True), "title", "pk")

    def years(self) -> list[int]:
        rows = self.order_by().values_list("year", flat=True).distinct()
        return sorted((year for year in rows if year), reverse=True)

    def for_listing(self) -> PublicationQuerySet:
        """Publications shown as citations, with their venues and ordered authors in two
        more queries (each venue made once, however many of the papers appeared there)."""
        from publications.models import Venue

        venues = Venue.objects.only(*LISTED_VENUE_FIELDS)
        return (
            self.only(*LISTED_FIELDS)
            .prefetch_related(Prefetch("venue", queryset=venues))
            .with_authors()
        )

    def for_profile(self, person) -> list[ListedPublication]:
        """A person's publications, newest first, as ``ListedPublication`` rows with
        their venues and ordered authors: two queries, and no model instances (for 200
        papers, building them was a fifth of the profile page's time)."""
        from publications.models import Authorship

        papers = Authorship.objects.filter(person=person).values("publication_id")
        venue_fields = (f"venue__{name}" for name in LISTED_VENUE_FIELDS)
        rows = (
            self.by_person(person).newest_first().values_list("pk", *LISTED_FIELDS, *venue_fields)
        )
        venues: dict[int, ListedVenue] = {}
        publications = []
        for pk, title, slug, year, month, venue_id, *own, v_name, v_short, v_slug, v_kind in rows:
            venue = venues.get(venue_id)
            if venue is None and venue_id is not None:
                venue = venues[venue_id] = ListedVenue(venue_id, v_name, v_short, v_slug, v_kind)
            publications.append(ListedPublication(pk, title, slug, year, month, venue, *own))
        attach_authors(publications, among=papers)
        return publications

    def for_detail(self) -> PublicationQuerySet:
        """As listed, with the version an edit names (the API's PATCH answers it)."""
        return self.for_listing().only(*LISTED_FIELDS, "version")


class ProposalQuerySet(models.QuerySet):
    def pending_for(self, person) -> ProposalQuerySet:
        """The proposals waiting for ``person``'s owner, of authors still unlinked (the
        owner's own CV may have linked one since), with what the queue shows."""
        return (
            self.filter(person=person, status="pending", authorship__person=None)
            .select_related("authorship__publication__venue", "document__person")
            .order_by("-created_at", "pk")
        )
