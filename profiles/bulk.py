"""Bulk writes that keep django-simple-history's records, for the import and resolution.

simple_history's own helpers build a new history manager class on every call (through
``inspect``), which costs more than the insert for the small batches of one CV; and
Django's ``bulk_update`` builds one CASE expression per field and row, which costs more
than the few plain UPDATEs of rows that end up with the same values.
"""

import functools
from collections import defaultdict

from django.db import models
from django.utils import timezone
from simple_history.manager import HistoryManager
from simple_history.utils import get_history_manager_for_model


@functools.cache
def _history(model: type[models.Model]) -> HistoryManager:
    return get_history_manager_for_model(model)


def create_with_history(model: type[models.Model], objs: list) -> list:
    created = model._default_manager.bulk_create(objs)
    _history(model).bulk_history_create(created)
    return created


def update_with_history(model: type[models.Model], objs: list, fields: list[str]) -> None:
    """Save these fields of these rows: one UPDATE per set of values, one insert of history."""
    now = timezone.now()
    columns = [model._meta.get_field(name).attname for name in fields]
    rows_by_values = defaultdict(list)
    for obj in objs:
        obj.updated_at = now
        rows_by_values[tuple(getattr(obj, column) for column in columns)].append(obj.pk)
    for values, pks in rows_by_values.items():
        model._default_manager.filter(pk__in=pks).update(
            updated_at=now, **dict(zip(columns, values, strict=True))
        )
    _history(model).bulk_history_create(objs, update=True)
