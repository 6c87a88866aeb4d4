"""A version number of the academic graph, for the caches of what pages draw from it.

A cached part of a page is keyed by this number (and by the code that drew it), so
that it is never served once a row it shows has changed. Every write to those rows
bumps the number: saves and deletes through signals, bulk writes through
``GraphWritesQuerySet``.

Each write bumps twice: at once, so that the writer's own next read (in the same
transaction, or a test's) misses the cache; and again after the transaction
commits, because a page read by another connection while the transaction was open
saw the old rows and may have cached them under the first bump's number.

The number lives in the shared cache (Redis in production, a directory of files
otherwise, so that the web server, the worker and ``manage.py`` commands share it).
When it is missing (evicted, or a new cache) it starts again at a random value, so a
number is never used twice for different rows.
"""

from __future__ import annotations

import secrets

from django.core.cache import cache
from django.db import models, transaction
from django.db.models.signals import post_delete, post_save

KEY = "graph-version"


def current() -> int:
    version = cache.get(KEY)
    if version is None:
        cache.add(KEY, secrets.randbits(52))
        version = cache.get(KEY)
    return version


def _increment() -> None:
    try:
        cache.incr(KEY)
    except ValueError:  # missing: any new value will do
        cache.add(KEY, secrets.randbits(52))


def bump(using: str | None = None) -> None:
    """Note a write to the graph, now and again when the transaction commits."""
    _increment()
    connection = transaction.get_connection(using)
    if not any(callback is _increment for _, callback, _ in connection.run_on_commit):
        transaction.on_commit(_increment, using=using)  # once per transaction


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
