"""HTTP details: HEAD on every page, the API's answers to malformed requests."""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from tests.browse_data import build_graph

# Values for every kind of URL argument: most pages answer 404 for them, which is as
# good a test of HEAD as a 200 (a view refusing HEAD answers 405 before any lookup).
ARGUMENTS = {"slug": "yinmin-zhong", "pk": 1, "index": 0, "history_id": 1}


def site_routes(patterns=None, prefix: str = "") -> list[str]:
    """Every route of the project's own views (the admin and Django's auth views are
    class-based or Django's own, and answer HEAD already)."""
    routes = []
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            if not route.startswith("admin/"):
                routes += site_routes(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern) and not pattern.callback.__module__.startswith(
            "django."
        ):
            routes.append(route)
    return routes


def url_for(route: str) -> str:
    def argument(match: re.Match) -> str:
        name = match.group(2)
        return str(ARGUMENTS.get(name, "publications"))

    return "/" + re.sub(r"<(\w+:)?(\w+)>", argument, route)


@pytest.mark.parametrize("route", site_routes())
def test_head_answers_like_get(client, staff, route):
    build_graph()
    client.force_login(staff)
    url = url_for(route)
    get = client.get(url)
    head = client.head(url)
    assert head.status_code == get.status_code, url
    assert head.headers.get("Content-Type") == get.headers.get("Content-Type")


def test_head_healthz(client, db):
    assert client.head("/healthz").status_code == 200


LISTS = ["/api/v1/people/", "/api/v1/publications/", "/api/v1/venues/", "/api/v1/organizations/"]


def documented_parameters(client) -> list[tuple[str, str]]:
    schema = client.get("/api/v1/openapi.json").json()
    return [
        (url, parameter["name"])
        for url in LISTS
        for parameter in schema["paths"][url]["get"]["parameters"]
    ]


def test_a_nul_byte_in_any_parameter_of_any_list_is_a_400(client, db):
    cases = documented_parameters(client) + [(url, "unknown") for url in LISTS]
    assert len(cases) > len(LISTS) * 2
    for url, name in cases:
        for value in ["%00", "a%00b"]:
            response = client.get(f"{url}?{name}={value}")
            assert response.status_code == 400, (url, name, value)
            assert "NUL" in response.json()["detail"]
    assert client.get("/api/v1/people/?%00=1").status_code == 400


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("/api/v1/publications/?person=%00", "NUL"),
        ("/api/v1/publications/?year=last", "year"),
        ("/api/v1/publications/?person=not a slug", "person"),
        ("/api/v1/publications/?venue=%E2%98%83", "venue"),
        ("/api/v1/people/?role=astronaut", "role"),
        ("/api/v1/people/?q=" + "x" * 201, "q"),
        ("/api/v1/people/?page=x", "page"),
        ("/api/v1/venues/?page=0", "page"),
        ("/api/v1/organizations/?page=-1", "page"),
        ("/api/v1/organizations/?page=1e3", "page"),
    ],
)
def test_malformed_parameters_are_a_400_that_names_them(client, db, query, parameter):
    response = client.get(query)
    assert response.status_code == 400
    assert parameter in response.json()["detail"]


def test_good_parameters_still_filter(client, db):
    graph = build_graph()
    response = client.get(f"/api/v1/publications/?person={graph.yinmin.slug}&year=2024&page=1")
    assert response.status_code == 200
    assert client.get("/api/v1/publications/?year=").status_code == 200


@pytest.mark.parametrize("url", ["/api/nothing/", "/api/v2/people/", "/api/v1/people/x/y/"])
def test_unknown_api_addresses_are_json_404(client, db, url):
    response = client.get(url)
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


def test_a_missing_slash_still_redirects_and_pages_keep_the_html_404(client, db):
    assert client.get("/api/v1/people").status_code == 301
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE", "OPTIONS", "BREW"])
@pytest.mark.parametrize("url", [*LISTS, "/api/v1/openapi.json", "/healthz"])
def test_other_methods_are_405(client, db, method, url):
    response = client.generic(method, url)
    assert response.status_code == 405
    assert set(response["Allow"].split(", ")) == {"GET", "HEAD"}
