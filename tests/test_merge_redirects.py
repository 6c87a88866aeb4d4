"""The addresses of a person merged into another lead to the person kept (302: a merge
can be reverted, and browsers keep a 301 for good)."""

import pytest

from editing.merge import merge_people, revert_merge
from editing.redirects import moved_person
from tests.conftest import make_person


@pytest.fixture
def merged(staff):
    """Ada kept, "A. Lovelace" merged into her."""
    kept, duplicate = make_person("Ada Lovelace"), make_person("A. Lovelace")
    record = merge_people(kept=kept, duplicate=duplicate, by=staff)
    return kept, duplicate.slug, record


def test_the_api_redirects_to_the_kept_person(client, merged):
    kept, old, _ = merged
    response = client.get(f"/api/v1/people/{old}/")
    assert response.status_code == 302
    assert response["Location"] == f"/api/v1/people/{kept.slug}/"
    assert client.get(response["Location"]).json()["slug"] == kept.slug


@pytest.mark.parametrize(
    "path", ["", "publications.bib", "publications.csl.json", "resume.json", "cv.json"]
)
def test_the_profile_and_its_exports_redirect(client, merged, path):
    kept, old, _ = merged
    response = client.get(f"/people/{old}/{path}")
    assert response.status_code == 302
    assert response["Location"] == f"/people/{kept.slug}/{path}"


def test_a_reverted_merge_does_not_redirect(client, merged):
    _, old, record = merged
    revert_merge(record)
    assert moved_person(old) is None
    assert client.get(f"/api/v1/people/{old}/").status_code == 200


def test_the_newest_merge_not_reverted_counts(staff, merged):
    kept, old, record = merged
    duplicate = revert_merge(record)
    other = make_person("Augusta King")
    merge_people(kept=other, duplicate=duplicate, by=staff)
    assert moved_person(old) == other


def test_unknown_people_are_still_not_found(client, merged):
    response = client.get("/api/v1/people/nobody/")
    assert (response.status_code, response.json()) == (404, {"detail": "Not found."})
    assert moved_person("nobody") is None


def test_a_chain_of_merges_ends_at_the_last_person(client, staff, merged):
    kept, old, _ = merged
    last = make_person("Augusta Ada King")
    merge_people(kept=last, duplicate=kept, by=staff)
    assert moved_person(old) == last
    assert client.get(f"/api/v1/people/{old}/")["Location"] == f"/api/v1/people/{last.slug}/"
