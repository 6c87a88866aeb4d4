"""The owner's queue of "Papers your co-authors listed": accept or reject each proposal
(publications/proposals.py), or all at once.

Only the profile's owner decides (not staff: the owner says what their record shows).
htmx gets the queue again; a plain browser goes back to the profile with a message.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from profiles.models import Person
from publications.models import AuthorshipProposal

QUEUE = "editing/proposals.html#proposal-list"
DECISIONS = {"accept": "accepted", "reject": "rejected"}


def get_own_person(request: HttpRequest, slug: str) -> Person:
    person = get_object_or_404(Person, slug=slug)
    if not request.user.is_authenticated or person.owner_id != request.user.pk:
        raise PermissionDenied("Only this profile's owner decides which papers it shows.")
    return person


def decide_one(proposal: AuthorshipProposal, decision: str) -> str | None:
    """Apply ``decision`` ("accept" or "reject"); the error's message when it cannot be."""
    if decision == "reject":
        proposal.reject()
        return None
    try:
        proposal.accept()
    except ValueError as error:
        return f"“{proposal.authorship.publication.title}” cannot be accepted: {error}"
    return None


def answer(request: HttpRequest, person: Person, done: str, errors: list[str]) -> HttpResponse:
    for error in errors:
        messages.error(request, error)
    if request.htmx:
        context = {"person": person, "proposals": AuthorshipProposal.objects.pending_for(person)}
        return render(request, QUEUE, context)
    if done:
        messages.success(request, done)
    return redirect(person.get_absolute_url() + "#proposals")


@login_required
@require_POST
def decide(request: HttpRequest, slug: str, pk: int, decision: str) -> HttpResponse:
    person = get_own_person(request, slug)
    if decision not in DECISIONS:
        raise Http404("No such decision.")
    proposal = get_object_or_404(AuthorshipProposal.objects.pending_for(person), pk=pk)
    error = decide_one(proposal, decision)
    title = proposal.authorship.publication.title
    return answer(request, person, f"“{title}”: {DECISIONS[decision]}.", [error] if error else [])


@login_required
@require_POST
@transaction.atomic
def decide_all(request: HttpRequest, slug: str, decision: str) -> HttpResponse:
    person = get_own_person(request, slug)
    if decision not in DECISIONS:
        raise Http404("No such decision.")
    proposals = list(AuthorshipProposal.objects.pending_for(person))
    errors = [e for p in proposals if (e := decide_one(p, decision))]
    done = f"{len(proposals) - len(errors)} papers {DECISIONS[decision]}."
    return answer(request, person, done, errors)
