"""Upload a CV, follow its parsing, review the result, then import or discard it."""

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django_htmx.http import HttpResponseClientRefresh

from accounts.ratelimit import allow_request
from affiliations.models import Organization
from cvparse.source import SourceLine, source_lines
from profiles.concurrency import retry_transaction
from profiles.importing import CVImportError, ImportResult, import_cv_json
from profiles.models import CVDocument, Person

from . import fixes, flags, review
from .access import get_document_for_editor
from .flags import is_blank_entry
from .tasks import recover_stuck
from .uploads import UploadForm

logger = logging.getLogger(__name__)
PAGE = "editing/document.html"
WAITING = {CVDocument.Status.UPLOADED, CVDocument.Status.PARSING}
DISCARDABLE = WAITING | {CVDocument.Status.PARSED, CVDocument.Status.FAILED}
IMPORT_FAILED = (
    "The import failed and changed nothing. Please try again in a moment; if it fails"
    " again, let us know."
)
TOO_MANY_UPLOADS = "You have uploaded many files in a short time. Please try again in an hour."


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def upload(request: HttpRequest) -> HttpResponse:
    posted = request.method == "POST"
    form = UploadForm(request.POST if posted else None, request.FILES if posted else None)
    if posted:
        allowed = allow_request(
            request,
            "upload",
            limit=settings.UPLOAD_RATE_LIMIT,
            window=settings.UPLOAD_RATE_WINDOW,
        )
        if not allowed:
            form.add_error(None, TOO_MANY_UPLOADS)
            return render(request, "editing/upload.html", {"form": form}, status=429)
        if form.is_valid():
            document = form.save(user=request.user)
            return redirect("editing:document", document.pk)
    documents = CVDocument.objects.filter(uploaded_by=request.user).order_by("-created_at")[:10]
    return render(request, "editing/upload.html", {"form": form, "documents": documents})


def reviewable(view: Callable) -> Callable:
    """Load the document for its editor; only a parsed, not yet imported CV can be changed."""

    @wraps(view)
    def wrapper(request: HttpRequest, pk: int, *args, **kwargs) -> HttpResponse:
        document = get_document_for_editor(request, pk)
        if document.status != CVDocument.Status.PARSED:
            messages.error(request, "This CV is no longer waiting for review.")
            return redirect("editing:document", document.pk)
        return view(request, document, *args, **kwargs)

    return login_required(wrapper)


def profile_of(document: CVDocument) -> Person | None:
    """The profile a newer CV would update: the document's person or the uploader's."""
    if document.person_id and not document.person.is_stub:
        return document.person
    return Person.objects.filter(owner_id=document.uploaded_by_id).first()


@dataclass
class ReviewRow:
    """One draft entry as the review shows it: why to check it, what it was read from,
    and the organization picker (once per distinct institution name)."""

    section: str
    index: int
    entry: dict
    diff: review.EntryDiff | None = None
    flags: list[str] = field(default_factory=list)
    source: list[SourceLine] = field(default_factory=list)
    organizations: list[Organization] = field(default_factory=list)
    organization_name: str | None = None
    move_targets: list[tuple[str, str]] = field(default_factory=list)

    @property
    def swappable(self) -> list[tuple[str, str]]:
        return [(name, name.replace("_", " ")) for name in fixes.SWAPPABLE.get(self.section, [])]

    @property
    def version(self) -> str:
        return fixes.entry_version(self.entry)

    @property
    def split_lines(self) -> list[SourceLine]:
        """The lines it can be split before: any of its own after the first."""
        return self.source[1:] if len(self.source) == len(self.entry.get("x_lines", [])) else []


@dataclass
class ReviewSection:
    key: str
    title: str
    flagged: list[ReviewRow]
    settled: list[ReviewRow]

    @property
    def count(self) -> int:
        return len(self.flagged) + len(self.settled)


def document_lines(document: CVDocument) -> dict[int, SourceLine]:
    """The lines the parser read, by number (a document parsed before they were kept,
    or a BibTeX file, has none)."""
    if not document.text or document.format == CVDocument.Format.BIBTEX:
        return {}
    return {line.no: line for line in source_lines(document.text)}


def review_row(
    cv: dict,
    section: str,
    index: int,
    lines: dict[int, SourceLine],
    suggestions: review.Suggestions,
    *,
    diff: review.EntryDiff | None = None,
    picker_shown: set[str] | None = None,
) -> ReviewRow:
    entry = cv["person"] if section == "person" else cv[section][index]
    row = ReviewRow(section, index, entry, diff, flags.entry_flags(section, entry))
    row.source = [lines[no] for no in entry.get("x_lines", []) if no in lines]
    if section != "person":
        row.move_targets = fixes.move_targets(cv, section)
    name = entry.get("institution") or entry.get("organization")
    # Once per distinct name: the pick applies to every entry that names it.
    offered = section in ("education", "positions") and name in suggestions.organizations
    if offered and (picker_shown is None or name not in picker_shown):
        row.organization_name, row.organizations = name, suggestions.organizations[name]
        if picker_shown is not None:
            picker_shown.add(name)
    return row


def review_context(document: CVDocument) -> dict:
    cv = document.cv_json
    profile = profile_of(document)
    diff = review.diff_against_profile(cv, profile) if profile else None
    lines = document_lines(document)
    suggestions = review.suggestions_for(cv)
    shown: set[str] = set()
    sections = []
    for key in review.LIST_SECTIONS:
        diffs = diff.entries.get(key, []) if diff else []
        rows = [
            review_row(
                cv,
                key,
                index,
                lines,
                suggestions,
                diff=diffs[index] if index < len(diffs) else None,
                picker_shown=shown,
            )
            for index in range(len(cv[key]))
        ]
        section = ReviewSection(
            key,
            review.SECTION_TITLES[key],
            [row for row in rows if row.flags],
            [row for row in rows if not row.flags],
        )
        sections.append(section)
    person_diff = diff.entries["person"][0] if diff else None
    person = review_row(cv, "person", 0, lines, suggestions, diff=person_diff)
    blank = [
        row
        for section in sections
        for row in section.flagged
        if is_blank_entry(row.section, row.entry)
    ]
    removed = fixes.undo_records(cv)
    # A line the review made of an entry can become that entry again (its undo).
    undo_of_line = {record["line"]: position for position, record in removed if record["line"]}
    unparsed_rows = [(i, line, undo_of_line.get(line)) for i, line in enumerate(cv["unparsed"])]
    return {
        "document": document,
        "cv": cv,
        "profile": profile,
        "diff": diff,
        "person_row": person,
        "sections": sections,
        "flagged_count": sum(len(section.flagged) for section in sections),
        "entry_count": sum(section.count for section in sections),
        "blank_rows": blank,
        "removed": removed,
        "unparsed_rows": unparsed_rows,
        "not_placed_count": len(unparsed_rows) + len(blank),
        "suggestions": suggestions,
        "unparsed_targets": review.unparsed_targets(cv),
    }


@login_required
@require_safe
def document(request: HttpRequest, pk: int) -> HttpResponse:
    document = get_document_for_editor(request, pk)
    context = {"document": document, "waiting": document.status in WAITING}
    if document.status == CVDocument.Status.PARSED:
        context.update(review_context(document))
    return render(request, PAGE, context)


@never_cache
@login_required
@require_safe
def status(request: HttpRequest, pk: int) -> HttpResponse:
    """The polled status area; once parsing ends, htmx reloads the page to show the review."""
    document = get_document_for_editor(request, pk)
    if not request.htmx:
        return redirect("editing:document", document.pk)
    if document.status == CVDocument.Status.PARSING and recover_stuck():
        document.refresh_from_db()  # a killed worker's: queued again, or failed
    if document.status not in WAITING:
        return HttpResponseClientRefresh()
    context = {"document": document, "waiting": True}
    return render(request, f"{PAGE}#status", context)


@login_required
@require_safe
def download(request: HttpRequest, pk: int) -> FileResponse:
    """The original file, for its uploader and staff only, always as a download."""
    document = get_document_for_editor(request, pk)
    try:
        if not document.file:  # a document made without its file (the admin, a test)
            raise FileNotFoundError
        handle = document.file.open("rb")
    except FileNotFoundError:
        raise Http404("The stored file is missing.") from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=document.original_filename,
        content_type="application/octet-stream",
    )
    response["Cache-Control"] = "private, no-store"
    return response


def render_entry(request, document, section: str, index: int, *, partial: str, form=None):
    suggestions = review.suggestions_for(document.cv_json)
    row = review_row(document.cv_json, section, index, document_lines(document), suggestions)
    context = {
        "document": document,
        "row": row,
        "form": form,
        "suggestions": suggestions,
        "expanded": True,  # an entry just edited stays open
        "partial": f"{PAGE}#{partial}",
    }
    if request.htmx:
        return render(request, context["partial"], context)
    return render(request, "editing/draft_page.html", context)


def draft_entry(document: CVDocument, section: str, index: int) -> dict:
    if section not in review.REVIEW_FIELDS:
        raise Http404("No such section.")
    try:
        return review.entry_at(document, section, index)
    except (KeyError, IndexError):
        raise Http404("No such entry.") from None


def back_to_review(document: CVDocument, anchor: str) -> HttpResponse:
    return redirect(f"{reverse('editing:document', args=[document.pk])}#{anchor}")


@reviewable
@require_http_methods(["GET", "HEAD", "POST"])
def draft_edit(request: HttpRequest, document: CVDocument, section: str, index: int):
    entry = draft_entry(document, section, index)
    form_class = review.entry_form_class(section)
    form = form_class(request.POST or None, initial=entry)
    if request.method == "POST" and form.is_valid():
        updated = review.apply_form(section, entry, form.cleaned_data)
        if section == "person":
            document.cv_json["person"] = updated
        else:
            document.cv_json[section][index] = updated
        review.save_draft(document)
        if not request.htmx:
            return back_to_review(document, f"{section}-{index}")
        return render_entry(request, document, section, index, partial="draft-row")
    return render_entry(request, document, section, index, partial="draft-form", form=form)


@reviewable
@require_safe
def draft_row(request: HttpRequest, document: CVDocument, section: str, index: int):
    draft_entry(document, section, index)
    if not request.htmx:
        return back_to_review(document, f"{section}-{index}")
    return render_entry(request, document, section, index, partial="draft-row")


QUICK_FIXES = ("swap", "split", "merge", "move", "unparse", "delete")


class StaleDraft(Exception):
    """The entry a fix was posted for is not what the reviewer saw: the draft moved on."""


STALE = (
    "This entry changed since the page was shown (in another tab?): here is the review as"
    " it is now."
)


def change_draft(
    request: HttpRequest, document: CVDocument, change: Callable[[dict, dict], str]
) -> HttpResponse:
    """Apply ``change(cv, lines)`` to the draft in one transaction, the document locked;
    ``change`` returns what it did, in words. htmx gets the review redrawn (indexes move),
    a plain browser a redirect; an error leaves the draft as it was."""
    try:
        with transaction.atomic():
            locked = CVDocument.objects.select_for_update().get(pk=document.pk)
            if locked.status != CVDocument.Status.PARSED:
                raise StaleDraft
            done = change(locked.cv_json, document_lines(locked))
            review.save_draft(locked)
    except StaleDraft:
        return review_error(request, document, STALE, status=409)
    except fixes.FixError as error:
        return review_error(request, document, str(error), status=400)
    if request.htmx:
        context = {**review_context(locked), "notice": done}
        return render(request, f"{PAGE}#review", context)
    messages.success(request, done)
    return back_to_review(locked, "review")


def review_error(request: HttpRequest, document: CVDocument, error: str, *, status: int):
    """The review as it is now, with why the fix was not made; htmx reloads the page."""
    messages.error(request, error)
    if request.htmx:
        response = HttpResponseClientRefresh()
        response.status_code = status
        return response
    document.refresh_from_db()
    context = {"document": document, "waiting": False}
    if document.status == CVDocument.Status.PARSED:
        context.update(review_context(document))
    return render(request, PAGE, context, status=status)


def fixed_entry(cv: dict, section: str, index: int, version: str) -> dict:
    """The entry a fix is for: 404 when there is none, StaleDraft when it has changed."""
    if section not in review.LIST_SECTIONS:
        raise Http404("No such section.")
    if not 0 <= index < len(cv[section]):
        raise Http404("No such entry.")
    entry = cv[section][index]
    if version and version != fixes.entry_version(entry):
        raise StaleDraft
    return entry


def describe(section: str, entry: dict) -> str:
    text = (entry.get(flags.MAIN_FIELD.get(section, "")) or "").strip()
    return f"“{text[:80]}”" if text else "the entry"


@reviewable
@require_POST
def draft_fix(request: HttpRequest, document: CVDocument, section: str, index: int, fix: str):
    """A quick fix to one entry: swap, split, merge, move, unparse or delete."""
    return quick_fix(request, document, section, index, fix)


def quick_fix(request: HttpRequest, document: CVDocument, section: str, index: int, fix: str):
    if fix not in QUICK_FIXES:
        raise Http404("No such fix.")
    post = request.POST

    def change(cv: dict, lines: dict) -> str:
        entry = fixed_entry(cv, section, index, post.get("version", ""))
        title = review.SECTION_TITLES[section]
        name = describe(section, entry)
        if fix == "swap":
            fixes.swap_fields(cv, section, index, post.get("first", ""), post.get("second", ""))
            fixes.check_entry(section, cv[section][index])
            return f"Swapped the {post['first']} and the {post['second']} of {name}."
        if fix == "split":
            at = post.get("at", "")
            fixes.split_entry(cv, section, index, int(at) if at.isdigit() else 0, lines)
            for part in cv[section][index : index + 2]:
                fixes.check_entry(section, part)
            return f"Split {name} in two."
        if fix == "merge":
            fixes.merge_with_next(cv, section, index, lines)
            fixes.check_entry(section, cv[section][index])
            return f"Merged {name} with the entry after it."
        if fix == "move":
            target = post.get("target", "")
            fixes.move_entry(cv, section, index, target, lines)
            if target in review.LIST_SECTIONS:
                fixes.check_entry(target, cv[target][-1])
            where = dict(fixes.move_targets(cv, section)).get(target, target)
            return f"Moved {name} from {title} to {where}."
        unparse = fix == "unparse"
        fixes.remove_entry(cv, section, index, to_unparsed=unparse, lines=lines)
        if unparse:
            return f"Turned {name} into an unparsed line."
        return f"Deleted {name} from {title}."

    return change_draft(request, document, change)


@reviewable
@require_POST
def draft_delete(request: HttpRequest, document: CVDocument, section: str, index: int):
    """Delete an entry (it can be undone)."""
    return quick_fix(request, document, section, index, "delete")


@reviewable
@require_POST
def draft_undo(request: HttpRequest, document: CVDocument, position: int):
    """Put back an entry deleted or turned into an unparsed line."""

    def change(cv: dict, lines: dict) -> str:
        record = fixes.undo_removal(cv, position)
        return f"Put back {describe(record['section'], record['entry'])}."

    return change_draft(request, document, change)


@reviewable
@require_POST
def draft_add(request: HttpRequest, document: CVDocument, section: str):
    if section not in review.LIST_SECTIONS:
        raise Http404("No such section.")
    document.cv_json[section].append(review.blank_entry(section))
    review.save_draft(document)
    index = len(document.cv_json[section]) - 1
    return redirect("editing:draft-edit", document.pk, section, index)


@reviewable
@require_POST
def draft_keep_profile(request: HttpRequest, document: CVDocument, section: str, index: int):
    """Keep the profile's values where this CV entry differs from them."""
    draft_entry(document, section, index)
    profile = profile_of(document)
    if profile is None:
        raise Http404("There is no profile to compare with.")
    diff = review.diff_against_profile(document.cv_json, profile).entries[section][index]
    review.use_profile_values(document.cv_json, section, index, diff)
    review.save_draft(document)
    return back_to_review(document, f"{section}-{index}")


@reviewable
@require_POST
def draft_pick(request: HttpRequest, document: CVDocument, section: str, index: int):
    """The reviewer says who an author is, or which organization an institution is."""
    draft_entry(document, section, index)
    choice = request.POST.get("choice", "")
    chosen = int(choice) if choice.isdigit() else None
    model = Person if section == "publications" else Organization
    if chosen is not None and not model.objects.filter(pk=chosen).exists():
        raise Http404("No such choice.")
    if section == "publications":
        author = request.POST.get("author", "")
        authors = document.cv_json["publications"][index]["authors"]
        if not author.isdigit() or int(author) >= len(authors):
            raise Http404("No such author.")
        # Only a person the review offered for this name, and nobody else's profile.
        offered = review.suggestions_for(document.cv_json).people.get(
            authors[int(author)]["name"], []
        )
        if chosen is not None and not any(
            p.pk == chosen and p.owner_id in (None, document.uploaded_by_id) for p in offered
        ):
            raise Http404("No such choice.")
        review.choose_person(document.cv_json, index, int(author), chosen)
    elif section in ("education", "positions"):
        entry = document.cv_json[section][index]
        name = entry.get("institution") or entry.get("organization")
        # Only an organization the review offered for this name.
        offered = review.suggestions_for(document.cv_json).organizations.get(name, [])
        if chosen is not None and chosen not in {o.pk for o in offered}:
            raise Http404("No such choice.")
        review.choose_organization(document.cv_json, name, chosen)
    else:
        raise Http404("Nothing to pick here.")
    review.save_draft(document)
    return back_to_review(document, f"{section}-{index}")


@reviewable
@require_POST
def unparsed_move(request: HttpRequest, document: CVDocument, index: int):
    cv = document.cv_json
    targets = dict(review.unparsed_targets(cv))
    target = request.POST.get("target", "")
    if not 0 <= index < len(cv["unparsed"]) or target not in targets:
        messages.error(request, "Choose where the line should go.")
        return back_to_review(document, "unparsed")
    review.move_unparsed(cv, index, target)
    review.save_draft(document)
    return back_to_review(document, "unparsed")


@reviewable
@require_POST
def import_document(request: HttpRequest, document: CVDocument) -> HttpResponse:
    """Write the reviewed CV into the profile, all at once, through the import service."""
    profile = profile_of(document)
    remove = set(request.POST.getlist("remove"))
    review.drop_blank_entries(document.cv_json)
    document.cv_json.pop(fixes.UNDO_KEY, None)  # the review's undo records stay out

    def run_import() -> ImportResult:
        # Two quick "Import" clicks: the second waits for the first, then finds it done.
        locked = CVDocument.objects.select_for_update().get(pk=document.pk)
        if locked.status != CVDocument.Status.PARSED:
            raise CVImportError("this CV is no longer waiting for review.")
        result = import_cv_json(document.cv_json, document=document, owner=document.uploaded_by)
        if profile is not None:
            review.remove_missing(profile, document.cv_json, remove)
        return result

    try:
        result = retry_transaction(run_import)
    except CVImportError as error:  # the CV or the review's picks; the person can fix it
        messages.error(request, f"The import failed and changed nothing: {error}")
        return redirect("editing:document", document.pk)
    except (ValueError, ValidationError) as error:
        logger.exception("Importing CV document %s failed", document.pk)
        messages.error(request, f"The import failed and changed nothing: {error}")
        return redirect("editing:document", document.pk)
    except DatabaseError:  # the database's words (constraints, key values) are not for people
        logger.exception("Importing CV document %s failed", document.pk)
        messages.error(request, IMPORT_FAILED)
        return redirect("editing:document", document.pk)
    messages.success(request, f"Imported {document.original_filename}.{_proposals_said(result)}")
    for person in result.claimable:
        messages.info(
            request,
            f"A profile named {person.name} already exists and was left alone;"
            " if it is yours, ask staff to merge it into your profile.",
        )
    return redirect(result.person)


def _proposals_said(result: ImportResult) -> str:
    """What the import proposed to co-authors who own profiles, if anything."""
    if not result.proposed:
        return ""
    papers = "paper was" if result.proposed == 1 else "papers were"
    return (
        f" {result.proposed} {papers} proposed to co-authors who own profiles here (counted"
        " once per co-author); each goes on their page once they accept it."
    )


@login_required
@require_POST
def discard(request: HttpRequest, pk: int) -> HttpResponse:
    """Keep only the stored file: the draft goes, nothing was imported. Any time before
    the import, so that an upload stuck waiting or parsing can always be dropped."""
    document = get_document_for_editor(request, pk)
    # One UPDATE: it waits for an import in progress, then finds the document imported.
    discarded = CVDocument.objects.filter(pk=document.pk, status__in=DISCARDABLE).update(
        status=CVDocument.Status.DISCARDED,
        cv_json=None,
        unparsed=[],
        text="",
        updated_at=timezone.now(),
    )
    if not discarded:
        messages.error(request, "This CV is no longer waiting for review.")
        return redirect("editing:document", document.pk)
    messages.success(request, "Discarded. Nothing was added to your profile.")
    return redirect("editing:upload")
