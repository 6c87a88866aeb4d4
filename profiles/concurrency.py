"""CV imports running at once: one at a time through the graph, and retried when the
database gives a transaction up.

An import reads the graph (people by name key, papers by title, organizations and
venues by key, free slugs) and writes what it did not find. Two imports doing that at
once on PostgreSQL both miss the row the other is adding: they make duplicates or
collide on a unique slug, and they lock shared rows in different orders (deadlocks).
So an import holds one advisory lock, taken first, until it commits: imports touching
the graph queue up behind it (one lock, so one order and no deadlock between them), and
what they build is what running them one after another builds. SQLite's IMMEDIATE
transactions already write one at a time.

What can still fail is a conflict with other writers (an edit, a merge): a deadlock, a
serialization failure, or a unique key taken first. ``retry_transaction`` runs the whole
transaction again then, when it is not inside an outer one.
"""

import logging
import random
import time
from collections.abc import Callable
from typing import TypeVar

from django.db import IntegrityError, OperationalError, connection, transaction

logger = logging.getLogger(__name__)

# The key of the graph's advisory lock ("VITA"); any constant the app uses for nothing else.
GRAPH_LOCK = 0x56495441
# deadlock detected, could not serialize, unique key taken meanwhile, lock not available
RETRY_SQLSTATES = {"40P01", "40001", "23505", "55P03"}
ATTEMPTS = 5

T = TypeVar("T")


def lock_graph() -> None:
    """Wait until no other import is writing, and keep others waiting until this
    transaction ends (PostgreSQL; a no-op on SQLite, which writes one at a time)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [GRAPH_LOCK])


def is_conflict(error: Exception) -> bool:
    """Whether the database gave a transaction up for another one; running it again may pass."""
    if not isinstance(error, OperationalError | IntegrityError):
        return False
    sqlstate = getattr(error.__cause__, "sqlstate", None)
    if sqlstate is not None:
        return sqlstate in RETRY_SQLSTATES
    return connection.vendor == "sqlite" and "database is locked" in str(error)


def retry_transaction(work: Callable[[], T], *, attempts: int = ATTEMPTS) -> T:
    """``work()`` in a transaction of its own, run again (after a short random wait) when
    the database gave it up for a conflict with another transaction.

    Inside an outer transaction a failed statement has spoiled that one, so ``work`` runs
    once and the outermost caller decides.
    """
    if connection.in_atomic_block:
        with transaction.atomic():
            return work()
    for attempt in range(1, attempts):
        try:
            with transaction.atomic():
                return work()
        except (OperationalError, IntegrityError) as error:
            if not is_conflict(error):
                raise
            logger.warning("Transaction gave up (%s); attempt %d of %d", error, attempt, attempts)
            time.sleep(random.uniform(0.01, 0.05 * 2**attempt))  # noqa: S311 -- jitter, not secrets
    with transaction.atomic():
        return work()
