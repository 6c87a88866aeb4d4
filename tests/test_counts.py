"""Counts on the home page: exact when small, the planner's estimate when large."""

import pytest
from django.db import connection
from pytest_django.asserts import assertContains

from config import counts
from publications.models import Publication
from tests.conftest import make_publication


@pytest.mark.parametrize(
    ("count", "text"),
    [
        (counts.Count(7), "7"),
        (counts.Count(12_345), "12,345"),
        (counts.Count(12_345, is_estimate=True), "about 12,000"),
        (counts.Count(254_310, is_estimate=True), "about 250,000"),
        (counts.Count(1_262_000, is_estimate=True), "about 1.3 million"),
        (counts.Count(2_010_000, is_estimate=True), "about 2 million"),
    ],
)
def test_counts_read_as_numbers(count, text):
    assert str(count) == text


def test_few_rows_are_counted_exactly(db):
    for n in range(3):
        make_publication(f"Paper {n}")
    assert counts.count(Publication.objects.all()) == counts.Count(3)


def test_many_rows_are_estimated_on_postgresql(client, db, monkeypatch):
    monkeypatch.setattr(counts, "EXACT_BELOW", 20)
    Publication.objects.bulk_create(
        Publication(title=f"Paper {n}", normalized_title=f"paper {n}", slug=f"paper-{n}")
        for n in range(40)
    )
    if connection.vendor != "postgresql":
        assert counts.count(Publication.objects.all()) == counts.Count(40)
        return
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE publications_publication")
    assert counts.count(Publication.objects.all()) == counts.Count(40, is_estimate=True)
    assert counts.count(Publication.objects.filter(title="Paper 1")).value < 20
    assertContains(client.get("/"), "<dt>Publications</dt><dd>about 40</dd>", html=True)


def test_home_queries_do_not_grow_with_the_data(client, db, django_assert_max_num_queries):
    with django_assert_max_num_queries(9) as before:
        client.get("/")
    for n in range(30):
        make_publication(f"Paper {n}")
    with django_assert_max_num_queries(len(before.captured_queries)):
        client.get("/")
