"""Bulk writes that keep django-simple-history's records, for the import and resolution.

simple_history's own helpers build a new history manager class on every call (through
``inspect``), which costs more than the insert for the small batches of one CV.
"""

import functools

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
    now = timezone.now()
    for obj in objs:
        obj.updated_at = now
    model._default_manager.bulk_update(objs, [*fields, "updated_at"])
    _history(model).bulk_history_create(objs, update=True)
