"""Staff repairs of the graph: merge two people into one (and undo it), unlink an author."""

import json

from django.apps import apps
from django.core import serializers
from django.db import models, transaction
from django.utils import timezone

from accounts.models import Claim
from affiliations.models import Affiliation, Mentorship
from awards.models import Award
from profiles.models import CVDocument, Person, PersonName, ProfileSection, Project, Skill, Teaching
from profiles.resolution import name_keys
from publications.models import Authorship, AuthorshipProposal

from .models import MergeRecord

# Every foreign key to Person whose rows follow the person into a merge.
MOVED: list[tuple[type[models.Model], str]] = [
    (PersonName, "person"),
    (Authorship, "person"),
    (AuthorshipProposal, "person"),  # a rejection stays a rejection
    (Mentorship, "advisor"),
    (Mentorship, "advisee"),
    (Affiliation, "person"),
    (Award, "person"),
    (Teaching, "person"),
    (Project, "person"),
    (Skill, "person"),
    (ProfileSection, "person"),
    (CVDocument, "person"),
    (Claim, "person"),
    (MergeRecord, "kept"),  # earlier merges into the duplicate: its old URLs lead on
]


def unlink(authorship: Authorship) -> None:
    """This author is not that person; resolution must leave it unlinked (linked by hand)."""
    authorship.person = None
    authorship.is_linked_by_hand = True
    authorship.save(update_fields=["person", "is_linked_by_hand", "updated_at"])


@transaction.atomic
def merge_people(*, kept: Person, duplicate: Person, by) -> MergeRecord:
    """Move everything of ``duplicate`` onto ``kept`` and delete ``duplicate``."""
    if kept.pk == duplicate.pk:
        raise ValueError("A person cannot be merged with themselves.")
    # Lock both rows (in pk order, so two merges cannot deadlock), then read them afresh:
    # a concurrent merge, claim or import waits for this one, and this one sees its result.
    people = Person.objects.select_for_update().filter(pk__in=[kept.pk, duplicate.pk])
    if len(people.order_by("pk")) != 2:
        raise ValueError("One of these people no longer exists; it was merged or deleted.")
    kept.refresh_from_db()
    duplicate.refresh_from_db()
    if kept.owner_id and duplicate.owner_id:
        raise ValueError("Both people have an account; merge only a stub into a profile.")
    conflicts = _conflicting_rows(kept, duplicate)
    record = MergeRecord(
        kept=kept,
        duplicate_name=duplicate.name,
        duplicate_slug=duplicate.slug,
        snapshot=json.loads(serializers.serialize("json", [duplicate, *conflicts])),
        merged_by=by,
    )
    for row in conflicts:
        row.delete()
    for model, field in MOVED:
        for row in model.objects.filter(**{field: duplicate}):
            setattr(row, field, kept)
            row.save()
            record.moved.append([model._meta.label, field, row.pk])
    if not kept.names.filter(name=duplicate.name).exists():
        keys = name_keys(duplicate.name)
        name = PersonName.objects.create(
            person=kept, name=duplicate.name, key=keys.full, initials_key=keys.initials
        )
        record.created.append([PersonName._meta.label, name.pk])
    if duplicate.owner_id:
        owner = duplicate.owner
        duplicate.owner = None
        duplicate.save(update_fields=["owner"])
        kept.owner, kept.is_stub = owner, False
        kept.save(update_fields=["owner", "is_stub", "updated_at"])
        record.created.append(["owner", owner.pk])
    duplicate.delete()
    record.save()
    return record


def _conflicting_rows(kept: Person, duplicate: Person) -> list[models.Model]:
    """Rows that cannot move: a name the kept person has, a mentorship between the two,
    a proposal of an author already proposed to the kept person."""
    kept_names = kept.names.values_list("name", flat=True)
    kept_proposals = kept.authorship_proposals.values_list("authorship_id", flat=True)
    return [
        *PersonName.objects.filter(person=duplicate, name__in=kept_names),
        *AuthorshipProposal.objects.filter(person=duplicate, authorship__in=kept_proposals),
        *Mentorship.objects.filter(advisor=duplicate, advisee=kept),
        *Mentorship.objects.filter(advisor=kept, advisee=duplicate),
    ]


@transaction.atomic
def revert_merge(record: MergeRecord) -> Person:
    """Bring the duplicate back with everything that was moved from it."""
    if record.is_reverted:
        raise ValueError("This merge has been reverted already.")
    restored = list(serializers.deserialize("json", json.dumps(record.snapshot)))
    duplicate = restored[0].object
    for label, pk in record.created:
        if label == "owner":
            record.kept.owner, record.kept.is_stub = None, True
            record.kept.save(update_fields=["owner", "is_stub", "updated_at"])
            duplicate.owner_id = pk
        else:
            apps.get_model(label).objects.filter(pk=pk).delete()
    duplicate.save(force_insert=True)
    for row in restored[1:]:
        row.object.save(force_insert=True)
    for label, field, pk in record.moved:
        row = apps.get_model(label).objects.filter(pk=pk).first()
        if row is not None:
            setattr(row, field, duplicate)
            row.save()
    record.reverted_at = timezone.now()
    record.save(update_fields=["reverted_at"])
    return duplicate
