"""Organization pages: people by role and period, sub-units, their publications."""

from itertools import groupby

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe
from django.views.decorators.vary import vary_on_headers

from affiliations.models import Affiliation, Organization
from config.htmx import template_for
from publications.models import Publication
from publications.views import PAGE_SIZE, year_filter


@require_safe
@vary_on_headers("HX-Request")
def organization_detail(request: HttpRequest, slug: str) -> HttpResponse:
    organization = get_object_or_404(Organization.objects.for_detail(), slug=slug)
    publications = Publication.objects.by_people_of(organization)
    years = publications.years()
    year = year_filter(request, years)
    affiliations = Affiliation.objects.for_organization_page(organization)
    if year:
        publications = publications.filter(year=year)
        affiliations = affiliations.during(year)
    kinds = dict(Affiliation.Kind.choices)
    people_by_role = [
        (kinds.get(kind, kind), list(group))
        for kind, group in groupby(affiliations, key=lambda a: a.kind)
    ]
    page = Paginator(publications.for_listing().newest_first(), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {
        "organization": organization,
        "people_by_role": people_by_role,
        "years": years,
        "year": year,
        "page": page,
    }
    template = template_for(request, "affiliations/organization_detail.html", "results")
    return render(request, template, context)
