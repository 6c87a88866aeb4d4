"""The review of a parsed CV before import: the draft (the document's CV JSON) section by
section, forms for its entries, suggestions for ambiguous people and organizations, and
what a newer CV adds, changes or leaves out compared with the profile."""

from collections import defaultdict
from dataclasses import dataclass, field

from django import forms
from django.db.models import Q
from rapidfuzz import fuzz

from affiliations.models import Affiliation, Organization, cv_date_validator
from awards.models import Award
from profiles.importing import entry_identity, is_legend_section, row_identity, same_publication
from profiles.models import CVDocument, Person, PersonName, ProfileSection, Project, Teaching
from profiles.resolution import name_keys, org_key, resolve_organization
from publications.models import Publication

from .forms import LinesField
from .merge import unlink

# The fields of each CV JSON section that the review edits, and how.
REVIEW_FIELDS: dict[str, list[tuple[str, str]]] = {
    "person": [
        ("name", "text"),
        ("headline", "text"),
        ("emails", "lines"),
        ("phones", "lines"),
        ("homepage", "url"),
        ("address", "textarea"),
        ("bio", "textarea"),
        ("research_interests", "lines"),
    ],
    "education": [
        ("institution", "text"),
        ("degree", "text"),
        ("field", "text"),
        ("start", "date"),
        ("end", "date"),
        ("advisors", "lines"),
        ("gpa", "text"),
        ("details", "lines"),
    ],
    "positions": [
        ("organization", "text"),
        ("title", "text"),
        ("department", "text"),
        ("kind", "position_kind"),
        ("start", "date"),
        ("end", "date"),
        ("supervisors", "lines"),
        ("location", "text"),
        ("details", "lines"),
    ],
    "publications": [
        ("title", "text"),
        ("authors", "authors"),
        ("venue", "text"),
        ("venue_short", "text"),
        ("year", "year"),
        ("status", "status"),
        ("doi", "text"),
        ("pages", "text"),
        ("category", "text"),
        ("note", "textarea"),
    ],
    "awards": [
        ("title", "text"),
        ("year", "year"),
        ("issuer", "text"),
        ("rank", "text"),
        ("details", "text"),
    ],
    "teaching": [
        ("course", "text"),
        ("role", "text"),
        ("institution", "text"),
        ("term", "text"),
        ("details", "lines"),
    ],
    "projects": [("name", "text"), ("description", "textarea"), ("url", "url")],
    "skills": [("category", "text"), ("items", "lines")],
    "sections": [("heading", "text"), ("items", "lines")],
}
LIST_SECTIONS = [key for key in REVIEW_FIELDS if key != "person"]
SECTION_TITLES = {
    "person": "Name and contact",
    "education": "Education",
    "positions": "Positions",
    "publications": "Publications",
    "awards": "Awards",
    "teaching": "Teaching",
    "projects": "Projects",
    "skills": "Skills",
    "sections": "Other sections",
}
# Keys the CV JSON schema has beyond those edited here, with their empty values.
EXTRA_KEYS: dict[str, dict] = {
    "publications": {"month": None, "location": None, "links": []},
}
POSITION_KINDS = ["employment", "internship", "research", "visiting", "other"]


class AuthorsField(forms.CharField):
    """Authors in order, one per line; a trailing * marks equal contribution."""

    widget = forms.Textarea(attrs={"rows": 4})

    def prepare_value(self, value):
        if isinstance(value, list):
            return "\n".join(
                f"{a['name']}{' *' if a.get('equal_contribution') else ''}" for a in value
            )
        return value

    def to_python(self, value) -> list[dict]:
        authors = []
        for line in (super().to_python(value) or "").splitlines():
            if name := line.strip().rstrip("*").strip():
                authors.append({"name": name, "equal_contribution": line.strip().endswith("*")})
        return authors


def _field(name: str, kind: str, *, required: bool) -> forms.Field:
    label = name.replace("_", " ").capitalize()
    if kind == "lines":
        return LinesField(label=label, required=False, help_text="One per line.")
    if kind == "authors":
        return AuthorsField(
            label=label,
            help_text="One per line, in order; end a name with * for equal contribution.",
        )
    if kind == "year":
        return forms.IntegerField(label=label, required=required, min_value=1900, max_value=2100)
    if kind == "date":
        return forms.CharField(
            label=label,
            required=False,
            validators=[cv_date_validator],
            help_text="YYYY, YYYY-MM or “present”.",
        )
    if kind == "url":
        return forms.URLField(label=label, required=required, assume_scheme="https")
    if kind == "textarea":
        return forms.CharField(
            label=label, required=required, widget=forms.Textarea(attrs={"rows": 3})
        )
    if kind == "position_kind":
        return forms.ChoiceField(label=label, choices=[(k, k.capitalize()) for k in POSITION_KINDS])
    if kind == "status":
        return forms.ChoiceField(
            label=label, required=False, choices=[("", "—"), *Publication.Status.choices]
        )
    return forms.CharField(label=label, required=required, max_length=1000)


def entry_form_class(section: str) -> type[forms.Form]:
    """A form for one entry of ``section``; its first field is required."""
    spec = REVIEW_FIELDS[section]
    fields = {name: _field(name, kind, required=i == 0) for i, (name, kind) in enumerate(spec)}
    return type(f"{section.capitalize()}EntryForm", (forms.Form,), fields)


def blank_entry(section: str) -> dict:
    empty = {"lines": [], "authors": []}
    entry = {name: empty.get(kind) for name, kind in REVIEW_FIELDS[section]}
    if section == "positions":
        entry["kind"] = "other"
    return {**entry, **EXTRA_KEYS.get(section, {})}


def apply_form(section: str, entry: dict, cleaned: dict) -> dict:
    """The entry with the form's values; empty text becomes null, as in CV JSON."""
    updated = dict(entry)
    for name, kind in REVIEW_FIELDS[section]:
        value = cleaned[name]
        if kind == "authors":
            value = _keep_author_marks(entry.get("authors") or [], value)
        updated[name] = value if value not in ("",) else None
    return updated


def _keep_author_marks(old: list[dict], new: list[dict]) -> list[dict]:
    """Authors typed again keep what the parser and the review knew (is_self, picked person)."""
    by_name = {a["name"]: a for a in old}
    return [{**by_name.get(a["name"], {"is_self": False}), **a} for a in new]


# --- the draft ------------------------------------------------------------------------


def drop_blank_entries(cv: dict) -> None:
    """Leave out entries added in the review but never filled in."""
    for section in LIST_SECTIONS:
        names = [name for name, _ in REVIEW_FIELDS[section]]
        blank = [blank_entry(section)[name] for name in names]
        cv[section] = [e for e in cv[section] if [e.get(name) for name in names] != blank]


def save_draft(document: CVDocument) -> None:
    document.save(update_fields=["cv_json", "updated_at"])


def entry_at(document: CVDocument, section: str, index: int) -> dict:
    """The draft's entry; KeyError/IndexError when it is not there (the view gives 404)."""
    if section == "person":
        if index != 0:
            raise IndexError(index)
        return document.cv_json["person"]
    return document.cv_json[section][index]


UNPARSED_TARGETS = {
    "bio": "Add to the bio",
    "awards": "A new award",
    "projects": "A new project",
    "publications": "A new publication (title)",
    "teaching": "A new teaching entry",
    "drop": "Leave it out",
}


def unparsed_targets(cv: dict) -> list[tuple[str, str]]:
    """Where an unparsed line can go: a new entry, the bio, or a section (maybe a new one)."""
    headings = [s["heading"] for s in cv["sections"]]
    if "Other" not in headings:
        headings.append("Other")
    return [*UNPARSED_TARGETS.items(), *((f"section:{h}", f"Section “{h}”") for h in headings)]


def add_to_section(cv: dict, heading: str, item: str) -> None:
    """One more item under ``heading`` in the CV's other sections, a new one if need be."""
    section = next((s for s in cv["sections"] if s["heading"] == heading), None)
    if section is None:
        section = {"heading": heading, "items": []}
        cv["sections"].append(section)
    section["items"].append(item)


def move_unparsed(cv: dict, index: int, target: str) -> None:
    """Move one unparsed line where it belongs (or drop it)."""
    line = cv["unparsed"].pop(index)
    first = {"awards": "title", "projects": "name", "publications": "title", "teaching": "course"}
    if target == "bio":
        cv["person"]["bio"] = (
            f"{cv['person']['bio']}\n{line}".strip() if cv["person"]["bio"] else line
        )
    elif target in first:
        cv[target].append({**blank_entry(target), first[target]: line})
    elif target.startswith("section:"):
        add_to_section(cv, target.removeprefix("section:"), line)
    elif target != "drop":
        raise ValueError(f"Unknown place {target!r}.")


# --- suggestions for ambiguous names --------------------------------------------------


@dataclass
class Suggestions:
    """Who an author name or an institution might be, where it is not clear."""

    people: dict[str, list[Person]] = field(default_factory=dict)  # author name -> people
    organizations: dict[str, list[Organization]] = field(default_factory=dict)


def suggestions_for(cv: dict) -> Suggestions:
    """People for ambiguous co-author names, organizations for institutions not known as such.

    A full name known for two or more people, or a name written with initials that
    fits someone, is ambiguous; an institution is when its name matches no organization
    exactly (``organization_candidates``). Four queries at most.
    """
    names = {a["name"] for p in cv["publications"] for a in p["authors"] if not a.get("is_self")}
    keys = {name: name_keys(name) for name in names}
    fulls = {k.full for k in keys.values() if k.full}
    initials = {k.initials for k in keys.values() if k.is_initials}
    by_key: dict[str, set[int]] = defaultdict(set)
    people: dict[int, Person] = {}
    for spelling in PersonName.objects.filter(key__in=fulls | initials).select_related("person"):
        by_key[spelling.key].add(spelling.person_id)
        people[spelling.person_id] = spelling.person
    for spelling in PersonName.objects.filter(initials_key__in=initials).select_related("person"):
        by_key[spelling.initials_key].add(spelling.person_id)
        people[spelling.person_id] = spelling.person
    result = Suggestions()
    for name, key in keys.items():
        candidates = by_key[key.full] if key.full else by_key[key.initials]
        if len(candidates) > 1 or (key.is_initials and candidates):
            result.people[name] = sorted((people[pk] for pk in candidates), key=str)
    result.organizations = organization_candidates(
        {e["institution"] for e in cv["education"]} | {p["organization"] for p in cv["positions"]}
    )
    return result


# Words most organization names share: they say nothing about which one is meant.
GENERIC_ORGANIZATION_WORDS = frozenset(
    """university univ universite universitat universidad of the and for at de di du la le
    institute inst college school department dept faculty centre center laboratory lab labs
    national research academy graduate state""".split()  # noqa: SIM905 (a word list)
)
# token_sort_ratio (0-100) of the distinctive words above which an organization is offered:
# "Univ. of London" and "University of London" (100), "Londn" (91); not "Toronto" for
# "Tokyo" (67) nor "Oxford" for "London" (33).
ORGANIZATION_SIMILARITY = 88
ORGANIZATION_CHOICES = 8


def distinctive_words(key: str) -> str:
    return " ".join(word for word in key.split() if word not in GENERIC_ORGANIZATION_WORDS)


def organization_similarity(name: str, organization: Organization) -> float:
    """How alike ``name`` is to the organization's name or its closest alias, by their
    distinctive words (0-100)."""
    mine = distinctive_words(resolve_organization(name).key)
    if not mine:
        return 0.0
    known = [organization.key, *(org_key(alias) for alias in organization.aliases)]
    return max(
        (fuzz.token_sort_ratio(mine, words) for key in known if (words := distinctive_words(key))),
        default=0.0,
    )


def organization_candidates(names: set[str | None]) -> dict[str, list[Organization]]:
    """For each institution name that is no organization already (by key), the
    organizations whose name or an alias is like it, best first. Two queries at most."""
    names.discard(None)
    # Keyed as the import resolves them: "PKU" is Peking University, no guess needed.
    keys = {name: resolve_organization(name).key for name in names}
    known = set(Organization.objects.filter(key__in=keys.values()).values_list("key", flat=True))
    unknown = [name for name, key in keys.items() if key not in known]
    # A word's first four letters find it misspelt at its end too ("Londn").
    stems = {word[:4] for name in unknown for word in distinctive_words(keys[name]).split()}
    stems = {stem for stem in stems if len(stem) >= 3}
    if not stems:
        return {}
    query = Q()
    for stem in stems:
        query |= Q(key__contains=stem) | Q(aliases__icontains=stem)
    pool = list(Organization.objects.filter(query).order_by("name")[:500])
    found = {}
    for name in unknown:
        scored = [(organization_similarity(name, o), o) for o in pool]
        best = sorted(
            ((score, o) for score, o in scored if score >= ORGANIZATION_SIMILARITY),
            key=lambda pair: (-pair[0], pair[1].name),
        )
        if best:
            found[name] = [o for _, o in best[:ORGANIZATION_CHOICES]]
    return found


def choose_person(cv: dict, index: int, author: int, person_id: int | None) -> None:
    """Record the reviewer's pick for one author (None: leave the name unlinked)."""
    chosen = cv["publications"][index]["authors"][author]
    chosen.pop("x_person_id", None)
    chosen.pop("x_unlinked", None)
    if person_id is None:
        chosen["x_unlinked"] = True
    else:
        chosen["x_person_id"] = person_id


def choose_organization(cv: dict, name: str, organization_id: int | None) -> None:
    """Record the reviewer's pick for an institution name, on every entry that names it
    (None: a new organization)."""
    for entry in [*cv["education"], *cv["positions"]]:
        if (entry.get("institution") or entry.get("organization")) != name:
            continue
        entry.pop("x_organization_id", None)
        if organization_id is not None:
            entry["x_organization_id"] = organization_id


# --- a newer CV against the profile ----------------------------------------------------


@dataclass(frozen=True)
class FieldChange:
    field: str
    profile: object
    cv: object
    is_hand_edited: bool


@dataclass
class EntryDiff:
    status: str  # "new", "changed" or "same"
    changes: list[FieldChange] = field(default_factory=list)


@dataclass
class ProfileDiff:
    entries: dict[str, list[EntryDiff]]  # section -> one per draft entry
    missing: list[tuple[str, object]]  # (section, profile row) the CV no longer lists


# CV JSON field -> model field compared for "changed", per section.
COMPARED = {
    "person": {"name": "name", "headline": "headline", "bio": "bio", "homepage": "homepage"},
    "education": {"field": "field", "end": "end", "gpa": "gpa"},
    "positions": {"department": "department", "location": "location", "end": "end"},
    "publications": {"venue": "venue_name", "year": "year", "status": "status", "doi": "doi"},
    "awards": {"issuer": "issuer", "rank": "rank"},
    "teaching": {"role": "role", "institution": "institution"},
    "projects": {"description": "description", "url": "url"},
    "sections": {"items": "items"},
}
# Skills merge item by item on import, so a CV's skills are never "changed" or "missing".
DIFF_SECTIONS = [section for section in COMPARED if section != "person"]


def _profile_rows(person: Person) -> dict[str, dict[tuple, object]]:
    """The profile's rows of each section, by the identity the import gives them."""
    rows: dict[str, dict[tuple, object]] = {"education": {}, "positions": {}, "publications": {}}
    for section, model in [
        ("awards", Award),
        ("teaching", Teaching),
        ("projects", Project),
        ("sections", ProfileSection),
    ]:
        rows[section] = {row_identity(row): row for row in model.objects.filter(person=person)}
    for a in Affiliation.objects.filter(person=person).select_related("organization"):
        section = "education" if a.kind == Affiliation.Kind.EDUCATION else "positions"
        rows[section][row_identity(a)] = a
    for publication in Publication.objects.filter(authorships__person=person).distinct():
        rows["publications"][(publication.pk,)] = publication
    return rows


def _changes(section: str, entry: dict, row) -> list[FieldChange]:
    changes = []
    for cv_field, model_field in COMPARED[section].items():
        cv_value, profile_value = entry.get(cv_field), getattr(row, model_field)
        if cv_value not in (None, "", []) and cv_value != profile_value:
            edited = model_field in row.edited_fields
            changes.append(FieldChange(model_field, profile_value, cv_value, edited))
    return changes


def diff_against_profile(cv: dict, person: Person) -> ProfileDiff:
    """Each draft entry against the profile row the import would merge it into (none:
    new), and the rows no entry would be merged into (missing)."""
    rows = _profile_rows(person)
    # The organizations picked in the review; one picked and deleted since is left out
    # here, and the import says so.
    ids = {e.get("x_organization_id") for e in [*cv["education"], *cv["positions"]]} - {None}
    picked = Organization.objects.in_bulk(ids) if ids else {}
    entries: dict[str, list[EntryDiff]] = {}
    seen: dict[str, set[tuple]] = defaultdict(set)
    entries["person"] = [_entry_diff(_changes("person", cv["person"], person))]
    for section in DIFF_SECTIONS:
        entries[section] = []
        for entry in cv[section]:
            if section == "publications":
                paper = same_publication(entry, rows["publications"].values())
                key = (paper.pk,) if paper else ()
            else:
                key = entry_identity(section, entry, picked=picked)
            row = rows[section].get(key)
            seen[section].add(key)
            if section == "sections" and is_legend_section(entry):
                diff = EntryDiff("same")  # the import leaves a publication legend out
            elif row is None:
                diff = EntryDiff("new")
            else:
                diff = _entry_diff(_changes(section, entry, row))
            entries[section].append(diff)
    missing = [
        (section, row)
        for section, by_key in rows.items()
        for key, row in by_key.items()
        if key not in seen[section]
    ]
    return ProfileDiff(entries, missing)


def _entry_diff(changes: list[FieldChange]) -> EntryDiff:
    return EntryDiff("changed" if changes else "same", changes)


def use_profile_values(cv: dict, section: str, index: int, diff: EntryDiff) -> None:
    """Keep the profile's values where this entry differs from it."""
    entry = cv["person"] if section == "person" else cv[section][index]
    reverse = {model: cv_field for cv_field, model in COMPARED[section].items()}
    for change in diff.changes:
        entry[reverse[change.field]] = change.profile if change.profile != "" else None


def remove_missing(person: Person, cv: dict, chosen: set[str]) -> int:
    """Delete the profile rows that the CV no longer lists and the reviewer chose to remove.

    ``chosen`` holds "section:pk" values from the review form. Publications are not
    deleted (co-authors share them); the person's authorship link to them is.
    """
    removed = 0
    for section, row in diff_against_profile(cv, person).missing:
        if f"{section}:{row.pk}" not in chosen:
            continue
        if isinstance(row, Publication):
            for authorship in row.authorships.filter(person=person):
                unlink(authorship)  # the author row stays: the paper is shared
        else:
            row.delete()
        removed += 1
    return removed
