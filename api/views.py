"""A read-only JSON API: plain function views, paginated lists, stable URLs.

Lists answer ``{"count", "next", "previous", "results"}``; ``openapi.json`` describes
everything, and ``/api/`` renders that description as a page.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.core.paginator import InvalidPage, Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from affiliations.models import Organization
from api import serializers
from api.openapi import schema
from editing.redirects import redirect_merged
from profiles.filters import DirectoryForm
from profiles.models import Person
from profiles.profile import load_profile
from publications.models import Publication, Venue

PAGE_SIZE = 50


def json_errors(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A missing object or page answers JSON, not the site's HTML 404 page."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except Http404:
            return JsonResponse({"detail": "Not found."}, status=404)

    return wrapper


def paginated(
    request: HttpRequest, queryset: QuerySet, serialize: Callable[[object], dict]
) -> JsonResponse:
    paginator = Paginator(queryset, PAGE_SIZE)
    try:
        page = paginator.page(request.GET.get("page", 1))
    except InvalidPage as error:
        raise Http404(str(error)) from error

    def link(number: int) -> str:
        query = request.GET.copy()
        query["page"] = number
        return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")

    return JsonResponse(
        {
            "count": paginator.count,
            "next": link(page.next_page_number()) if page.has_next() else None,
            "previous": link(page.previous_page_number()) if page.has_previous() else None,
            "results": [serialize(item) for item in page],
        }
    )


@require_GET
@json_errors
def person_list(request: HttpRequest) -> JsonResponse:
    form = DirectoryForm(request.GET)
    absolute = request.build_absolute_uri

    def serialize(person: Person) -> dict:
        return {
            **serializers.person_summary(person, absolute),
            "headline": person.headline,
            "research_interests": person.research_interests,
        }

    return paginated(request, form.people().for_directory(), serialize)


@require_GET
@json_errors
@redirect_merged
def person_detail(request: HttpRequest, slug: str) -> JsonResponse:
    profile = load_profile(get_object_or_404(Person.objects.for_profile(), slug=slug))
    return JsonResponse(serializers.person_detail(profile, request.build_absolute_uri))


@require_GET
@json_errors
def publication_list(request: HttpRequest) -> JsonResponse:
    publications = Publication.objects.all()
    if person := request.GET.get("person"):
        publications = publications.filter(authorships__person__slug=person)
    if venue := request.GET.get("venue"):
        publications = publications.filter(venue__slug=venue)
    if (year := request.GET.get("year", "")).isdigit():
        publications = publications.filter(year=int(year))
    absolute = request.build_absolute_uri
    return paginated(
        request,
        publications.distinct().for_listing().newest_first(),
        lambda p: serializers.publication_summary(p, absolute),
    )


@require_GET
@json_errors
def publication_detail(request: HttpRequest, slug: str) -> JsonResponse:
    publication = get_object_or_404(Publication.objects.for_detail(), slug=slug)
    return JsonResponse(serializers.publication_detail(publication, request.build_absolute_uri))


@require_GET
@json_errors
def organization_list(request: HttpRequest) -> JsonResponse:
    absolute = request.build_absolute_uri
    return paginated(
        request,
        Organization.objects.order_by("name", "pk"),
        lambda o: serializers.organization_summary(o, absolute),
    )


@require_GET
@json_errors
def organization_detail(request: HttpRequest, slug: str) -> JsonResponse:
    organization = get_object_or_404(Organization.objects.for_detail(), slug=slug)
    return JsonResponse(serializers.organization_detail(organization, request.build_absolute_uri))


@require_GET
@json_errors
def venue_list(request: HttpRequest) -> JsonResponse:
    absolute = request.build_absolute_uri
    return paginated(
        request,
        Venue.objects.order_by("name", "pk"),
        lambda v: serializers.venue_summary(v, absolute),
    )


@require_GET
@json_errors
def venue_detail(request: HttpRequest, slug: str) -> JsonResponse:
    venue = get_object_or_404(Venue, slug=slug)
    return JsonResponse(serializers.venue_summary(venue, request.build_absolute_uri))


@require_GET
def openapi(request: HttpRequest) -> JsonResponse:
    return JsonResponse(schema(request.build_absolute_uri("/")))


@require_GET
def docs(request: HttpRequest) -> HttpResponse:
    return render(request, "api/docs.html", {"schema": schema(request.build_absolute_uri("/"))})
