"""Site-wide pages: home, the health check and robots.txt."""

import logging

from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from affiliations.models import Organization
from api.views import not_found
from config import counts
from profiles.models import Person
from publications.models import Publication, Venue

logger = logging.getLogger(__name__)


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    context = {
        "recent_people": Person.objects.for_home()[:8],
        # Estimated where counting would read a million rows (config/counts.py).
        "people_count": counts.count(Person.objects.with_cv()),
        "publication_count": counts.count(Publication.objects.all()),
        "organization_count": counts.count(Organization.objects.all()),
        "venue_count": counts.count(Venue.objects.all()),
    }
    return render(request, "home.html", context)


# Pages for signed-in people, per-visitor answers and endless query strings: nothing
# a search engine should crawl.
ROBOTS_DISALLOWED = ("/admin/", "/accounts/", "/edit/", "/documents/", "/upload/", "/search/")


@require_safe
def robots_txt(request: HttpRequest) -> HttpResponse:
    sitemap = request.build_absolute_uri(reverse("sitemap"))
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in ROBOTS_DISALLOWED)]
    lines.append(f"Sitemap: {sitemap}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@never_cache
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        # The error text can name hosts and users: log it, never show it.
        logger.exception("Health check: the database is unavailable")
        return JsonResponse({"status": "error"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """The site's 404 page; JSON for anything under the API."""
    if request.path.startswith("/api/"):
        return not_found(request)
    return defaults.page_not_found(request, exception)
