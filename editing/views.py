"""Editing a profile in place: one page per person, each entry a row that becomes a form.

Each view answers htmx with a partial of ``editing/profile.html`` (``-row`` after a
valid save, ``-form`` to edit or with errors) and a plain browser with a full page
or a redirect, so every form works without JavaScript.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from profiles.models import Person
from publications.models import Authorship, Publication

from .access import (
    get_entry_for_editor,
    get_person_for_editor,
    get_publication_for_editor,
    get_section,
    require_staff,
)
from .forms import SECTIONS, PersonForm, PublicationForm, VersionedForm
from .merge import unlink

PAGE = "editing/profile.html"


def person_publications(person: Person):
    return (
        Publication.objects.filter(authorships__person=person)
        .distinct()
        .prefetch_related(
            Prefetch(
                "authorships",
                queryset=Authorship.objects.select_related("person").order_by("position"),
            )
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
@require_GET
def profile(request: HttpRequest, slug: str) -> HttpResponse:
    person = get_person_for_editor(request, slug)
    sections = [
        (key, spec, spec.model.objects.filter(person=person).order_by("order", "pk"))
        for key, spec in SECTIONS.items()
    ]
    context = {
        "person": person,
        "sections": sections,
        "publications": person_publications(person),
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


@login_required
@require_http_methods(["GET", "POST"])
def edit_person(request: HttpRequest, slug: str) -> HttpResponse:
    person = get_person_for_editor(request, slug)
    form = PersonForm(request.POST or None, instance=person)
    if request.method == "POST" and form.is_valid() and form.save_or_refuse():
        if request.htmx:
            return render(request, f"{PAGE}#person-row", {"person": person})
        messages.success(request, "Saved.")
        return redirect(manage_url(person, "person"))
    return render_form(request, form, {"person": person}, partial="person-form")


@login_required
@require_http_methods(["GET", "POST"])
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
@require_http_methods(["GET", "POST"])
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
@require_GET
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
@require_http_methods(["GET", "POST"])
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
@require_GET
def publication_row(request: HttpRequest, slug: str) -> HttpResponse:
    publication = get_publication_for_editor(request, slug)
    if not request.htmx:
        return redirect(publication)
    return render(request, f"{PAGE}#publication-row", {"publication": publication})


@login_required
@require_POST
def unlink_authorship(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Staff: this author is not that person. The link stays off on re-resolution."""
    require_staff(request)
    authorship = get_object_or_404(Authorship, pk=pk, publication__slug=slug)
    if linked := authorship.person:
        unlink(authorship)
        messages.success(request, f"“{authorship.name}” is no longer linked to {linked}.")
    return redirect(next_url(request, authorship.publication.get_absolute_url()))
