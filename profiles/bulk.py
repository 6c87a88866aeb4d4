"""Bulk writes that keep django-simple-history's records, for the import and resolution.

The history rows are copied from the rows just written, inside the database, by one
``INSERT ... SELECT`` a batch: building a historical model instance per row in Python,
as simple_history's bulk helpers do, cost more than the import itself. The record is the
same one those helpers write: every tracked field, the date, the type ("+" created, "~"
changed), and the user of the request when there is one.
"""

import functools
from collections import defaultdict

from django.db import connection, models
from django.utils import timezone
from simple_history.utils import get_history_manager_for_model

from profiles import graph_version


@functools.cache
def _history_model(model: type[models.Model]) -> type[models.Model]:
    return get_history_manager_for_model(model).model


def _record(model: type[models.Model], objs: list, history_type: str) -> None:
    history = _history_model(model)
    quote = connection.ops.quote_name
    columns = ", ".join(quote(field.column) for field in history.tracked_fields)
    table, source, pk = (
        quote(history._meta.db_table),
        quote(model._meta.db_table),
        quote(model._meta.pk.column),
    )
    user = history.get_default_history_user(objs[0])
    now = timezone.now()
    pks = [obj.pk for obj in objs]
    with connection.cursor() as cursor:
        for start in range(0, len(pks), 500):  # within every database's parameter limit
            batch = pks[start : start + 500]
            cursor.execute(
                f"INSERT INTO {table} ({columns}, history_date, history_type,"
                f" history_change_reason, history_user_id) SELECT {columns}, %s, %s, NULL, %s"
                f" FROM {source} WHERE {pk} IN ({', '.join(['%s'] * len(batch))})",
                [now, history_type, getattr(user, "pk", None), *batch],
            )


def _touch(model: type[models.Model], objs: list, created: bool = False) -> None:
    """Move the page versions of these rows: the graph's own querysets already did."""
    if not isinstance(model._default_manager.all(), graph_version.GraphWritesQuerySet):
        graph_version.touch(model, objs, created=created)


def create_with_history(model: type[models.Model], objs: list) -> list:
    created = model._default_manager.bulk_create(objs)
    _record(model, created, "+")
    _touch(model, created, created=True)
    return created


def update_with_history(model: type[models.Model], objs: list, fields: list[str]) -> None:
    """Save these fields of these rows: one UPDATE per set of values, then their history.

    Django's ``bulk_update`` builds one CASE expression per field and row, which costs
    more than the few plain UPDATEs of rows that end up with the same values.
    """
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
    _record(model, objs, "~")
    _touch(model, objs)
