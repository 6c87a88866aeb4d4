"""Suggested corrections to a shared paper, from a signed-in user who may not edit it;
the paper's editors see them on their editing page and mark them done."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from publications.models import Publication

from .access import get_publication_for_editor
from .forms import SuggestionForm
from .views import next_url


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def suggest(request: HttpRequest, slug: str) -> HttpResponse:
    publication = get_object_or_404(Publication, slug=slug)
    if publication.is_editable_by(request.user):
        return redirect("editing:publication-edit", publication.slug)
    form = SuggestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.instance.publication, form.instance.author = publication, request.user
        form.save()
        messages.success(request, "Thank you: the paper's authors will see your suggestion.")
        return redirect(publication)
    return render(request, "editing/suggest.html", {"publication": publication, "form": form})


@login_required
@require_POST
def resolve(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """An editor of the paper marks a suggestion done (applied or not)."""
    publication = get_publication_for_editor(request, slug)
    suggestion = get_object_or_404(publication.suggestions, pk=pk, resolved_at=None)
    suggestion.resolved_at = timezone.now()
    suggestion.save(update_fields=["resolved_at"])
    if request.htmx:
        return HttpResponse("")
    messages.success(request, "Suggestion marked done.")
    return redirect(next_url(request, publication.get_absolute_url()))
