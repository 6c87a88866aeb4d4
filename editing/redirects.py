"""The addresses of a person merged into another lead to the person kept."""

from collections.abc import Callable
from functools import wraps

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from profiles.models import Person

from .models import MergeRecord


def moved_person(slug: str) -> Person | None:
    """The person that the person of ``slug`` was last merged into, unless that merge was
    reverted (the duplicate is back then)."""
    record = (
        MergeRecord.objects.filter(duplicate_slug=slug, reverted_at__isnull=True)
        .select_related("kept")
        .order_by("-created_at", "-pk")
        .first()
    )
    return record.kept if record else None


def redirect_merged(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A view of ``slug`` that finds no such person answers a redirect to the
    same view of the person it was merged into, instead of its 404."""

    @wraps(view)
    def wrapper(request: HttpRequest, slug: str, **kwargs) -> HttpResponse:
        try:
            return view(request, slug, **kwargs)
        except Http404:
            kept = moved_person(slug)
            if kept is None:
                raise
            match = request.resolver_match
            # Not permanent: browsers keep a 301 for good, and a merge can be reverted.
            return HttpResponseRedirect(
                reverse(match.view_name, kwargs={**match.kwargs, "slug": kept.slug})
            )

    return wrapper
