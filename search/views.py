"""One search page across people, publications, venues and organizations."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe
from django.views.decorators.vary import vary_on_headers

from affiliations.models import Organization
from config.htmx import template_for
from profiles.models import Person
from publications.models import Publication, Venue
from search import engine

PREVIEW = 5
PAGE_SIZE = 20


@dataclass(frozen=True)
class Kind:
    key: str
    label: str
    target: engine.Target
    queryset: Callable[[], QuerySet]


KINDS = [
    Kind(
        "people",
        "People",
        engine.PEOPLE,
        lambda: Person.objects.only("name", "slug", "headline", "is_stub"),
    ),
    Kind("publications", "Publications", engine.PUBLICATIONS, Publication.objects.for_listing),
    Kind(
        "venues",
        "Venues",
        engine.VENUES,
        lambda: Venue.objects.only("name", "short_name", "slug", "kind"),
    ),
    Kind(
        "organizations",
        "Organizations",
        engine.ORGANIZATIONS,
        lambda: Organization.objects.only("name", "slug", "kind", "country"),
    ),
]


@dataclass
class Group:
    kind: Kind
    hits: list
    has_more: bool = False
    page: Page | None = None


@require_safe
@vary_on_headers("HX-Request")
def search_page(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:200]
    only = next((k for k in KINDS if k.key == request.GET.get("kind")), None)
    groups = []
    if query:
        for kind in [only] if only else KINDS:
            if only:
                results = engine.search(kind.queryset(), kind.target, query)
                page = Paginator(results, PAGE_SIZE).get_page(request.GET.get("page"))
                groups.append(Group(kind, list(page), page=page))
            else:
                hits = engine.best(kind.queryset(), kind.target, query, PREVIEW + 1)
                groups.append(Group(kind, hits[:PREVIEW], has_more=len(hits) > PREVIEW))
        for group in groups:
            for hit in group.hits:
                hit.highlighted = engine.highlight(hit.search_headline, query)
    context = {"query": query, "only": only, "kinds": KINDS, "groups": groups}
    return render(request, template_for(request, "search/search.html", "results"), context)
