"""Who may change what. Every editing view loads its object through one of these.

Anonymous users never reach them (the views are ``@login_required``); a signed-in
user who may not edit the object gets PermissionDenied (403). Staff edit
everything; an owner edits their own profile, the publications they author and
the CVs they uploaded.
"""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from profiles.models import CVDocument, HandEdited, Person
from publications.models import Publication

from .forms import SECTIONS, Section

User = AbstractBaseUser | AnonymousUser


def can_edit_person(user: User, person: Person) -> bool:
    return user.is_authenticated and (user.is_staff or person.owner_id == user.pk)


def can_edit_publication(user: User, publication: Publication) -> bool:
    if not user.is_authenticated:
        return False
    return user.is_staff or publication.authorships.filter(person__owner=user).exists()


def can_see_document(user: User, document: CVDocument) -> bool:
    if not user.is_authenticated:
        return False
    return user.is_staff or user.pk in (document.uploaded_by_id, _owner_id(document))


def _owner_id(document: CVDocument) -> int | None:
    return document.person.owner_id if document.person_id else None


def get_person_for_editor(request: HttpRequest, slug: str) -> Person:
    person = get_object_or_404(Person, slug=slug)
    if not can_edit_person(request.user, person):
        raise PermissionDenied("Only this profile's owner and staff may change it.")
    return person


def get_publication_for_editor(request: HttpRequest, slug: str) -> Publication:
    publication = get_object_or_404(Publication, slug=slug)
    if not can_edit_publication(request.user, publication):
        raise PermissionDenied("Only the publication's authors and staff may change it.")
    return publication


def get_document_for_editor(request: HttpRequest, pk: int) -> CVDocument:
    document = get_object_or_404(CVDocument.objects.select_related("person"), pk=pk)
    if not can_see_document(request.user, document):
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
