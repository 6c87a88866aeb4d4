"""Publication and venue pages, and a publication's BibTeX."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import condition, require_safe
from django.views.decorators.vary import vary_on_headers

from config.caching import anonymous_etag
from config.htmx import template_for
from profiles import graph_version
from publications.exports import bibtex, highwire_meta, scholarly_article
from publications.models import Publication, Venue

PAGE_SIZE = 50


def year_filter(request: HttpRequest, years: list[int]) -> int | None:
    """The ``year`` asked for, if it is one of ``years``."""
    year = request.GET.get("year", "")
    return int(year) if year.isdigit() and int(year) in years else None


def _publication_version(slug: str) -> str | None:
    pk = Publication.objects.filter(slug=slug).values_list("pk", flat=True).first()
    return None if pk is None else graph_version.of_scope("publication", pk)


@require_safe
@condition(etag_func=anonymous_etag(_publication_version))
def publication_detail(request: HttpRequest, slug: str) -> HttpResponse:
    publication = get_object_or_404(Publication.objects.for_detail(), slug=slug)
    # A CV that lists a paper has its owner among the authors (the import links the
    # owner's own name), so the profiles listing it are its authors with a profile.
    listed_by = sorted(
        (a for a in publication.authors if a.person_id and not a.is_stub), key=lambda a: a.name
    )
    context = {
        "publication": publication,
        "listed_by": listed_by,
        "bibtex": bibtex([publication]),
        "jsonld": scholarly_article(publication, request.build_absolute_uri),
        "citation_meta": highwire_meta(publication),
    }
    return render(request, "publications/publication_detail.html", context)


@require_safe
def publication_bibtex(request: HttpRequest, slug: str) -> HttpResponse:
    publication = get_object_or_404(Publication.objects.for_detail(), slug=slug)
    response = HttpResponse(
        bibtex([publication]), content_type="application/x-bibtex; charset=utf-8"
    )
    response["Content-Disposition"] = f'inline; filename="{publication.slug}.bib"'
    return response


@require_safe
@vary_on_headers("HX-Request")
def venue_detail(request: HttpRequest, slug: str) -> HttpResponse:
    venue = get_object_or_404(Venue, slug=slug)
    publications = Publication.objects.filter(venue=venue)
    years = publications.years()
    year = year_filter(request, years)
    if year:
        publications = publications.filter(year=year)
    page = Paginator(publications.for_listing().newest_first(), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {"venue": venue, "years": years, "year": year, "page": page}
    return render(
        request, template_for(request, "publications/venue_detail.html", "results"), context
    )
