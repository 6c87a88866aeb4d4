"""The JSON API (reads, and a publication's PATCH) and its OpenAPI description."""

import json

import pytest
from pytest_django.asserts import assertContains

from api.views import PAGE_SIZE
from profiles.models import Person
from publications.models import Publication
from tests.browse_data import build_graph
from tests.conftest import make_person, make_publication


@pytest.fixture
def graph(db):
    return build_graph()


def slugs(response) -> list[str]:
    return [item["slug"] for item in response.json()["results"]]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["xin-jin", "shengyu-liu", "yinmin-zhong"]),
        ("?show=profiles", ["xin-jin", "yinmin-zhong"]),
        ("?q=yinmin+zong", ["yinmin-zhong"]),
        ("?organization=bytedance", ["yinmin-zhong"]),
        ("?interest=Deep+Learning", ["yinmin-zhong"]),
        ("?role=employment", ["xin-jin"]),
    ],
)
def test_people_list_searches_and_filters(client, graph, query, expected):
    response = client.get(f"/api/v1/people/{query}")
    assert response["Content-Type"] == "application/json"
    assert slugs(response) == expected


def test_person_detail(client, graph):
    data = client.get(f"/api/v1/people/{graph.yinmin.slug}/").json()
    assert data["name"] == "Yinmin Zhong"
    assert data["url"] == "http://testserver/api/v1/people/yinmin-zhong/"
    assert data["html_url"] == "http://testserver/people/yinmin-zhong/"
    assert [a["organization_name"] for a in data["affiliations"]] == [
        "ByteDance",
        "Peking University",
        "Some College",
    ]
    assert [a["slug"] for a in data["advisors"]] == ["xin-jin"]
    assert data["coauthors"][0] == {
        "slug": "shengyu-liu",
        "name": "Shengyu Liu",
        "is_stub": True,
        "url": "http://testserver/api/v1/people/shengyu-liu/",
        "html_url": "http://testserver/people/shengyu-liu/",
        "shared_publications": 2,
    }
    assert len(data["publications"]) == 3


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?person=shengyu-liu", {"distserve", "megascale"}),
        ("?venue=osdi", {"distserve"}),
        ("?year=2021", {"efficient"}),
        ("?person=yinmin-zhong&year=2024", {"distserve", "megascale"}),
        ("?person=nobody", set()),
    ],
)
def test_publication_list_filters(client, graph, query, expected):
    response = client.get(f"/api/v1/publications/{query}")
    assert {slug.split("-")[0] for slug in slugs(response)} == expected


def test_publication_detail(client, graph):
    data = client.get(f"/api/v1/publications/{graph.distserve.slug}/").json()
    assert data["venue"]["short_name"] == "OSDI"
    assert data["doi"] == "10.5555/distserve"
    assert [a["name"] for a in data["authors"]] == [
        "Yinmin Zhong",
        "Shengyu Liu",
        "Y. Chen",
        "Xin Jin",
    ]
    assert data["authors"][0]["equal_contribution"] is True
    assert data["authors"][2]["person"] is None


def test_organizations_and_venues(client, graph):
    assert slugs(client.get("/api/v1/organizations/")) == [
        "bytedance",
        "peking-university",
        "school-of-computer-science",
    ]
    pku = client.get(f"/api/v1/organizations/{graph.pku.slug}/").json()
    assert pku["aliases"] == ["PKU"]
    assert [unit["slug"] for unit in pku["units"]] == ["school-of-computer-science"]
    school = client.get(f"/api/v1/organizations/{graph.school.slug}/").json()
    assert school["parent"]["slug"] == "peking-university"
    assert slugs(client.get("/api/v1/venues/")) == ["nsdi", "osdi"]
    assert client.get("/api/v1/venues/osdi/").json()["kind"] == "conference"


def test_lists_are_paginated_with_stable_links(client, db):
    for n in range(PAGE_SIZE + 1):
        make_person(f"Person Number{n:02}")
    first = client.get("/api/v1/people/?show=stubs").json()
    assert first["count"] == PAGE_SIZE + 1
    assert len(first["results"]) == PAGE_SIZE
    assert first["previous"] is None
    assert first["next"] == "http://testserver/api/v1/people/?show=stubs&page=2"
    second = client.get(first["next"]).json()
    assert [p["name"] for p in second["results"]] == ["Person Number50"]
    assert second["next"] is None


def test_empty_lists(client, db):
    assert client.get("/api/v1/publications/").json() == {
        "count": 0,
        "next": None,
        "previous": None,
        "results": [],
    }


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/people/nobody/",
        "/api/v1/publications/nothing/",
        "/api/v1/venues/nowhere/",
        "/api/v1/organizations/none/",
        "/api/v1/people/?page=9",
    ],
)
def test_missing_objects_and_pages_are_json_404(client, db, url):
    response = client.get(url)
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


def test_api_is_read_only_but_for_a_publication_patch(client, graph):
    assert client.post("/api/v1/people/").status_code == 405
    assert client.patch("/api/v1/people/yinmin-zhong/").status_code == 405
    assert client.post(f"/api/v1/publications/{graph.distserve.slug}/").status_code == 405


# --- changing a publication ---------------------------------------------------------


@pytest.fixture
def sketch(owner) -> Publication:
    """A chapter on Ada's profile, with every bibliographic field."""
    ada = Person.objects.get(owner=owner)
    return make_publication(
        "Sketch of the Analytical Engine",
        [ada, "L. F. Menabrea"],
        year=1943,
        entry_type="chapter",
        volume="3",
        issue="29",
        publisher="Richard and John E. Taylor",
        editors=["Richard Taylor"],
        isbn="0-306-40615-2",
        arxiv_id="2101.00001",
    )


def patch(client, publication, changes, **extra):
    return client.patch(
        f"/api/v1/publications/{publication.slug}/",
        changes if isinstance(changes, str) else json.dumps(changes),
        content_type="application/json",
        **extra,
    )


def test_a_publication_reads_with_its_bibliographic_fields(client, sketch):
    data = client.get(f"/api/v1/publications/{sketch.slug}/").json()
    assert {k: data[k] for k in ("entry_type", "volume", "issue", "publisher")} == {
        "entry_type": "chapter",
        "volume": "3",
        "issue": "29",
        "publisher": "Richard and John E. Taylor",
    }
    assert (data["editors"], data["isbn"], data["arxiv_id"]) == (
        ["Richard Taylor"],
        "0-306-40615-2",
        "2101.00001",
    )
    assert (data["thesis_degree"], data["version"]) == (None, 1)
    listed = client.get("/api/v1/publications/").json()["results"][0]
    assert listed["entry_type"] == "chapter"


def test_an_author_patches_the_fields_and_reads_them_back(client, owner, sketch):
    client.force_login(owner)
    response = patch(
        client,
        sketch,
        {
            "entry_type": "thesis",
            "thesis_degree": "masters",
            "editors": ["Richard Taylor", "Charles Wheatstone"],
            "arxiv_id": "arXiv:2101.00002v3",
            "month": None,
            "version": 1,
        },
    )
    assert response.status_code == 200, response.content
    data = response.json()
    assert (data["entry_type"], data["thesis_degree"]) == ("thesis", "masters")
    assert data["editors"] == ["Richard Taylor", "Charles Wheatstone"]
    assert (data["arxiv_id"], data["volume"], data["version"]) == ("2101.00002", "3", 2)
    sketch.refresh_from_db()
    assert (sketch.entry_type, sketch.thesis_degree, sketch.arxiv_id) == (
        "thesis",
        "masters",
        "2101.00002",
    )
    assert [a.name for a in sketch.authorships.order_by("position")] == [
        "Ada Lovelace",
        "L. F. Menabrea",
    ]
    assert set(sketch.edited_fields) == {"entry_type", "thesis_degree", "editors", "arxiv_id"}
    # The answer is what the OpenAPI description promises.
    import jsonschema

    schema = client.get("/api/v1/openapi.json").json()
    patch_schema = schema["paths"]["/api/v1/publications/{slug}/"]["patch"]
    answer = patch_schema["responses"]["200"]["content"]["application/json"]["schema"]
    jsonschema.validate(data, {**answer, "components": schema["components"]})


@pytest.mark.parametrize(
    ("changes", "status", "detail"),
    [
        ({"isbn": "978-3-16-148410-1"}, 400, "Some fields are not valid."),
        ({"month": 13}, 400, "Some fields are not valid."),
        ({"thesis_degree": "masters"}, 400, "Some fields are not valid."),
        ({"authors": ["Somebody"]}, 400, "These fields cannot be changed here: authors."),
        ({"editors": "Richard Taylor"}, 400, "editors must be a list of names."),
        ({"volume": {"n": 3}}, 400, "volume must be a string, a number or null."),
        ("[1, 2]", 400, "The body must be a JSON object of the fields to change."),
        ("{not json", 400, "The body is not JSON."),
        ({"volume": "4", "version": 0}, 409, "Someone else saved this entry"),
    ],
)
def test_a_bad_patch_changes_nothing_and_says_why(client, owner, sketch, changes, status, detail):
    client.force_login(owner)
    response = patch(client, sketch, changes)
    assert response.status_code == status
    assert response.json()["detail"].startswith(detail)
    sketch.refresh_from_db()
    assert (sketch.volume, sketch.month, sketch.version) == ("3", None, 1)


def test_patch_field_errors_are_named(client, owner, sketch):
    client.force_login(owner)
    response = patch(client, sketch, {"isbn": "12345", "entry_type": "essay"})
    errors = response.json()["errors"]
    assert set(errors) == {"isbn", "entry_type"}
    assert "not an ISBN" in errors["isbn"][0]


def test_only_its_editors_may_patch_a_publication(client, other_user, sketch):
    assert patch(client, sketch, {"volume": "4"}).status_code == 401
    client.force_login(other_user)
    response = patch(client, sketch, {"volume": "4"})
    assert response.status_code == 403
    assert response.json()["detail"].startswith("Only the publication's authors and staff")
    assert patch(client, Publication(slug="nothing"), {"volume": "4"}).status_code == 404
    sketch.refresh_from_db()
    assert sketch.volume == "3"


def test_a_patch_needs_the_sessions_csrf_token(owner, sketch):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(owner)
    assert patch(client, sketch, {"volume": "4"}).status_code == 403
    client.get("/")  # the page sets the CSRF cookie
    token = client.cookies["csrftoken"].value
    assert patch(client, sketch, {"volume": "4"}, HTTP_X_CSRFTOKEN=token).status_code == 200


@pytest.mark.parametrize(
    ("url", "queries"),
    [
        # count, page, current affiliations, their organizations
        ("/api/v1/people/", 4),
        # count, page of publications, their venues, their authors
        ("/api/v1/publications/", 4),
        # the profile page's eleven
        ("/api/v1/people/yinmin-zhong/", 11),
    ],
)
def test_api_query_counts(client, graph, url, queries, django_assert_num_queries):
    with django_assert_num_queries(queries):
        client.get(url)


def resolve(schema: dict, ref: str) -> dict:
    node = schema
    for part in ref.removeprefix("#/").split("/"):
        node = node[part]
    return node


def refs(node) -> list[str]:
    if isinstance(node, dict):
        found = [node["$ref"]] if "$ref" in node else []
        return found + [ref for value in node.values() for ref in refs(value)]
    if isinstance(node, list):
        return [ref for value in node for ref in refs(value)]
    return []


def test_openapi_schema_describes_every_endpoint(client, db):
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["openapi"].startswith("3.")
    assert set(schema["paths"]) == {
        "/api/v1/people/",
        "/api/v1/people/{slug}/",
        "/api/v1/publications/",
        "/api/v1/publications/{slug}/",
        "/api/v1/venues/",
        "/api/v1/venues/{slug}/",
        "/api/v1/organizations/",
        "/api/v1/organizations/{slug}/",
    }
    for ref in refs(schema):
        assert resolve(schema, ref)["type"] == "object"


def test_responses_match_the_schema(client, graph):
    """Each documented response validates against its schema in the OpenAPI document."""
    import jsonschema

    schema = client.get("/api/v1/openapi.json").json()
    examples = {
        "/api/v1/people/": "/api/v1/people/",
        "/api/v1/people/{slug}/": "/api/v1/people/yinmin-zhong/",
        "/api/v1/publications/": "/api/v1/publications/",
        "/api/v1/publications/{slug}/": f"/api/v1/publications/{graph.distserve.slug}/",
        "/api/v1/venues/": "/api/v1/venues/",
        "/api/v1/venues/{slug}/": "/api/v1/venues/osdi/",
        "/api/v1/organizations/": "/api/v1/organizations/",
        "/api/v1/organizations/{slug}/": "/api/v1/organizations/school-of-computer-science/",
    }
    for path, url in examples.items():
        response_schema = schema["paths"][path]["get"]["responses"]["200"]["content"][
            "application/json"
        ]["schema"]
        document = {**response_schema, "components": schema["components"]}
        jsonschema.validate(client.get(url).json(), document)


def test_docs_page(client, db):
    response = client.get("/api/")
    assertContains(response, "<code>GET /api/v1/people/</code>", html=True)
    assertContains(response, 'href="/api/v1/openapi.json"')
