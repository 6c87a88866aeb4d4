"""Imports at once: CVs that share people, papers, organizations and venues, imported from
several threads (each its own database connection), all succeed and build the graph that
importing them one after another in the same order builds; web imports clicked at once
give no server error; a deadlock between two writers is retried.

These run on the database the suite runs on. On PostgreSQL the threads run at once. The
SQLite test database is in memory with a shared cache, where a second writer fails at
once (SQLITE_LOCKED) instead of waiting as it does on the file the site uses; so on
SQLite the threads take turns (a lock below), which tests what SQLite can: the same
code path, the retry wrapper, and the graph.
"""

import threading
from collections.abc import Callable
from contextlib import nullcontext

import pytest
from django.core.management import call_command
from django.db import close_old_connections, connection
from django.test import Client
from django.urls import reverse

from benchmarks.concurrent_import import graph, markdown
from benchmarks.corpus import generate
from profiles.concurrency import retry_transaction
from profiles.importing import import_cv_file
from profiles.models import CVDocument, Person

from .conftest import make_document, make_person, make_user

pytestmark = pytest.mark.django_db(transaction=True)
THREADS = 8


def at_once(work: list[Callable[[], object]]) -> list[object]:
    """Run each callable in a thread of its own, started together; their results or errors."""
    start = threading.Barrier(len(work))
    turns = nullcontext() if connection.vendor == "postgresql" else threading.Lock()
    results: list[object] = [None] * len(work)

    def run(i: int) -> None:
        start.wait()
        try:
            with turns:
                results[i] = work[i]()
        except Exception as error:  # reported to the test, which asserts there is none
            results[i] = error
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(work))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_cvs_imported_at_once_build_the_graph_of_one_after_another():
    files = [
        (f"cv-{i:02}.md", markdown(cv).encode())
        for i, cv in enumerate(generate(groups=5, seed=5).cvs[:16], start=1)
    ]

    def importer(chunk: list[tuple[str, bytes]]) -> Callable[[], list]:
        return lambda: [import_cv_file(data, name) for name, data in chunk]

    results = at_once([importer(files[i::THREADS]) for i in range(THREADS)])
    assert [r for r in results if isinstance(r, Exception)] == []
    together = graph()
    imported = [name for name, status in together["documents"] if status == "imported"]
    assert sorted(imported) == sorted(name for name, _ in files)

    call_command("flush", interactive=False, verbosity=0)
    data = dict(files)
    for name in imported:  # the order the concurrent imports committed in
        import_cv_file(data[name], name)
    assert graph() == together


def test_web_imports_clicked_at_once_all_succeed():
    documents = []
    for i, cv in enumerate(generate(groups=5, seed=6).cvs[: THREADS * 2]):
        document = make_document(f"cv-{i}.md", cv)
        document.uploaded_by = make_user(f"user{i}")
        document.save()
        documents.append(document)

    def click(document: CVDocument) -> Callable[[], int]:
        def post() -> int:
            client = Client()
            client.force_login(document.uploaded_by)
            url = reverse("editing:document-import", args=[document.pk])
            return client.post(url).status_code

        return post

    statuses = at_once([click(document) for document in documents])
    assert statuses == [302] * len(documents)
    assert set(CVDocument.objects.values_list("status", flat=True)) == {"imported"}


def test_a_deadlock_between_two_writers_is_retried():
    """Two transactions lock two people in opposite orders. On PostgreSQL their first
    attempts meet halfway and the database gives one up; it runs again and both pass."""
    a, b = make_person("Ada Lovelace"), make_person("Grace Hopper")
    meet = threading.Barrier(2) if connection.vendor == "postgresql" else None
    attempts = []

    def lock_in_order(first: Person, second: Person) -> Callable[[], str]:
        def work() -> str:
            attempts.append(first.name)
            Person.objects.select_for_update().get(pk=first.pk)
            if meet is not None and len(attempts) <= 2:
                meet.wait(timeout=10)
            Person.objects.filter(pk=second.pk).update(headline=f"after {first.name}")
            return first.name

        return lambda: retry_transaction(work)

    results = at_once([lock_in_order(a, b), lock_in_order(b, a)])
    assert results == ["Ada Lovelace", "Grace Hopper"]
    assert len(attempts) == (3 if meet is not None else 2)
