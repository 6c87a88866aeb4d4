"""A version of the academic graph, for the caches of what pages draw from it.

A cached part of a page is keyed by this version (and by the code that drew it), so
that it is never served once a row it shows has changed. Every write to those rows
moves the version: saves and deletes through signals, bulk writes through
``GraphWritesQuerySet``.

Each write moves it twice: at once, so that the writer's own next read (in the same
transaction, or a test's) misses the cache; and again after the transaction commits,
because a page read by another connection while the transaction was open saw the old
rows and may have cached them under the first new version. A cache that cannot be
written to fails the write itself (the transaction is rolled back, nothing stale can
be served); after the commit, a failure is only logged (the rows are saved).

The version is a random number, never a count: a new one is never a value used
before, even when two processes write it at once on a cache without an atomic
increment (the file cache), or when it was lost (evicted, a new cache).
"""

from __future__ import annotations

import secrets

from django.core.cache import caches
from django.db import models, transaction
from django.db.models.signals import post_delete, post_save

KEY = "graph-version"


def page_cache():
    """The cache of rendered parts, and of the version they are keyed by."""
    return caches["pages"]


def current() -> int:
    version = page_cache().get(KEY)
    if version is None:
        version = secrets.randbits(63)
        if not page_cache().add(KEY, version, timeout=None):
            version = page_cache().get(KEY, version)
    return version


def _move() -> None:
    page_cache().set(KEY, secrets.randbits(63), timeout=None)


def bump(using: str | None = None) -> None:
    """Note a write to the graph, now and again when the transaction commits."""
    _move()
    connection = transaction.get_connection(using)
    if not any(callback is _move for _, callback, _ in connection.run_on_commit):
        transaction.on_commit(_move, using=using, robust=True)  # once per transaction


def _bump_on_signal(sender, using: str, **kwargs) -> None:
    bump(using)


def watch(*model_classes: type[models.Model]) -> None:
    """Bump on every save and delete of these models (called from ``AppConfig.ready``)."""
    for model in model_classes:
        post_save.connect(_bump_on_signal, sender=model, dispatch_uid=f"graph-save-{model}")
        post_delete.connect(_bump_on_signal, sender=model, dispatch_uid=f"graph-delete-{model}")


class GraphWritesQuerySet(models.QuerySet):
    """Bumps the graph version on the writes that send no signals."""

    def update(self, **kwargs) -> int:
        rows = super().update(**kwargs)
        bump(self.db)
        return rows

    def bulk_create(self, objs, *args, **kwargs) -> list:
        created = super().bulk_create(objs, *args, **kwargs)
        bump(self.db)
        return created

    def bulk_update(self, objs, fields, *args, **kwargs) -> int:
        rows = super().bulk_update(objs, fields, *args, **kwargs)
        bump(self.db)
        return rows
