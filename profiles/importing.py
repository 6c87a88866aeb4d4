"""The CV import: CV JSON in, one connected academic graph out, in one transaction.

``import_cv_file`` keeps the original (bytes, format, parser version, CV JSON) as a
CVDocument and calls ``import_cv_json``, which the upload flow calls too once a person
has reviewed the parsed CV. Every look-up goes through an indexed key (name keys,
normalised titles, organization and venue keys), a whole CV at a time, so an import
costs the same on an empty database as on a large one.
"""

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.files.base import ContentFile
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone

import cvparse
from affiliations.models import Affiliation, Mentorship, Organization
from awards.models import Award
from cvparse.kinds import known_venue, looks_like_venue, type_from_category, venue_key
from profiles.bulk import create_with_history, update_with_history
from profiles.concurrency import lock_graph, retry_transaction
from profiles.models import (
    CVDocument,
    HandEdited,
    Person,
    PersonName,
    ProfileSection,
    Project,
    Skill,
    Teaching,
    is_referees_heading,
    unique_slugs,
)
from profiles.resolution import (
    OrganizationName,
    fold,
    name_keys,
    normalize_title,
    relink_for,
    resolve_organization,
    split_name,
)
from publications.models import Authorship, Publication, Venue
from publications.proposals import owned_by_others, propose

_CV_DATE = re.compile(r"^((19|20)\d\d(-(0[1-9]|1[0-2]))?|present)$")
# A later status replaces an earlier one when two CVs list the same paper.
_STATUS_RANK = ["", "in_preparation", "preprint", "under_review", "accepted", "published"]


class CVImportError(Exception):
    """A CV that cannot be imported as it is; the message is for the person importing it."""


@dataclass
class ImportResult:
    document: CVDocument
    person: Person | None = None
    created: Counter = field(default_factory=Counter)
    linked: int = 0
    proposed: int = 0  # authors linked to owned profiles only once their owners accept
    merged: int = 0
    is_unchanged: bool = False
    # Unowned profiles or stubs with the CV owner's name, left alone by a web import.
    claimable: list[Person] = field(default_factory=list)

    @property
    def unparsed(self) -> list[str]:
        return self.document.unparsed

    def summary(self) -> str:
        if self.is_unchanged:
            return f"{self.document.original_filename}: already imported, nothing changed"
        created = (
            ", ".join(f"{n} {label}" for label, n in sorted(self.created.items())) or "nothing"
        )
        return (
            f"{self.document.original_filename} -> {self.person}: created {created}; "
            f"linked {self.linked}; proposed {self.proposed}; merged {self.merged}; "
            f"unparsed lines {len(self.unparsed)}"
        )


def _fit(model: type[models.Model], values: dict[str, Any]) -> dict[str, Any]:
    """Values as the model's columns take them: text clipped to its length, no None in text."""
    fitted = {}
    for name, value in values.items():
        if name.startswith("x_"):  # extensions of the CV JSON, not columns
            continue
        column = model._meta.get_field(name)
        if isinstance(column, models.CharField | models.TextField) and not column.null:
            value = " ".join(value) if isinstance(value, list) else (value or "")
            value = value[: column.max_length] if column.max_length else value
        fitted[name] = value
    return fitted


def _update(obj: models.Model, values: dict[str, Any]) -> bool:
    """Set the values that are known, new, and not edited by hand; True when anything changed."""
    changed = False
    for name, value in _fit(type(obj), values).items():
        if name in obj.edited_fields or value is None or value == "" or value == []:
            continue
        current = getattr(obj, type(obj)._meta.get_field(name).attname)
        if current == (value.pk if isinstance(value, models.Model) else value):
            continue
        setattr(obj, name, value)
        changed = True
    return changed


def _union(old: list, new: list) -> list:
    return old + [item for item in new if item not in old]


def _cv_date(value: str | None) -> str:
    return value if value and _CV_DATE.match(value) else ""


def _year(value: Any) -> int | None:
    return value if isinstance(value, int) and 1900 <= value <= 2100 else None


def _dates(start: str | None, end: str | None) -> dict[str, str]:
    start, end = _cv_date(start), _cv_date(end)
    if start == "present" or (start and end and end != "present" and end < start):
        start = ""
    return {"start": start, "end": end}


# --- when a CV entry is a row the profile has ------------------------------------------
# An entry with the identity of one of the profile's rows is merged into that row; any
# other is added. The upload review's diff (editing/review.py) asks the same functions,
# so what it shows as new, changed or missing is what the import will do.

_SECTION_MODELS: dict[str, type[models.Model]] = {
    "education": Affiliation,
    "positions": Affiliation,
    "awards": Award,
    "teaching": Teaching,
    "projects": Project,
    "sections": ProfileSection,
}


def _affiliation_identity(values: Mapping[str, Any]) -> tuple:
    """The same kind at the same organization (its key; the name as written when it has
    none) with the same title and start: "PKU" and "Peking University" are one place."""
    key = values["organization_key"]
    where = ("organization", key) if key else ("name", values["organization_name"])
    return (values["kind"], where, fold(values["title"]), values["start"])


_IDENTITY: dict[type[models.Model], Callable[[Mapping[str, Any]], tuple]] = {
    Affiliation: _affiliation_identity,
    Award: lambda values: (fold(values["title"]), values["year"]),
    Teaching: lambda values: (fold(values["course"]), fold(values["term"])),
    Project: lambda values: (fold(values["name"]),),
    Skill: lambda values: (values["category"], values["name"]),
    ProfileSection: lambda values: (fold(values["heading"]),),
}


def _entry_values(section: str, entry: dict) -> dict[str, Any]:
    """The model fields one entry of a CV JSON section gives, as the import writes them
    (not ``skills``, whose one entry is a row per item)."""
    if section == "education":
        values = {
            "kind": Affiliation.Kind.EDUCATION,
            "organization_name": entry["institution"],
            "title": entry["degree"],
            "field": entry["field"],
            "gpa": entry["gpa"],
            "details": entry["details"],
        }
    elif section == "positions":
        kind = entry["kind"]
        values = {
            "kind": kind if kind in Affiliation.Kind.values else Affiliation.Kind.OTHER,
            "organization_name": entry["organization"],
            "title": entry["title"],
            "department": entry["department"],
            "location": entry["location"],
            "details": entry["details"],
        }
    elif section == "awards":
        values = {**entry, "year": _year(entry["year"])}
    elif section == "sections":
        heading = entry["heading"]
        values = {
            "heading": heading,
            "items": entry["items"],
            "is_private": is_referees_heading(heading or ""),  # referees' contact details
        }
    else:
        values = entry
    if section in ("education", "positions"):
        values.update(_dates(entry["start"], entry["end"]))
    return _fit(_SECTION_MODELS[section], values)


def is_legend_section(section: dict) -> bool:
    """A publication list's legend left over as a section ("* equal contribution"): the
    marks it explains are on the authors, and the profile prints its own legend."""
    return bool(section["items"]) and all(cvparse.is_legend(item) for item in section["items"])


def _organization_written(section: str, entry: dict) -> str | None:
    """The organization an education or position entry names, as written."""
    return entry["institution"] if section == "education" else entry["organization"]


def entry_identity(
    section: str, entry: dict, *, picked: Mapping[int, Organization] | None = None
) -> tuple:
    """The identity of one entry of a CV JSON section; ``picked`` holds the organizations
    the reviewer chose (``x_organization_id``), by id. Reads nothing from the database."""
    values = _entry_values(section, entry)
    if section in ("education", "positions"):
        chosen = (picked or {}).get(entry.get("x_organization_id"))
        name = _organization_written(section, entry)
        values["organization_key"] = (
            chosen.key if chosen else resolve_organization(name).key if name else ""
        )
    return _IDENTITY[_SECTION_MODELS[section]](values)


def row_identity(row: models.Model) -> tuple:
    """The identity of a saved profile row (an Affiliation with its organization loaded)."""
    values = vars(row)
    if isinstance(row, Affiliation):
        organization = row.organization.key if row.organization_id else ""
        values = {**values, "organization_key": organization}
    return _IDENTITY[type(row)](values)


def same_publication(paper: dict, candidates: Collection[Publication]) -> Publication | None:
    """The known paper a CV's paper is: the same DOI, or the same normalised title with
    years at most one apart."""
    title, year = normalize_title(paper["title"] or ""), _year(paper["year"])
    same = [p for p in candidates if paper["doi"] and p.doi == paper["doi"]] or [
        p
        for p in candidates
        if p.normalized_title == title
        and (year is None or p.year is None or abs(p.year - year) <= 1)
    ]
    return min(same, key=lambda p: abs((p.year or 0) - (year or 0)), default=None)


def _picked_rows(model: type[models.Model], ids: Iterable[Any]) -> dict[int, models.Model]:
    """The rows a reviewer picked (``x_person_id``, ``x_organization_id``), by id.

    Raises CVImportError for an id that is no number or names no row (picked, then
    merged or deleted since); one query, none when nothing was picked.
    """
    wanted = {pk for pk in ids if pk is not None}
    label = model._meta.verbose_name
    if any(isinstance(pk, bool) or not isinstance(pk, int) for pk in wanted):
        raise CVImportError(f"The review picked a {label} by something not an id; pick again.")
    found = model._default_manager.in_bulk(wanted) if wanted else {}
    if gone := sorted(wanted - found.keys()):
        raise CVImportError(
            f"The review picked a {label} that no longer exists (id {', '.join(map(str, gone))});"
            " pick again."
        )
    return found


def _split_short(name: str) -> tuple[str, str | None]:
    """ "USENIX Symposium on Networked Systems Design and Implementation (NSDI)" -> the
    name before the parentheses and "NSDI"; a name without them and None."""
    found = re.search(r"\s*\(([A-Z][A-Za-z&/-]{1,15})\)\s*$", name)
    return (name[: found.start()], found.group(1)) if found and found.start() else (name, None)


def _venue_kind(paper: dict, name: str, short: str | None) -> str:
    """The kind of a paper's venue: from the list of well-known venues, else as the source
    says (the entry's type, the CV's sub-heading), else "other"; never from its words."""
    known = known_venue(name, short)
    if known is not None:
        return known.kind
    kind = paper.get("x_venue_kind") or type_from_category(paper["category"])[1]
    return kind if kind in Venue.Kind.values else Venue.Kind.OTHER


def _entry_type(paper: dict) -> str:
    """The paper's type as its source says: the entry's own, else the CV's sub-heading."""
    entry_type = paper.get("x_type") or type_from_category(paper["category"])[0]
    return entry_type if entry_type in Publication.EntryType.values else ""


def _thesis_degree(paper: dict) -> str:
    degree = paper.get("x_thesis_degree")
    return degree if degree in Publication.ThesisDegree.values else ""


def _venue_written(paper: dict) -> tuple[str, str | None]:
    """The venue's name and short name as the paper writes them, of those that can be a
    venue's ("January", "PDF", a URL, a year or an author list cannot); ("", None) if none."""
    name = paper["venue"] if looks_like_venue(paper["venue"]) else None
    short = paper["venue_short"] if looks_like_venue(paper["venue_short"]) else None
    return name or short or "", short


class _Import:
    """The state of one import; ``import_cv_json`` is its only caller."""

    def __init__(
        self, cv: dict, document: CVDocument, owner: AbstractBaseUser | None, *, trusted: bool
    ) -> None:
        self.cv = cv
        self.document = document
        self.user = owner
        # On behalf of a web user: never hand them someone else's profile, paper or author.
        self.is_web = owner is not None and not trusted
        self.result = ImportResult(document=document)
        self.people_by_key: dict[str, set[int]] = defaultdict(set)  # full or initials key
        self.new_people_ids: set[int] = set()
        self.spellings: list[tuple[int, str]] = []  # the owner's own names, to be kept
        self.mentors: set[int] = set()
        self.publication_ids: list[int] = []
        self.picked_organizations: dict[int, Organization] = {}

    def create(self, model: type[models.Model], objs: list) -> list:
        if not objs:
            return []
        created = create_with_history(model, objs)
        self.result.created[str(model._meta.verbose_name_plural)] += len(created)
        return created

    def merge_entry(self, entry: HandEdited, values: dict[str, Any]) -> None:
        """Merge values into a saved entry, or into one this CV listed before (not saved yet)."""
        if _update(entry, values) and entry.pk is not None:
            entry.source_document = self.document
            entry.save()
            self.result.merged += 1

    # --- people ---------------------------------------------------------------------

    def load_people(self, names: list[str]) -> None:
        keys = {name_keys(name).lookup for name in names}
        for key, person in PersonName.objects.filter(key__in=keys).values_list("key", "person_id"):
            self.people_by_key[key].add(person)

    def owner_person(self) -> Person:
        """The profile this CV belongs to: the user's, a matching profile or stub, or a new one.

        A profile with the same name is another person's when both give contact details
        and none is shared. A stub becomes this profile when it shares a paper with the CV
        or has no paper at all (an advisor known only by name).
        """
        data = self.cv["person"]
        if self.user is not None:
            mine = Person.objects.filter(owner=self.user).first()
            if mine is not None:
                return mine
        self.load_people([data["name"]])
        candidates = Person.objects.filter(
            pk__in=self.people_by_key[name_keys(data["name"]).lookup]
        )
        if self.is_web:
            # A web user gets a new profile; a profile or stub of that name nobody owns
            # is left alone, to be claimed (staff decide) if it is theirs.
            self.result.claimable = list(candidates.filter(owner=None).order_by("pk")[:5])
            return self.new_people([data["name"]])[0]
        contact = {*data["emails"], data["homepage"]} - {None, ""}
        stubs = {}
        for person in candidates.order_by("pk"):
            theirs = {*person.emails, person.homepage} - {""}
            if person.is_stub:
                stubs[person.pk] = person
            elif person.owner_id in (None, getattr(self.user, "pk", None)) and not (
                contact and theirs and not contact & theirs
            ):
                return person
        titles = {normalize_title(p["title"]) for p in self.cv["publications"]}
        papers = set(
            Authorship.objects.filter(person__in=stubs)
            .order_by()
            .values_list("person_id", "publication__normalized_title")
        )
        fitting = [pk for pk, title in papers if title in titles] or [
            pk for pk in stubs if pk not in {pk for pk, _ in papers}
        ]
        if fitting:
            return stubs[min(fitting)]
        return self.new_people([data["name"]])[0]

    def new_people(self, names: list[str]) -> list[Person]:
        people = []
        for name, slug in zip(names, unique_slugs(Person, names), strict=True):
            given, family = split_name(name)
            values = {
                "name": " ".join([*given, family]) if "," in name else name,  # "Chen, Yu"
                "slug": slug,
                "given_name": " ".join(given),
                "family_name": family,
            }
            people.append(Person(**_fit(Person, values)))
        people = self.create(Person, people)
        self.new_people_ids.update(p.pk for p in people)
        self.create(PersonName, [self.name_row(p.pk, p.name) for p in people])
        return people

    def name_row(self, pk: int, name: str) -> PersonName:
        keys = name_keys(name)
        self.people_by_key[keys.lookup].add(pk)
        return PersonName(person_id=pk, name=name, key=keys.lookup, initials_key=keys.initials)

    def add_names(self, spellings: list[tuple[int, str]]) -> None:
        """Save the spellings not yet known for these people."""
        if not spellings:
            return
        known = set(
            PersonName.objects.filter(person__in={pk for pk, _ in spellings}).values_list(
                "person_id", "name"
            )
        )
        fresh = dict.fromkeys((pk, name[:200]) for pk, name in spellings).keys() - known
        self.create(PersonName, [self.name_row(pk, name) for pk, name in sorted(fresh)])

    def people_for(self, names: list[str], *, context: set[int]) -> dict[str, int | None]:
        """Who each name means when written in full: the only person with it, the one of
        several known here (``context``), or a new stub for a name nobody has. None for
        initials and for a name shared by several people: resolution decides those."""
        self.load_people(names)
        keys = {name: name_keys(name) for name in names}
        unknown = {k.full: name for name, k in keys.items() if k.full}
        self.new_people([name for key, name in unknown.items() if not self.people_by_key[key]])
        found: dict[str, int | None] = {}
        for name, k in keys.items():
            everyone = self.people_by_key[k.full] if k.full else set()
            candidates = everyone & context if len(everyone) > 1 else everyone
            found[name] = next(iter(candidates)) if len(candidates) == 1 else None
        self.result.linked += sum(
            found[name] is not None and found[name] not in self.new_people_ids for name in names
        )
        return found

    def update_owner(self, person: Person) -> None:
        data = self.cv["person"]
        given, family = split_name(data["name"])
        changed = _update(
            person,
            {
                "name": data["name"],
                "given_name": " ".join(given),
                "family_name": family,
                "headline": data["headline"],
                "bio": data["bio"],
                "homepage": data["homepage"],
                "address": data["address"],
                "emails": _union(person.emails, data["emails"]),
                "phones": _union(person.phones, data["phones"]),
                "links": _union(person.links, data["links"]),
                "research_interests": _union(person.research_interests, data["research_interests"]),
            },
        )
        if self.is_web:
            if person.pk in self.new_people_ids:  # only the profile this import created
                person.is_stub, person.owner_id = False, self.user.pk
                changed = True
        elif person.is_stub or (self.user is not None and person.owner_id is None):
            person.is_stub = False
            person.owner_id = person.owner_id or getattr(self.user, "pk", None)
            changed = True
        if changed:
            person.save()
        self.spellings.append((person.pk, data["name"]))

    # --- organizations and affiliations ---------------------------------------------

    def organizations(self, names: list[str]) -> dict[str, Organization]:
        """Organizations by name as written, created (parents first) when unknown."""
        resolved = {name: resolve_organization(name) for name in names if name}
        wanted: dict[str, OrganizationName] = {}
        for org in resolved.values():
            while org is not None:
                wanted.setdefault(org.key, org)
                org = org.parent
        found = {o.key: o for o in Organization.objects.filter(key__in=wanted)}
        missing = [org for key, org in wanted.items() if key not in found]
        for depth in sorted({_depth(org) for org in missing}):
            level = [org for org in missing if _depth(org) == depth]
            slugs = unique_slugs(Organization, [org.name for org in level])
            rows = [
                Organization(
                    parent=found[org.parent.key] if org.parent else None,
                    **_fit(
                        Organization,
                        {
                            "name": org.name,
                            "slug": slug,
                            "key": org.key,
                            "kind": org.kind,
                            "country": org.country,
                            "aliases": list(org.aliases),
                        },
                    ),
                )
                for org, slug in zip(level, slugs, strict=True)
            ]
            found.update({o.key: o for o in self.create(Organization, rows)})
        for name, org in resolved.items():
            organization = found[org.key]
            changed = _update(
                organization,
                {
                    "aliases": _union(
                        organization.aliases, [name] if name != organization.name else []
                    ),
                    "parent": found[org.parent.key]
                    if org.parent and not organization.parent_id
                    else None,
                },
            )
            if changed:
                organization.save()
        return {name: found[org.key] for name, org in resolved.items()}

    def affiliations(self, person: Person, existing: list[Affiliation]) -> None:
        entries = [
            (section, entry) for section in ("education", "positions") for entry in self.cv[section]
        ]
        orgs = self.organizations(
            [
                _organization_written(section, entry)
                for section, entry in entries
                if not entry.get("x_organization_id")
            ]
        )
        by_key = {row_identity(a): a for a in existing}
        order: Counter = Counter()
        fresh, mentors = [], []
        for section, entry in entries:
            values = _entry_values(section, entry)
            values["order"] = order[values["kind"]]
            order[values["kind"]] += 1
            chosen = self.picked_organizations.get(entry.get("x_organization_id"))
            key = entry_identity(section, entry, picked=self.picked_organizations)
            affiliation = by_key.get(key)
            if affiliation is None:
                affiliation = Affiliation(
                    person=person,
                    organization=chosen or orgs.get(_organization_written(section, entry)),
                    source_document=self.document,
                    edited_fields=["organization"] if chosen else [],  # the reviewer's pick
                    **values,
                )
                by_key[key] = affiliation
                fresh.append(affiliation)
            else:
                values["details"] = _union(affiliation.details, values["details"])
                self.merge_entry(affiliation, values)
            role = Mentorship.Role.ADVISOR if section == "education" else Mentorship.Role.SUPERVISOR
            people = entry["advisors"] if section == "education" else entry["supervisors"]
            mentors += [(affiliation, name, role) for name in people]
        self.create(Affiliation, fresh)
        self.mentorships(person, mentors)

    def mentorships(self, person: Person, mentors: list[tuple[Affiliation, str, str]]) -> None:
        existing = set(
            Mentorship.objects.filter(advisee=person).values_list("advisor_id", "affiliation_id")
        )
        self.mentors = {advisor for advisor, _ in existing}
        advisors = self.people_for([name for _, name, _ in mentors], context=set(self.mentors))
        rows = []
        for affiliation, name, role in mentors:
            advisor = advisors[name]
            if advisor is None or advisor == person.pk or (advisor, affiliation.pk) in existing:
                continue
            existing.add((advisor, affiliation.pk))
            self.mentors.add(advisor)
            rows.append(
                Mentorship(
                    advisor_id=advisor,
                    advisee=person,
                    affiliation=affiliation,
                    role=role,
                    name_as_written=name[:200],
                )
            )
        self.create(Mentorship, rows)

    # --- publications ---------------------------------------------------------------

    def venues(self) -> dict[int, Venue]:
        """Venues by index of the CV's publications, matched by key or short name (a CV
        writing only "OSDI" finds the venue of that short name); new ones unsaved, for
        ``create_venues`` to save those a publication ends up with. A venue known only
        by its short name ("NSDI") takes the full name and kind a CV gives it."""
        wanted = {}
        for i, p in enumerate(self.cv["publications"]):
            name, short = _venue_written(p)
            if name:
                if not short:
                    name, short = _split_short(name)
                wanted[i] = (
                    venue_key(name),
                    (short or name)[:60],
                    name,
                    _venue_kind(p, name, short),
                )
        keys = {w[0] for w in wanted.values()} | {venue_key(w[1]) for w in wanted.values()}
        by_key: dict[str, Venue] = {}
        by_short: dict[str, Venue] = {}
        for venue in Venue.objects.filter(
            Q(key__in=keys) | Q(short_name__in={w[1] for w in wanted.values()})
        ).order_by("pk"):
            by_key[venue.key] = venue
            if venue.short_name:
                by_short.setdefault(venue.short_name, venue)
        named = []
        for key, short, name, kind in wanted.values():
            known = by_key.get(key) or by_short.get(short)
            if known is not None:
                # A kind the source states replaces "other", never another stated kind.
                if known.kind == Venue.Kind.OTHER and kind != Venue.Kind.OTHER:
                    if known.pk is not None and _update(known, {"kind": kind}):
                        named.append(known)
                    elif known.pk is None:
                        known.kind = kind
                continue
            written_short = short if short != name[:60] else ""
            bare = by_key.get(venue_key(short)) if written_short else None
            if bare is not None and not bare.short_name:
                values = {"name": name[:400], "short_name": short, "key": key, "kind": kind}
                if _update(bare, values):
                    named.append(bare)
                venue = bare
            else:
                venue = Venue(name=name[:400], short_name=written_short, key=key, kind=kind)
            by_key[key] = venue
            if written_short:
                by_short[short] = venue
        if named:
            named = list({id(v): v for v in named}.values())
            update_with_history(Venue, named, ["name", "short_name", "key", "kind"])
        return {i: by_key.get(w[0]) or by_short[w[1]] for i, w in wanted.items()}

    def create_venues(self, venues: list[Venue]) -> None:
        """Save the new venues among these (once each)."""
        fresh = list({id(v): v for v in venues if v is not None and v.pk is None}.values())
        for venue, slug in zip(
            fresh, unique_slugs(Venue, [v.short_name or v.name for v in fresh]), strict=True
        ):
            venue.slug = slug
        self.create(Venue, fresh)

    def publications(self, person: Person) -> None:
        papers = self.cv["publications"]
        venues = self.venues()
        titles = [normalize_title(p["title"]) for p in papers]
        candidates = list(
            Publication.objects.filter(
                Q(normalized_title__in=titles) | Q(doi__in={p["doi"] for p in papers if p["doi"]})
            ).order_by()
        )
        authors_of = defaultdict(list)
        for authorship in Authorship.objects.filter(publication__in=candidates).order_by():
            authors_of[authorship.publication_id].append(authorship)
        pairs: dict[int, tuple[Publication, dict]] = {}  # first listing of each paper wins
        fresh: list[Publication] = []
        merges: list[tuple[Publication, dict]] = []
        for i, (paper, title) in enumerate(zip(papers, titles, strict=True)):
            values = {
                "title": paper["title"],
                "year": _year(paper["year"]),
                "month": paper["month"] if paper["month"] in range(1, 13) else None,
                "venue": venues.get(i),
                "venue_name": _venue_written(paper)[0],
                "status": paper["status"],
                "entry_type": _entry_type(paper),
                "doi": paper["doi"],
                "volume": paper.get("x_volume"),
                "issue": paper.get("x_issue"),
                "pages": paper["pages"],
                "publisher": paper.get("x_publisher"),
                "editors": paper.get("x_editors") or [],
                "arxiv_id": paper.get("x_arxiv"),
                "isbn": paper.get("x_isbn"),
                "thesis_degree": _thesis_degree(paper),
                "location": paper["location"],
                "note": paper["note"],
                "links": paper["links"],
            }
            publication = same_publication(
                paper,
                [
                    c
                    for c in candidates
                    if c.pk is None
                    or not self.is_web
                    or self.is_own(person, paper, authors_of[c.pk])
                ],
            )
            if publication is None:
                if values["doi"] and any(c.doi == values["doi"] for c in candidates):
                    values["doi"] = None  # another's paper holds the DOI (a web import)
                publication = Publication(normalized_title=title, **_fit(Publication, values))
                candidates.append(publication)
                fresh.append(publication)
            elif id(publication) not in pairs:
                merges.append((publication, values))
            pairs.setdefault(id(publication), (publication, paper))
        # Only the new venues a publication takes: a known paper keeps the venue it has.
        self.create_venues(
            [p.venue for p in fresh]
            + [values["venue"] for publication, values in merges if not publication.venue_id]
        )
        for publication, values in merges:
            self.merge_publication(publication, values)
        for publication, slug in zip(
            fresh, unique_slugs(Publication, [p.title[:60] for p in fresh]), strict=True
        ):
            publication.slug = slug
        self.create(Publication, fresh)
        people = self.people_for(
            [
                a["name"][:200]
                for _, paper in pairs.values()
                for a in paper["authors"]
                if not a["is_self"] and not _is_picked(a)
            ],
            context={person.pk, *self.mentors},
        )
        # Authors who are someone else's owned profile: proposed to its owner, not linked.
        owned = owned_by_others(
            [
                *people.values(),
                *(a.get("x_person_id") for _, p in pairs.values() for a in p["authors"]),
            ],
            allowed={person.pk},
        )
        proposals: list[tuple[Authorship, int]] = []
        new_authors, changed_authors = [], []
        for publication, paper in pairs.values():
            at = {a.position: a for a in authors_of[publication.pk]}
            claimed: set[int] = set()
            for position, author in enumerate(paper["authors"], start=1):
                name = author["name"][:200]
                if author["is_self"]:
                    self.spellings.append((person.pk, name))
                    target = person.pk
                else:
                    target = author.get("x_person_id") if _is_picked(author) else people[name]
                is_picked = _is_picked(author) and not author["is_self"]
                known = _same_author(at, position, name, claimed)
                proposed = None
                if target in owned and (known is None or known.person_id != target):
                    proposed, target, is_picked = target, None, False
                if (
                    self.is_web
                    and known is not None
                    and known.person_id not in (None, target)
                    and (is_picked or author["is_self"])
                ):
                    if is_picked:
                        raise CVImportError(
                            f"The review picked who {name} is on “{publication.title}”, which"
                            " already links that author; pick again."
                        )
                    claimed.add(known.pk)
                    continue  # another person's authorship: not ours to take over
                if known is None and position not in at:
                    authorship = Authorship(
                        publication=publication,
                        position=position,
                        name=name,
                        name_key=name_keys(name).lookup,
                        person_id=target,
                        is_linked_by_hand=is_picked,
                        is_equal_contribution=author["equal_contribution"],
                        category=(paper["category"] or "")[:200] if author["is_self"] else "",
                    )
                    new_authors.append(authorship)
                    if proposed is not None:
                        proposals.append((authorship, proposed))
                elif known is not None:
                    # Not for an author unlinked by hand: "not this person", said by hand.
                    if (
                        proposed is not None
                        and known.person_id is None
                        and not known.is_linked_by_hand
                    ):
                        proposals.append((known, proposed))
                    claimed.add(known.pk)
                    if _merge_author(
                        known, author, name, target, paper["category"], is_picked=is_picked
                    ):
                        changed_authors.append(known)
        self.create(Authorship, new_authors)
        if changed_authors:
            update_with_history(Authorship, changed_authors, _MERGED_AUTHOR_FIELDS)
        self.result.proposed += len(propose(proposals, document=self.document))
        self.publication_ids = [p.pk for p, _ in pairs.values()]
        Publication.documents.through.objects.bulk_create(
            [
                Publication.documents.through(publication_id=pk, cvdocument_id=self.document.pk)
                for pk in self.publication_ids
            ],
            ignore_conflicts=True,
        )

    def is_own(self, person: Person, paper: dict, authorships: list[Authorship]) -> bool:
        """Whether a known paper is this CV's owner's: the CV's own author entry is one of
        its authors, linked to the owner or unlinked with the owner's name."""
        at = {a.position: a for a in authorships}
        for position, author in enumerate(paper["authors"], start=1):
            if not author["is_self"]:
                continue
            known = _same_author(at, position, author["name"][:200], set())
            if known is not None and known.person_id in (None, person.pk):
                return True
        return False

    def merge_publication(self, publication: Publication, values: dict[str, Any]) -> None:
        """Fill what the known paper lacks; a later status (preprint -> published) brings a year."""
        self.result.merged += 1
        keep = {
            name
            for name in values
            if name != "links"
            and getattr(publication, "venue_id" if name == "venue" else name) not in (None, "", [])
        }
        if _STATUS_RANK.index(values["status"] or "") > _STATUS_RANK.index(publication.status):
            keep -= {"status", "year"}
        if (
            "doi" not in keep
            and values["doi"]
            and Publication.objects.filter(doi=values["doi"]).exists()
        ):
            keep.add("doi")
        values = {name: None if name in keep else value for name, value in values.items()}
        values["links"] = _union(publication.links, values["links"])
        if _update(publication, values):
            publication.save()

    # --- profile entries ------------------------------------------------------------

    def entries(self, person: Person, existing: dict[type, list]) -> None:
        cv = self.cv
        for model, rows in [
            (Award, [_entry_values("awards", a) for a in cv["awards"]]),
            (Teaching, [_entry_values("teaching", t) for t in cv["teaching"]]),
            (Project, [_entry_values("projects", p) for p in cv["projects"]]),
            (
                Skill,
                [
                    _fit(Skill, {"category": s["category"], "name": item})
                    for s in cv["skills"]
                    for item in s["items"]
                ],
            ),
            (
                ProfileSection,
                [_entry_values("sections", s) for s in cv["sections"] if not is_legend_section(s)],
            ),
        ]:
            identity = _IDENTITY[model]
            known = {row_identity(entry): entry for entry in existing.get(model, [])}
            fresh = []
            for order, values in enumerate(rows):
                values["order"] = order
                entry = known.get(identity(values))
                if entry is None:
                    entry = model(person=person, source_document=self.document, **values)
                    known[identity(values)] = entry
                    fresh.append(entry)
                else:
                    for name in ("details", "items"):
                        if isinstance(values.get(name), list):
                            values[name] = _union(getattr(entry, name), values[name])
                    self.merge_entry(entry, values)
            self.create(model, fresh)

    def check_picks(self) -> None:
        """The people and organizations the reviewer picked; CVImportError when one is gone."""
        authors = [
            a
            for p in self.cv["publications"]
            for a in p["authors"]
            if _is_picked(a) and not a["is_self"]  # the owner is the owner
        ]
        if any("x_person_id" in a and a.get("x_unlinked") for a in authors):
            raise CVImportError("The review both linked and unlinked one author; pick again.")
        people = _picked_rows(Person, [a.get("x_person_id") for a in authors])
        if self.is_web:
            self.check_web_picks(authors, people)
        self.result.linked += sum(a.get("x_person_id") in people for a in authors)
        self.picked_organizations = _picked_rows(
            Organization,
            [e.get("x_organization_id") for e in [*self.cv["education"], *self.cv["positions"]]],
        )

    def check_web_picks(self, authors: list[dict], people: dict[int, Person]) -> None:
        """A web user may pick, for an author, only a person of that name whom nobody
        else owns (what the review offers)."""
        spellings = defaultdict(set)
        for pk, key, initials in PersonName.objects.filter(person__in=people).values_list(
            "person_id", "key", "initials_key"
        ):
            spellings[pk] |= {key, initials}
        for author in authors:
            person = people.get(author.get("x_person_id"))
            if person is None:
                continue
            keys = name_keys(author["name"])
            fits = (
                keys.full in spellings[person.pk]
                if keys.full
                else keys.initials in spellings[person.pk]
            )
            if not fits or person.owner_id not in (None, self.user.pk):
                raise CVImportError(
                    f"The review picked someone who cannot be {author['name']}; pick again."
                )

    def run(self) -> ImportResult:
        self.check_picks()
        person = self.owner_person()
        existing: dict[type, list] = {}
        if person.pk not in self.new_people_ids:
            existing = {
                model: list(
                    model.objects.filter(person=person).select_related("organization")
                    if model is Affiliation
                    else model.objects.filter(person=person)
                )
                for model in (Affiliation, Award, Teaching, Project, Skill, ProfileSection)
            }
        self.update_owner(person)
        self.affiliations(person, existing.get(Affiliation, []))
        self.publications(person)
        self.add_names(self.spellings)
        self.entries(person, existing)
        self.document.person = person
        self.document.status = CVDocument.Status.IMPORTED
        self.document.imported_at = timezone.now()
        self.document.unparsed = self.cv["unparsed"]
        self.document.error = ""
        self.document.save()
        coauthors = (
            Authorship.objects.filter(publication__in=self.publication_ids, person__is_stub=False)
            .order_by()
            .values_list("person_id", flat=True)
        )
        self.result.linked += len(relink_for({person.pk, *coauthors}))
        self.result.person = person
        return self.result


# Browsers ignore tabs and line breaks anywhere in a URL, and spaces and controls around it.
_IGNORED_IN_URLS = re.compile(r"[\x00-\x20\x7f]")
_SCRIPT_SCHEMES = ("javascript:", "data:", "vbscript:")
_URL_FIELDS = {"url", "homepage", "photo_url"}


def is_script_url(value: object) -> bool:
    """A URL that runs or embeds content where it is followed: never stored from a CV."""
    return isinstance(value, str) and (
        _IGNORED_IN_URLS.sub("", value).lower().startswith(_SCRIPT_SCHEMES)
    )


def without_script_urls(node: Any) -> Any:
    """CV JSON without javascript:, data: or vbscript: URLs: such a link is dropped from
    its list, such a homepage or project URL becomes None. Pages hide them too, but an
    export, the API or a later template must never meet one."""
    if isinstance(node, list):
        return [without_script_urls(item) for item in node]
    if not isinstance(node, dict):
        return node
    cleaned = {}
    for key, value in node.items():
        if key in _URL_FIELDS and is_script_url(value):
            cleaned[key] = None
        elif key == "links" and isinstance(value, list):
            cleaned[key] = [
                without_script_urls(link)
                for link in value
                if not (isinstance(link, dict) and is_script_url(link.get("url")))
            ]
        else:
            cleaned[key] = without_script_urls(value)
    return cleaned


def _with_owner_name(cv: dict, user: AbstractBaseUser | None) -> dict:
    """The CV with its owner's name: as given; else the user's profile name; else the one
    author on more than half of its papers (a BibTeX file), whose names become ``is_self``."""
    if cv["person"]["name"]:
        return cv
    profile = Person.objects.filter(owner=user).first() if user is not None else None
    if profile is not None:
        name = profile.name
    else:
        counts = Counter(
            key
            for paper in cv["publications"]
            for key in {name_keys(a["name"]).full for a in paper["authors"]} - {""}
        ).most_common(2)
        if (
            not counts
            or counts[0][1] * 2 <= len(cv["publications"])
            or counts[0][1] == counts[-1][1]
            and len(counts) > 1
        ):
            raise CVImportError(
                "The CV does not name its owner; import it for a user who has a profile."
            )
        name = next(
            a["name"]
            for p in cv["publications"]
            for a in p["authors"]
            if name_keys(a["name"]).full == counts[0][0]
        )
    keys = name_keys(name)
    # A work of an ORCID record that names no authors is its owner's (x_by_owner).
    owner_only = [{"name": name, "equal_contribution": False, "is_self": True}]
    publications = [
        {
            **paper,
            "authors": [
                {**a, "is_self": a["is_self"] or name_keys(a["name"]) == keys}
                for a in paper["authors"]
            ]
            or (owner_only if paper.get("x_by_owner") else []),
        }
        for paper in cv["publications"]
    ]
    return {**cv, "person": {**cv["person"], "name": name}, "publications": publications}


def _depth(org: OrganizationName) -> int:
    return 0 if org.parent is None else 1 + _depth(org.parent)


def _is_picked(author: dict) -> bool:
    """Whether the reviewer decided who this author is: a person, or nobody."""
    return "x_person_id" in author or bool(author.get("x_unlinked"))


def _is_same_name(one: str, other: str, *, strictly: bool = False) -> bool:
    """Whether two spellings may name one author: the same initials key or full key;
    ``strictly``, two names written in full need the same full key ("Yu Chen", "Yan Chen")."""
    mine, theirs = name_keys(one), name_keys(other)
    if strictly and mine.full and theirs.full:
        return mine.full == theirs.full
    return mine.initials == theirs.initials or bool(mine.full and mine.full == theirs.full)


def _same_author(
    at: dict[int, Authorship], position: int, name: str, claimed: set[int]
) -> Authorship | None:
    """The known author a CV's author at this position is: the one at the same position
    with the same name, else the only other one with that name, where two author lists
    differ ("Y. Chen" third here, second there). ``claimed``: matched already."""
    here = at.get(position)
    if here is not None and here.pk not in claimed and _is_same_name(name, here.name):
        return here
    elsewhere = [
        a
        for a in at.values()
        if a.pk not in claimed
        and a.position != position
        and _is_same_name(name, a.name, strictly=True)
    ]
    return elsewhere[0] if len(elsewhere) == 1 else None


# What another CV's view of a known author may change.
_MERGED_AUTHOR_FIELDS = [
    "person",
    "is_linked_by_hand",
    "name",
    "name_key",
    "is_equal_contribution",
    "category",
]


def _author_state(authorship: Authorship) -> tuple:
    return tuple(authorship.serializable_value(name) for name in _MERGED_AUTHOR_FIELDS)


def _merge_author(
    authorship: Authorship,
    author: dict,
    name: str,
    target: int | None,
    category: str | None,
    *,
    is_picked: bool,
) -> bool:
    """Merge another CV's view of this author into the known one; True when it changed.

    The reviewer's pick (``is_picked``: a person, or nobody) is made by hand and replaces
    any link. Otherwise a link made by hand is left alone; an unlinked author links to
    ``target``; and the CV's owner claiming the author as their own (``is_self``) also
    takes over an automatic link to another person of that name (two people sharing one).
    """
    if authorship.is_linked_by_hand and not is_picked:
        return False
    if authorship.person_id not in (None, target) and not (author["is_self"] or is_picked):
        return False
    before = _author_state(authorship)
    if target is not None or is_picked:
        authorship.person_id = target
        authorship.is_linked_by_hand |= is_picked
    keys = name_keys(name)
    if target is not None and name_keys(authorship.name).is_initials and not keys.is_initials:
        authorship.name, authorship.name_key = name, keys.lookup
    authorship.is_equal_contribution |= author["equal_contribution"]
    if author["is_self"] and category:
        authorship.category = category[:200]
    return before != _author_state(authorship)


@transaction.atomic
def import_cv_json(
    cv_json: dict,
    *,
    document: CVDocument,
    owner: AbstractBaseUser | None = None,
    trusted: bool = False,
) -> ImportResult:
    """Write one parsed CV into the graph, all or nothing, and mark the document imported.

    The CV's person becomes (or updates) a profile: the profile of ``owner`` if they have
    one, else a profile or a stub with that name (a stub keeps its links). Entries that
    match existing ones are merged, never deleted, and fields edited by hand are kept.

    For an ``owner`` not ``trusted`` (a web upload) the import takes nothing of others:
    a user without a profile gets a new one (``result.claimable``: the unowned ones of
    that name), a known paper is merged into only when the CV's owner is one of its
    authors (else the CV's paper is a new one), and the review's picks may not re-link
    authors already linked. ``trusted`` (staff, the command line) may attach a stub or an
    unowned profile to ``owner``.
    """
    lock_graph()  # first: what this import reads must not change until it commits
    cv = _with_owner_name(without_script_urls(cv_json), owner)
    return _Import(cv, document, owner, trusted=trusted).run()


def import_cv_file(
    data: bytes, filename: str, *, owner: AbstractBaseUser | None = None
) -> ImportResult:
    """Parse a CV file, keep it as a CVDocument, and import it; the same bytes twice change nothing.

    Raises ``cvparse.CVParseError`` for a file the parser cannot read; nothing is written then.
    Trusted: for staff (the command line), ``owner`` may take over a stub or unowned profile.
    Parsing happens outside the transaction; the import is retried when the database gives
    it up for another writer (``retry_transaction``).
    """
    sha256 = hashlib.sha256(data).hexdigest()
    if (done := _imported(sha256)) is not None:
        return done
    parsed = cvparse.parse_file(data, filename)  # one read of the file: text and CV JSON
    text, cv_json = parsed.text, parsed.cv

    def store_and_import() -> ImportResult:
        lock_graph()
        if (done := _imported(sha256)) is not None:  # the same file, imported meanwhile
            return done
        document = CVDocument(
            uploaded_by=owner,
            original_filename=filename[:255],
            sha256=sha256,
            size=len(data),
            format=cv_json["source"].get("x_format") or cv_json["source"]["format"] or "",
            text=text,
            parser_version=cvparse.PARSER_VERSION,
            cv_json=cv_json,
            status=CVDocument.Status.PARSED,
        )
        document.file.save(filename, ContentFile(data), save=False)
        try:
            document.save()
            return import_cv_json(cv_json, document=document, owner=owner, trusted=True)
        except BaseException:
            document.file.delete(save=False)
            raise

    return retry_transaction(store_and_import)


def _imported(sha256: str) -> ImportResult | None:
    """The result of a file imported before: nothing changed."""
    done = (
        CVDocument.objects.filter(sha256=sha256, status=CVDocument.Status.IMPORTED)
        .select_related("person")
        .first()
    )
    if done is None:
        return None
    return ImportResult(document=done, person=done.person, is_unchanged=True)
