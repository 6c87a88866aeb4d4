"""The benchmark generator leaves a database the app can go on writing to."""

import pytest
from django.db import IntegrityError, connection, transaction

from benchmarks import generate
from profiles.models import Person
from publications.models import Authorship, Publication
from tests.conftest import make_person, make_publication


def test_the_app_writes_after_a_generated_graph(db):
    counts = generate.generate(people=3, seed=7)
    generate.reset_sequences()
    assert Person.objects.filter(is_stub=False).count() == 3
    assert Publication.objects.count() == counts["publications"] > 0
    assert Authorship.objects.count() == counts["authorships"]
    # New rows get ids past the generated ones (a duplicate key before the sequences moved).
    person = make_person("Ada Newcomer")
    assert person.pk > max(Person.objects.exclude(pk=person.pk).values_list("pk", flat=True))
    make_publication("Written after the generator", authors=[person])


def test_generated_json_and_defaults_read_back(db):
    generate.generate(people=2, seed=3)
    person = Person.objects.get(slug="bench-200")
    assert person.emails == ["bench-200@example.org"]
    assert len(person.research_interests) == 2
    assert person.created_at is not None
    assert Authorship.objects.filter(person=person).count() == 200  # the benchmark profile


def table_rules() -> set[tuple[str, ...]]:
    """The generator's tables' constraints and indexes, as the database describes them."""
    tables = [model._meta.db_table for model in generate.MODELS]
    with connection.cursor() as cursor:
        if connection.vendor != "postgresql":
            placeholders = ", ".join(["%s"] * len(tables))
            cursor.execute(
                f"SELECT type, name, sql FROM sqlite_master WHERE tbl_name IN ({placeholders})",
                tables,
            )
            return {tuple(map(str, row)) for row in cursor.fetchall()}
        cursor.execute(
            "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid), convalidated"
            " FROM pg_constraint WHERE conrelid::regclass::text = ANY(%s)"
            " OR confrelid::regclass::text = ANY(%s)",
            [tables, tables],
        )
        constraints = {tuple(map(str, row)) for row in cursor.fetchall()}
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = ANY(%s)", [tables]
        )
        return constraints | set(cursor.fetchall())


def test_constraints_set_aside_come_back_and_check_the_rows(db):
    """PostgreSQL's keys are dropped for the writes and made again; elsewhere nothing is
    set aside. Either way the rules after are the rules before, and they hold."""
    before = table_rules()
    with generate.constraints_set_aside(generate.MODELS):
        generate.generate(people=2, seed=5)
        keys_kept = any("REFERENCES" in " ".join(rule).upper() for rule in table_rules())
        assert keys_kept == (connection.vendor != "postgresql")
    assert table_rules() == before
    # A row the keys refuse is caught when they come back (SQLite checks its deferred
    # keys only at the commit, so it is asked to).
    with (
        pytest.raises(IntegrityError),
        transaction.atomic(),
        generate.constraints_set_aside(generate.MODELS),
    ):
        publication = Publication.objects.first()
        Authorship.objects.create(publication=publication, position=99, person_id=10**9)
        if connection.vendor != "postgresql":
            connection.check_constraints()
