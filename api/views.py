"""A JSON API: plain function views, paginated lists, stable URLs.

Lists answer ``{"count", "next", "previous", "results"}``; ``openapi.json`` describes
everything, and ``/api/`` renders that description as a page. Everything is readable by
anyone; a publication's fields can be changed (PATCH) by whoever may edit it on the site,
signed in, through the same form and checks as its inline edit.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import wraps

from django import forms
from django.core.exceptions import BadRequest, PermissionDenied
from django.core.paginator import InvalidPage, Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_http_methods, require_safe

from affiliations.models import Organization
from api import serializers
from api.openapi import schema
from editing.access import get_publication_for_editor
from editing.forms import STALE_MESSAGE, PublicationForm
from editing.redirects import redirect_merged
from profiles.filters import DirectoryForm
from profiles.models import Person
from profiles.profile import load_profile
from publications.models import Publication, Venue

PAGE_SIZE = 50
# What a PATCH may change: the inline edit form's fields but the authors and links, which
# the API writes as objects, the form as lines.
EDITABLE_PUBLICATION_FIELDS = tuple(
    name for name in PublicationForm.Meta.fields if name not in ("links",)
)


def not_found(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"detail": "Not found."}, status=404)


def has_nul(query: QueryDict) -> bool:
    # PostgreSQL refuses NUL in any text: it must never reach a query.
    return any("\x00" in key or "\x00" in "".join(values) for key, values in query.lists())


def json_errors(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A missing object or page answers a JSON 404, a malformed parameter a JSON 400."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        try:
            if has_nul(request.GET):
                raise BadRequest("Parameters may not contain NUL characters.")
            return view(request, *args, **kwargs)
        except BadRequest as error:
            return JsonResponse({"detail": str(error)}, status=400)
        except PermissionDenied as error:
            return JsonResponse({"detail": str(error)}, status=403)
        except Http404:
            return not_found(request)

    return wrapper


def valid_filters(form: forms.Form) -> dict:
    """The form's cleaned data, or a 400 that names each malformed parameter."""
    if not form.is_valid():
        problems = "; ".join(f"{name}: {' '.join(errors)}" for name, errors in form.errors.items())
        raise BadRequest(f"Malformed parameters ({problems})")
    return form.cleaned_data


class PageForm(forms.Form):
    page = forms.IntegerField(required=False, min_value=1)


class PublicationFilters(PageForm):
    person = forms.SlugField(required=False)
    venue = forms.SlugField(required=False)
    year = forms.IntegerField(required=False, min_value=1, max_value=9999)


def paginated(
    request: HttpRequest, queryset: QuerySet, serialize: Callable[[object], dict]
) -> JsonResponse:
    paginator = Paginator(queryset, PAGE_SIZE)
    number = valid_filters(PageForm(request.GET))["page"] or 1
    try:
        page = paginator.page(number)
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


@require_safe
@json_errors
def person_list(request: HttpRequest) -> JsonResponse:
    form = DirectoryForm(request.GET)
    valid_filters(form)
    absolute = request.build_absolute_uri

    def serialize(person: Person) -> dict:
        return {
            **serializers.person_summary(person, absolute),
            "headline": person.headline,
            "research_interests": person.research_interests,
        }

    return paginated(request, form.people().for_directory(), serialize)


@require_safe
@json_errors
@redirect_merged
def person_detail(request: HttpRequest, slug: str) -> JsonResponse:
    profile = load_profile(get_object_or_404(Person.objects.for_profile(), slug=slug))
    return JsonResponse(serializers.person_detail(profile, request.build_absolute_uri))


@require_safe
@json_errors
def publication_list(request: HttpRequest) -> JsonResponse:
    filters = valid_filters(PublicationFilters(request.GET))
    publications = Publication.objects.all()
    if filters["person"]:
        publications = publications.filter(authorships__person__slug=filters["person"])
    if filters["venue"]:
        publications = publications.filter(venue__slug=filters["venue"])
    if filters["year"] is not None:
        publications = publications.filter(year=filters["year"])
    absolute = request.build_absolute_uri
    return paginated(
        request,
        publications.distinct().for_listing().newest_first(),
        lambda p: serializers.publication_summary(p, absolute),
    )


@require_http_methods(["GET", "HEAD", "PATCH"])
@json_errors
def publication_detail(request: HttpRequest, slug: str) -> JsonResponse:
    if request.method == "PATCH":
        return edit_publication(request, slug)
    publication = get_object_or_404(Publication.objects.for_detail(), slug=slug)
    return JsonResponse(serializers.publication_detail(publication, request.build_absolute_uri))


def edit_publication(request: HttpRequest, slug: str) -> JsonResponse:
    """A PATCH's fields saved through the inline edit's form, with its checks and its
    permission: fields left out keep their values; a ``version`` sent refuses the change
    (409) if someone saved since. Answers the publication as a GET would."""
    if not request.user.is_authenticated:
        return JsonResponse({"detail": "Sign in to change a publication."}, status=401)
    publication = get_publication_for_editor(request, slug)
    changes = _json_object(request.body)
    unknown = sorted(set(changes) - {*EDITABLE_PUBLICATION_FIELDS, "version"})
    if unknown:
        raise BadRequest(f"These fields cannot be changed here: {', '.join(unknown)}.")
    current = PublicationForm(instance=publication)
    data = {
        name: current[name].field.prepare_value(current[name].value())
        for name in (*EDITABLE_PUBLICATION_FIELDS, "authors", "links")
    }
    data |= {"version": publication.version} | {
        name: _form_value(name, value) for name, value in changes.items()
    }
    form = PublicationForm(
        {name: "" if value is None else value for name, value in data.items()},
        instance=publication,
    )
    if not form.is_valid():
        errors = {
            name: [error["message"] for error in found]
            for name, found in form.errors.get_json_data().items()
        }
        return JsonResponse({"detail": "Some fields are not valid.", "errors": errors}, status=400)
    if form.save_or_refuse() is None:
        return JsonResponse({"detail": STALE_MESSAGE}, status=409)
    publication = Publication.objects.for_detail().get(pk=publication.pk)
    return JsonResponse(serializers.publication_detail(publication, request.build_absolute_uri))


def _json_object(body: bytes) -> dict:
    try:
        changes = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise BadRequest("The body is not JSON.") from error
    if not isinstance(changes, dict):
        raise BadRequest("The body must be a JSON object of the fields to change.")
    return changes


def _form_value(name: str, value: object) -> str | int | None:
    """A JSON value as the form reads it: editors, a list of names, as one per line."""
    if name == "editors":
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise BadRequest("editors must be a list of names.")
        return "\n".join(value)
    if value is not None and not isinstance(value, str | int) or isinstance(value, bool):
        raise BadRequest(f"{name} must be a string, a number or null.")
    return value


@require_safe
@json_errors
def organization_list(request: HttpRequest) -> JsonResponse:
    absolute = request.build_absolute_uri
    return paginated(
        request,
        Organization.objects.order_by("name", "pk"),
        lambda o: serializers.organization_summary(o, absolute),
    )


@require_safe
@json_errors
def organization_detail(request: HttpRequest, slug: str) -> JsonResponse:
    organization = get_object_or_404(Organization.objects.for_detail(), slug=slug)
    return JsonResponse(serializers.organization_detail(organization, request.build_absolute_uri))


@require_safe
@json_errors
def venue_list(request: HttpRequest) -> JsonResponse:
    absolute = request.build_absolute_uri
    return paginated(
        request,
        Venue.objects.order_by("name", "pk"),
        lambda v: serializers.venue_summary(v, absolute),
    )


@require_safe
@json_errors
def venue_detail(request: HttpRequest, slug: str) -> JsonResponse:
    venue = get_object_or_404(Venue, slug=slug)
    return JsonResponse(serializers.venue_summary(venue, request.build_absolute_uri))


@require_safe
def openapi(request: HttpRequest) -> JsonResponse:
    return JsonResponse(schema(request.build_absolute_uri("/")))


@require_safe
def docs(request: HttpRequest) -> HttpResponse:
    return render(request, "api/docs.html", {"schema": schema(request.build_absolute_uri("/"))})
