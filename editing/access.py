"""Who may change what. Every editing view loads its object through one of these.

Anonymous users never reach them (the views are ``@login_required``); a signed-in
user who may not edit the object gets PermissionDenied (403). Who may do what is
decided by the models' own ``is_editable_by`` / ``is_visible_to`` (the domain apps'
pages ask them too, and never import this app): staff edit everything; an owner
edits their own profile, the publications on it or brought in by their CV, and sees
the CVs they uploaded.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from profiles.models import CVDocument, HandEdited, Person
from publications.models import Publication

from .forms import SECTIONS, Section


def get_person_for_editor(request: HttpRequest, slug: str) -> Person:
    person = get_object_or_404(Person, slug=slug)
    if not person.is_editable_by(request.user):
        raise PermissionDenied("Only this profile's owner and staff may change it.")
    return person


def get_publication_for_editor(request: HttpRequest, slug: str) -> Publication:
    publication = get_object_or_404(Publication, slug=slug)
    if not publication.is_editable_by(request.user):
        raise PermissionDenied(
            "Only the publication's authors and staff may change it; you may suggest a change."
        )
    return publication


def get_document_for_editor(request: HttpRequest, pk: int) -> CVDocument:
    document = get_object_or_404(CVDocument.objects.select_related("person"), pk=pk)
    if not document.is_visible_to(request.user):
        raise PermissionDenied("Only the person who uploaded this CV and staff may see it.")
    return document


def require_staff(request: HttpRequest) -> None:
    if not request.user.is_staff:
        raise PermissionDenied("Only staff may do this.")


def get_section(key: str) -> Section:
    try:
        return SECTIONS[key]
    except KeyError:
        raise Http404("No such section.") from None


def get_entry_for_editor(
    request: HttpRequest, slug: str, section: str, pk: int
) -> tuple[Person, Section, HandEdited]:
    """A person's entry in one of the SECTIONS, if the user may edit that person."""
    person = get_person_for_editor(request, slug)
    spec = get_section(section)
    return person, spec, get_object_or_404(spec.model, pk=pk, person=person)
