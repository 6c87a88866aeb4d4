"""The people directory, profile pages and a profile's exports."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from config.htmx import template_for
from profiles import exports
from profiles.filters import PAGE_SIZE, DirectoryForm
from profiles.models import Person
from profiles.profile import load_profile
from publications.exports import bibtex, csl_json
from publications.models import Publication
from publications.queries import ListedPublication

JSON_PARAMS = {"ensure_ascii": False, "indent": 2}


@require_GET
@vary_on_headers("HX-Request")
def person_list(request: HttpRequest) -> HttpResponse:
    form = DirectoryForm(request.GET)
    page = Paginator(form.people().for_directory(), PAGE_SIZE).get_page(request.GET.get("page"))
    template = template_for(request, "profiles/person_list.html", "results")
    return render(request, template, {"form": form, "page": page, "query": form.data.get("q", "")})


@require_GET
def person_detail(request: HttpRequest, slug: str) -> HttpResponse:
    person = get_object_or_404(Person.objects.for_profile(), slug=slug)
    profile = load_profile(person)
    context = {
        "person": person,
        "profile": profile,
        "jsonld": exports.person_jsonld(profile, request.build_absolute_uri),
    }
    return render(request, "profiles/person_detail.html", context)


def _publications_of(slug: str) -> tuple[Person, list[ListedPublication]]:
    person = get_object_or_404(Person, slug=slug)
    return person, Publication.objects.for_profile(person)


@require_GET
def person_bibtex(request: HttpRequest, slug: str) -> HttpResponse:
    person, publications = _publications_of(slug)
    response = HttpResponse(
        bibtex(publications), content_type="application/x-bibtex; charset=utf-8"
    )
    response["Content-Disposition"] = f'inline; filename="{person.slug}.bib"'
    return response


@require_GET
def person_csl_json(request: HttpRequest, slug: str) -> JsonResponse:
    _, publications = _publications_of(slug)
    return JsonResponse(csl_json(publications), safe=False, json_dumps_params=JSON_PARAMS)


@require_GET
def person_json_resume(request: HttpRequest, slug: str) -> JsonResponse:
    profile = load_profile(get_object_or_404(Person.objects.for_profile(), slug=slug))
    data = exports.json_resume(profile, request.build_absolute_uri)
    return JsonResponse(data, json_dumps_params=JSON_PARAMS)


@require_GET
def person_cv_json(request: HttpRequest, slug: str) -> JsonResponse:
    profile = load_profile(get_object_or_404(Person.objects.for_profile(), slug=slug))
    data = exports.cv_json(profile, request.build_absolute_uri)
    return JsonResponse(data, json_dumps_params=JSON_PARAMS)
