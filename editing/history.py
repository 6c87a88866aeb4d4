"""A profile's history (django-simple-history records of it and its entries) and reverts."""

from dataclasses import dataclass

from django.db import models, transaction
from django.http import Http404

from affiliations.models import Affiliation
from awards.models import Award
from profiles.models import HandEdited, Person, PersonName, ProfileSection, Project, Skill, Teaching
from publications.models import Authorship, Publication

from .merge import unlink

ENTRY_MODELS: list[type[models.Model]] = [
    Affiliation,
    Award,
    Teaching,
    Project,
    Skill,
    ProfileSection,
    PersonName,
]
ACTIONS = {"+": "added", "~": "changed", "-": "deleted"}
BOOKKEEPING = {"version", "edited_fields", "updated_at", "created_at"}
# Who owns a row and where it lives change only through claims and merges, never a revert.
NEVER_REVERTED = {"id", "owner", "is_stub", "slug"}


@dataclass(frozen=True)
class Change:
    field: str
    old: object
    new: object


@dataclass(frozen=True)
class Event:
    """One saved change: who, when, what."""

    kind: str  # model name: "person", "award", ...
    record: models.Model  # the historical row
    changes: list[Change]

    @property
    def action(self) -> str:
        return ACTIONS[self.record.history_type]

    @property
    def label(self) -> str:
        return self.record.instance_type._meta.verbose_name

    @property
    def title(self) -> str:
        """What the row is called, read from the record itself (no query)."""
        for field in ("title", "name", "course", "heading", "organization_name"):
            if value := getattr(self.record, field, ""):
                return value
        return ""


def history_querysets(person: Person) -> dict[str, models.QuerySet]:
    """The historical records that belong to ``person``'s profile, by model name."""
    publications = Authorship.objects.filter(person=person).values("publication_id")
    querysets = {
        "person": Person.history.filter(id=person.pk),
        "publication": Publication.history.filter(id__in=publications),
        "authorship": Authorship.history.filter(publication_id__in=publications),
    }
    for model in ENTRY_MODELS:
        querysets[model._meta.model_name] = model.history.filter(person_id=person.pk)
    return querysets


def profile_history(person: Person, *, limit: int = 100) -> list[Event]:
    """The latest ``limit`` changes to the profile, newest first.

    One query per kind of record; each change is compared with the record before it in
    the same list, so only the oldest listed change of an object looks further back.
    """
    events = []
    for kind, queryset in history_querysets(person).items():
        records = list(queryset.select_related("history_user")[:limit])  # newest first
        previous, newer = {}, {}
        for record in records:
            if record.id in newer:
                previous[newer[record.id].history_id] = record
            newer[record.id] = record
        events += [
            Event(kind, record, changes_of(record, previous.get(record.history_id)))
            for record in records
        ]
    events.sort(key=lambda event: event.record.history_date, reverse=True)
    return events[:limit]


def changes_of(record, previous=None) -> list[Change]:
    """What a change changed (nothing for an addition or a deletion)."""
    if record.history_type != "~":
        return []
    previous = previous or record.prev_record
    if previous is None:
        return []
    delta = record.diff_against(previous, excluded_fields=BOOKKEEPING)
    return [Change(c.field, c.old, c.new) for c in delta.changes]


def get_record(person: Person, kind: str, history_id: int):
    queryset = history_querysets(person).get(kind)
    record = queryset.filter(history_id=history_id).first() if queryset is not None else None
    if record is None:
        raise Http404("No such change in this profile's history.")
    return record


@transaction.atomic
def revert(record, person: Person | None = None) -> str:
    """Undo one recorded change, in ``person``'s history; returns what was done, for a
    message. A paper others share is never deleted, nor another person's author link
    changed: undoing a shared paper's addition takes it off ``person``'s profile only."""
    model = record.instance_type
    current = model.objects.select_for_update().filter(pk=record.id).first()
    if model is Authorship:
        _check_own_authorship(record, current, person)
    if record.history_type == "+":
        if model is Person:
            raise ValueError("A person cannot be removed by reverting; ask staff to merge it.")
        shared = current if model is Publication else getattr(current, "publication", None)
        if shared is not None and shared.is_shared_beyond(person):
            return _leave_shared(shared, person)
        if current is not None:
            current.delete()
        return f"Removed the {model._meta.verbose_name} that had been added."
    if record.history_type == "-":
        # A deletion is undone by its own record (the row as it was when deleted).
        if model is Person or current is not None:
            raise ValueError(f"the {model._meta.verbose_name} exists.")
        record.instance.save()
        return f"Restored the {model._meta.verbose_name} that had been deleted."
    return _revert_change(record, current)


def _check_own_authorship(record, current: Authorship | None, person: Person | None) -> None:
    """An author link a revert may touch is ``person``'s own or nobody's, before and after:
    another person's link is theirs to make or undo (an owned profile's by its owner)."""
    linked = {record.person_id, getattr(current, "person_id", None)} - {None}
    if person is None or linked - {person.pk}:
        raise ValueError("this author is linked to another person; only they or staff change it.")


def _leave_shared(publication: Publication, person: Person | None) -> str:
    """Take a paper others share off ``person``'s profile, keeping it for them."""
    own = list(Authorship.objects.filter(publication=publication, person=person)) if person else []
    if not own:
        raise ValueError(
            "other people's profiles or CVs list this publication; only staff may delete it."
        )
    for authorship in own:
        unlink(authorship)  # by hand: re-resolution must not put it back
    return "Took the publication off this profile; it stays for the others who list it."


def _revert_change(record, current) -> str:
    """Put back only what ``record`` changed, on the row as it is now.

    Later changes to other fields stay; who owns the row, whether it is a stub and its
    address are never moved by a revert.
    """
    model = record.instance_type
    previous = record.prev_record
    if previous is None:
        raise ValueError(
            "there is no earlier version of this row to go back to "
            "(it was written in bulk, without history)."
        )
    if current is None:
        raise ValueError(f"the {model._meta.verbose_name} has been deleted since.")
    delta = record.diff_against(previous, excluded_fields=BOOKKEEPING | NEVER_REVERTED)
    changes = [c for c in delta.changes if not model._meta.get_field(c.field).many_to_many]
    if not changes:
        raise ValueError("it changed nothing that a revert may put back.")
    for change in changes:
        setattr(current, model._meta.get_field(change.field).attname, change.old)
    fields = [change.field for change in changes]
    if isinstance(current, HandEdited):
        current.mark_edited(*fields)  # also bumps the version, as an edit does
    current.save()
    return f"Restored the {model._meta.verbose_name} as it was before this change."
