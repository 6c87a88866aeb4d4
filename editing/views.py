"""Editing a profile in place: one page per person, each entry a row that becomes a form.

Each view answers htmx with a partial of ``editing/profile.html`` (``-row`` after a
valid save, ``-form`` to edit or with errors) and a plain browser with a full page
or a redirect, so every form works without JavaScript.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from profiles.models import Person
from publications.models import Authorship, Publication

from .access import (
    get_entry_for_editor,
    get_person_for_editor,
    get_publication_for_editor,
    get_section,
    require_staff,
)
from .forms import (
    SECTIONS,
    MergeForm,
    NewPublicationForm,
    PersonForm,
    PrivacyForm,
    PublicationForm,
    VersionedForm,
)
from .history import get_record, profile_history, revert
from .merge import merge_people, revert_merge, unlink
from .models import MergeRecord, Suggestion

PAGE = "editing/profile.html"


def person_publications(person: Person):
    return (
        Publication.objects.filter(authorships__person=person)
        .distinct()
        .prefetch_related(
            Prefetch(
                "authorships",
                queryset=Authorship.objects.select_related("person").order_by("position"),
            ),
            Prefetch(
                "suggestions",
                queryset=Suggestion.objects.filter(resolved_at=None)
                .select_related("author")
                .order_by("created_at"),
                to_attr="open_suggestions",
            ),
        )
    )


def next_url(request: HttpRequest, default: str) -> str:
    """Where the form came from, if it is on this site."""
    url = request.POST.get("next", "")
    safe = url_has_allowed_host_and_scheme(url, {request.get_host()}, request.is_secure())
    return url if safe else default


def manage_url(person: Person, anchor: str = "") -> str:
    url = reverse("editing:profile", args=[person.slug])
    return f"{url}#{anchor}" if anchor else url


@login_required
@require_safe
def profile(request: HttpRequest, slug: str) -> HttpResponse:
    person = get_person_for_editor(request, slug)
    sections = [
        (key, spec, spec.model.objects.filter(person=person).order_by("order", "pk"))
        for key, spec in SECTIONS.items()
    ]
    listed_by_own_cvs = Publication.documents.through.objects.filter(
        cvdocument__person=person
    ).values_list("publication_id", flat=True)
    context = {
        "person": person,
        "sections": sections,
        "publications": person_publications(person),
        # Papers this profile's CVs listed: their stub co-authors may be unlinked here.
        "own_listed": set(listed_by_own_cvs),
    }
    return render(request, PAGE, context)


def render_form(
    request: HttpRequest, form: VersionedForm, context: dict, *, partial: str
) -> HttpResponse:
    """The ``-form`` partial for htmx, else a page holding just that form."""
    context = {**context, "form": form, "partial": f"{PAGE}#{partial}"}
    if request.htmx:
        return render(request, context["partial"], context)
    return render(request, "editing/form_page.html", context)


# The parts of a person's own row edited in place: form and the prefix of their row
# partial, URL name and anchor; both share the person-part-form partial.
PERSON_PARTS = {"header": (PersonForm, "person"), "privacy": (PrivacyForm, "privacy")}


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def edit_person(request: HttpRequest, slug: str, part: str) -> HttpResponse:
    person = get_person_for_editor(request, slug)
    form_class, prefix = PERSON_PARTS[part]
    form = form_class(request.POST or None, instance=person)
    if request.method == "POST" and form.is_valid() and form.save_or_refuse():
        if request.htmx:
            return render(request, f"{PAGE}#{prefix}-row", {"person": person})
        messages.success(request, "Saved.")
        return redirect(manage_url(person, prefix))
    action = reverse(f"editing:{prefix}-edit", args=[person.slug])
    context = {"person": person, "part": part, "prefix": prefix, "action": action}
    return render_form(request, form, context, partial="person-part-form")


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def add_entry(request: HttpRequest, slug: str, section: str) -> HttpResponse:
    person = get_person_for_editor(request, slug)
    spec = get_section(section)
    form = spec.form(request.POST or None, instance=spec.model(person=person))
    context = {"person": person, "section": section, "spec": spec}
    if request.method == "POST" and form.is_valid():
        entry = form.instance
        entry.order = spec.model.objects.filter(person=person).count()
        form.save()
        return entry_saved(request, person, section, entry)
    return render_form(request, form, context, partial="entry-form")


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def edit_entry(request: HttpRequest, slug: str, section: str, pk: int) -> HttpResponse:
    person, spec, entry = get_entry_for_editor(request, slug, section, pk)
    form = spec.form(request.POST or None, instance=entry)
    context = {"person": person, "section": section, "spec": spec, "entry": entry}
    if request.method == "POST" and form.is_valid() and form.save_or_refuse():
        return entry_saved(request, person, section, entry)
    return render_form(request, form, context, partial="entry-form")


def entry_saved(request: HttpRequest, person: Person, section: str, entry) -> HttpResponse:
    if request.htmx:
        context = {"person": person, "section": section, "entry": entry}
        return render(request, f"{PAGE}#entry-row", context)
    messages.success(request, "Saved.")
    return redirect(manage_url(person, f"{section}-{entry.pk}"))


@login_required
@require_safe
def entry_row(request: HttpRequest, slug: str, section: str, pk: int) -> HttpResponse:
    """The row again (cancelling an edit); a plain browser goes back to the page."""
    person, _, entry = get_entry_for_editor(request, slug, section, pk)
    if not request.htmx:
        return redirect(manage_url(person, f"{section}-{entry.pk}"))
    context = {"person": person, "section": section, "entry": entry}
    return render(request, f"{PAGE}#entry-row", context)


@login_required
@require_POST
def delete_entry(request: HttpRequest, slug: str, section: str, pk: int) -> HttpResponse:
    person, spec, entry = get_entry_for_editor(request, slug, section, pk)
    entry.delete()
    if request.htmx:
        return HttpResponse("")
    messages.success(request, f"Deleted from {spec.title.lower()}.")
    return redirect(manage_url(person, section))


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def edit_publication(request: HttpRequest, slug: str) -> HttpResponse:
    publication = get_publication_for_editor(request, slug)
    form = PublicationForm(request.POST or None, instance=publication)
    context = {"publication": publication}
    if request.method == "POST" and form.is_valid() and form.save_or_refuse():
        if request.htmx:
            return render(request, f"{PAGE}#publication-row", context)
        messages.success(request, "Saved.")
        return redirect(next_url(request, publication.get_absolute_url()))
    return render_form(request, form, context, partial="publication-form")


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def add_publication(request: HttpRequest, slug: str) -> HttpResponse:
    person = get_person_for_editor(request, slug)
    form = NewPublicationForm(request.POST or None, instance=Publication(), author=person)
    context = {"person": person, "publication": None}
    if request.method == "POST" and form.is_valid():
        publication = form.save()
        if request.htmx:
            return render(request, f"{PAGE}#publication-row", {"publication": publication})
        messages.success(request, "Publication added.")
        return redirect(manage_url(person, f"publication-{publication.pk}"))
    return render_form(request, form, context, partial="publication-form")


@login_required
@require_POST
def remove_publication(request: HttpRequest, slug: str, publication: str) -> HttpResponse:
    """Take a publication off this profile: the person is no longer linked as its author."""
    person = get_person_for_editor(request, slug)
    authorships = Authorship.objects.filter(person=person, publication__slug=publication)
    for authorship in authorships:
        unlink(authorship)
    if request.htmx:
        return HttpResponse("")
    messages.success(request, "The publication is no longer on this profile.")
    return redirect(manage_url(person, "publications"))


@login_required
@require_safe
def publication_row(request: HttpRequest, slug: str) -> HttpResponse:
    publication = get_publication_for_editor(request, slug)
    if not request.htmx:
        return redirect(publication)
    return render(request, f"{PAGE}#publication-row", {"publication": publication})


@login_required
@require_POST
def unlink_authorship(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """This author is not that person (staff; or an owner, for a stub their CV linked).
    The link stays off on re-resolution."""
    authorship = get_object_or_404(
        Authorship.objects.select_related("person", "publication"), pk=pk, publication__slug=slug
    )
    if not authorship.is_unlinkable_by(request.user):
        raise PermissionDenied("Only staff, or the owner whose CV linked this co-author, may.")
    if linked := authorship.person:
        unlink(authorship)
        messages.success(request, f"“{authorship.name}” is no longer linked to {linked}.")
    return redirect(next_url(request, authorship.publication.get_absolute_url()))


@login_required
@require_safe
def history(request: HttpRequest, slug: str) -> HttpResponse:
    person = get_person_for_editor(request, slug)
    context = {
        "person": person,
        "events": profile_history(person),
        "merges": person.merges.select_related("merged_by").order_by("-created_at"),
    }
    return render(request, "editing/history.html", context)


@login_required
@require_POST
def revert_change(request: HttpRequest, slug: str, kind: str, history_id: int) -> HttpResponse:
    person = get_person_for_editor(request, slug)
    record = get_record(person, kind, history_id)
    try:
        messages.success(request, revert(record, person))
    except (ValueError, IntegrityError) as error:
        messages.error(request, f"This change cannot be reverted: {error}")
    return redirect("editing:history", person.slug)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def merge(request: HttpRequest, slug: str) -> HttpResponse:
    """Staff: merge a duplicate person into this one."""
    require_staff(request)
    kept = get_object_or_404(Person, slug=slug)
    form = MergeForm(request.POST or None, kept=kept)
    if request.method == "POST" and form.is_valid():
        duplicate = form.cleaned_data["duplicate"]
        try:
            merge_people(kept=kept, duplicate=duplicate, by=request.user)
        except ValueError as error:
            form.add_error("duplicate", str(error))
        else:
            messages.success(request, f"Merged {duplicate} into {kept}.")
            return redirect("editing:history", kept.slug)
    suggestions = (
        Person.objects.filter(family_name__iexact=kept.family_name)
        .exclude(pk=kept.pk)
        .order_by("name")[:20]
        if kept.family_name
        else Person.objects.none()
    )
    context = {"person": kept, "form": form, "suggestions": suggestions}
    return render(request, "editing/merge.html", context)


@login_required
@require_POST
def merge_revert(request: HttpRequest, pk: int) -> HttpResponse:
    require_staff(request)
    record = get_object_or_404(MergeRecord, pk=pk)
    try:
        duplicate = revert_merge(record)
    except ValueError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"{duplicate} is back as a person of their own.")
    return redirect("editing:history", record.kept.slug)
