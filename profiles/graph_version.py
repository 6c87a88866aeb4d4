"""Versions of the academic graph, for the caches of what pages draw from it.

A cached part of a page, and a page's ETag, is keyed by a version (and by the code that
drew it), so that it is never served once a row it shows has changed. Three kinds:

- ``current()``, the graph's: moves on every write. For pages that may show anything
  (lists, search).
- ``of_scope("person", pk)`` / ``("publication", pk)``: moves on a write to what that
  person's profile (that publication's page) shows, and on every write that cannot say
  which pages it touches (a queryset ``update()``, a venue or an organization). Saving
  one person's affiliation leaves every other profile warm.

Writes move them: saves and deletes through signals, bulk writes through
``GraphWritesQuerySet`` and profiles/bulk.py. ``scopes_of()`` says which profiles and
publications a written row shows on: its person; a person's co-authors and mentors
(their pages name it) and papers; a publication's authors.

Each write moves its versions twice: at once, so that the writer's own next read (in
the same transaction, or a test's) misses the cache; and again after the transaction
commits, because a page read by another connection while the transaction was open saw
the old rows and may have cached them under the first new version. A cache that cannot
be written to fails the write itself (the transaction is rolled back, nothing stale can
be served); after the commit, a failure is only logged (the rows are saved).

A version is a random number, never a count: a new one is never a value used before,
even when two processes write it at once on a cache without an atomic increment (the
file cache), or when it was lost (evicted, a new cache).
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable

from django.core.cache import caches
from django.db import models, transaction
from django.db.models.signals import post_delete, post_save, pre_save

KEY = "graph-version"
# Moved by the writes that cannot say which pages they touch: part of every scope's version.
EVERYWHERE = "graph-version:everywhere"


def page_cache():
    """The cache of rendered parts, and of the versions they are keyed by."""
    return caches["pages"]


def _scope_key(kind: str, pk: int) -> str:
    return f"graph-version:{kind}:{pk}"


def _read(keys: list[str]) -> list[int]:
    found = page_cache().get_many(keys)
    for key in keys:
        if key not in found:
            version = secrets.randbits(63)
            if not page_cache().add(key, version, timeout=None):
                version = page_cache().get(key, version)
            found[key] = version
    return [found[key] for key in keys]


def current() -> int:
    return _read([KEY])[0]


def of_scope(kind: str, pk: int) -> str:
    """The version of what one person's profile ("person") or one publication's page
    ("publication") shows."""
    return "-".join(map(str, _read([EVERYWHERE, _scope_key(kind, pk)])))


def _move(keys: Iterable[str]) -> None:
    page_cache().set_many({key: secrets.randbits(63) for key in keys}, timeout=None)


class _Pending:
    """The versions a transaction moved, to move again once it commits."""

    def __init__(self) -> None:
        self.keys: set[str] = set()

    def __call__(self) -> None:
        _move(self.keys)


def bump(using: str | None = None, scopes: Iterable[tuple[str, int]] | None = None) -> None:
    """Note a write to the graph, now and again when the transaction commits: to the
    pages of ``scopes`` (("person", pk), ("publication", pk)), or, without them, to
    every page."""
    if scopes is None:
        keys = {KEY, EVERYWHERE}
    else:
        keys = {KEY, *(_scope_key(kind, pk) for kind, pk in scopes)}
    _move(keys)
    connection = transaction.get_connection(using)
    pending = next(
        (callback for _, callback, _ in connection.run_on_commit if isinstance(callback, _Pending)),
        None,
    )
    if pending is None:  # once per transaction
        pending = _Pending()
        transaction.on_commit(pending, using=using, robust=True)
    pending.keys |= keys


def _people_of_publications(publication_ids: set[int]) -> set[int]:
    from publications.models import Authorship

    linked = Authorship.objects.filter(publication__in=publication_ids, person__isnull=False)
    return set(linked.values_list("person_id", flat=True))


def scopes_of(
    model: type[models.Model], objs: list, created: bool = False
) -> set[tuple[str, int]] | None:
    """The profiles and publication pages that show these rows of ``model``; None when
    that cannot be told from the rows (every page then). A person or publication just
    ``created`` has no authorships or mentors yet: only its own page shows it."""
    from publications.models import Authorship

    name = model._meta.label
    people: set[int] = set()
    publications: set[int] = set()
    if created and name in ("profiles.Person", "publications.Publication"):
        kind = "person" if name == "profiles.Person" else "publication"
        return {(kind, obj.pk) for obj in objs}
    if name == "profiles.Person":
        people = {obj.pk for obj in objs}
        papers = Authorship.objects.filter(person__in=people).values_list("publication_id")
        publications = {pk for (pk,) in papers}
        people |= _people_of_publications(publications) | _mentors_of(people)
    elif name == "publications.Publication":
        publications = {obj.pk for obj in objs}
        people = _people_of_publications(publications)
    elif name == "publications.Authorship":
        publications = {obj.publication_id for obj in objs}
        people = _people_of_publications(publications)
        for obj in objs:  # linked before this write, and now
            people |= {obj.person_id, getattr(obj, "person_id_before", None)} - {None}
    elif name == "affiliations.Mentorship":
        people = {pk for obj in objs for pk in (obj.advisor_id, obj.advisee_id)}
    elif any(field.attname == "person_id" for field in model._meta.concrete_fields):
        people = {obj.person_id for obj in objs}
    else:
        return None
    return {("person", pk) for pk in people} | {("publication", pk) for pk in publications}


def _mentors_of(people: set[int]) -> set[int]:
    from affiliations.models import Mentorship

    pairs = Mentorship.objects.filter(
        models.Q(advisor__in=people) | models.Q(advisee__in=people)
    ).values_list("advisor_id", "advisee_id")
    return {pk for pair in pairs for pk in pair}


def touch(
    model: type[models.Model], objs: list, using: str | None = None, created: bool = False
) -> None:
    """Note a write of these rows of ``model`` (for the bulk writes that send no signals)."""
    if objs:
        bump(using, scopes_of(model, objs, created))


def _bump_on_signal(sender, instance, using: str, created: bool = False, **kwargs) -> None:
    touch(sender, [instance], using, created)


def _note_link_before(sender, instance, **kwargs) -> None:
    """The person an authorship linked before this save: their page loses the paper."""
    if instance.pk:
        before = sender.objects.filter(pk=instance.pk).values_list("person_id", flat=True)
        instance.person_id_before = before.first()


def watch(*model_classes: type[models.Model]) -> None:
    """Bump on every save and delete of these models (called from ``AppConfig.ready``)."""
    for model in model_classes:
        post_save.connect(_bump_on_signal, sender=model, dispatch_uid=f"graph-save-{model}")
        post_delete.connect(_bump_on_signal, sender=model, dispatch_uid=f"graph-delete-{model}")
        if model._meta.label == "publications.Authorship":
            pre_save.connect(_note_link_before, sender=model, dispatch_uid=f"graph-link-{model}")


class GraphWritesQuerySet(models.QuerySet):
    """Bumps the graph version on the writes that send no signals."""

    def update(self, **kwargs) -> int:
        rows = super().update(**kwargs)
        bump(self.db)  # which rows changed is not known: every page
        return rows

    def bulk_create(self, objs, *args, **kwargs) -> list:
        created = super().bulk_create(objs, *args, **kwargs)
        # Rows that met a conflict may be old ones, with authorships of their own.
        new = not (kwargs.get("ignore_conflicts") or kwargs.get("update_conflicts"))
        touch(self.model, created, self.db, created=new)
        return created

    def bulk_update(self, objs, fields, *args, **kwargs) -> int:
        rows = super().bulk_update(objs, fields, *args, **kwargs)
        # An authorship may have been linked to someone else before: every page.
        bump(self.db, None if "person" in fields else scopes_of(self.model, list(objs)))
        return rows
