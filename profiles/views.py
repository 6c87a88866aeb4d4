"""The people directory, profile pages and a profile's exports."""

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils.safestring import SafeString
from django.views.decorators.http import condition, require_safe
from django.views.decorators.vary import vary_on_headers

from config.caching import anonymous_etag
from config.htmx import template_for
from config.release import release
from editing.redirects import redirect_merged
from profiles import exports, graph_version
from profiles.filters import PAGE_SIZE, DirectoryForm
from profiles.models import Person
from profiles.profile import Coauthor, Profile, add_publications, load_profile
from publications.exports import bibtex, csl_json
from publications.models import AuthorshipProposal, Publication
from publications.queries import ListedPublication

JSON_PARAMS = {"ensure_ascii": False, "indent": 2}


@require_safe
@vary_on_headers("HX-Request")
def person_list(request: HttpRequest) -> HttpResponse:
    form = DirectoryForm(request.GET)
    page = Paginator(form.people().for_directory(), PAGE_SIZE).get_page(request.GET.get("page"))
    template = template_for(request, "profiles/person_list.html", "results")
    return render(request, template, {"form": form, "page": page, "query": form.data.get("q", "")})


@dataclass(frozen=True)
class PublicationsPart:
    html: SafeString
    coauthors: list[Coauthor]


def _profile_version(slug: str) -> str | None:
    pk = Person.objects.filter(slug=slug).values_list("pk", flat=True).first()
    return None if pk is None else graph_version.of_scope("person", pk)


@require_safe
@condition(etag_func=anonymous_etag(_profile_version))
@redirect_merged
def person_detail(request: HttpRequest, slug: str) -> HttpResponse:
    person = get_object_or_404(Person.objects.for_profile(), slug=slug)
    profile = load_profile(person, publications=False)
    editable = person.is_editable_by(request.user)
    part = _publications_part(request, profile, editable)
    profile.coauthors = part.coauthors  # a stub's page names the co-authors who list it
    context = {
        "person": person,
        "profile": profile,
        "contact": person.contact(private=editable),
        # The owner's queue of papers their co-authors listed (one query, for them only).
        "proposals": list(AuthorshipProposal.objects.pending_for(person))
        if request.user.is_authenticated and person.owner_id == request.user.pk
        else None,
        "publications_html": part.html,
        "jsonld": exports.person_jsonld(profile, request.build_absolute_uri),
    }
    return render(request, "profiles/person_detail.html", context)


@require_safe
@redirect_merged
def person_coauthors(request: HttpRequest, slug: str) -> HttpResponse:
    """Every co-author of the person, by papers shared (the profile shows the first)."""
    profile = Profile(person=get_object_or_404(Person, slug=slug))
    add_publications(profile, coauthors_shown=None)
    return render(request, "profiles/person_coauthors.html", {"profile": profile})


def _publications_part(request: HttpRequest, profile: Profile, editable: bool) -> PublicationsPart:
    """The publications and co-authors sections, from the cache when no row they show
    has changed since they were drawn (for 200 papers, drawing them is most of the
    page's time). Owners' and staff's copies, with edit tools, are kept apart."""
    person = profile.person
    # The version is read before the rows: rows read after it are at least as new.
    version = graph_version.of_scope("person", person.pk)
    key = f"profile-publications:{person.pk}:{editable:d}:{version}:{release()}"
    part = graph_version.page_cache().get(key)
    if part is None:
        add_publications(profile)
        context = {"person": person, "profile": profile, "editable": editable}
        html = render_to_string("profiles/person_detail.html#publications", context, request)
        part = PublicationsPart(html, profile.coauthors)
        graph_version.page_cache().set(key, part)
    return part


def _publications_of(slug: str) -> tuple[Person, list[ListedPublication]]:
    person = get_object_or_404(Person, slug=slug)
    return person, Publication.objects.for_profile(person)


@require_safe
@redirect_merged
def person_bibtex(request: HttpRequest, slug: str) -> HttpResponse:
    person, publications = _publications_of(slug)
    response = HttpResponse(
        bibtex(publications), content_type="application/x-bibtex; charset=utf-8"
    )
    response["Content-Disposition"] = f'inline; filename="{person.slug}.bib"'
    return response


@require_safe
@redirect_merged
def person_csl_json(request: HttpRequest, slug: str) -> JsonResponse:
    _, publications = _publications_of(slug)
    return JsonResponse(csl_json(publications), safe=False, json_dumps_params=JSON_PARAMS)


@require_safe
@redirect_merged
def person_json_resume(request: HttpRequest, slug: str) -> JsonResponse:
    profile = load_profile(get_object_or_404(Person.objects.for_profile(), slug=slug))
    data = exports.json_resume(profile, request.build_absolute_uri)
    return JsonResponse(data, json_dumps_params=JSON_PARAMS)


@require_safe
@redirect_merged
def person_cv_json(request: HttpRequest, slug: str) -> JsonResponse:
    profile = load_profile(get_object_or_404(Person.objects.for_profile(), slug=slug))
    data = exports.cv_json(profile, request.build_absolute_uri)
    return JsonResponse(data, json_dumps_params=JSON_PARAMS)
