"""Pages a shared cache can serve: anonymous pages without cookie or token, with
Cache-Control and an ETag that moves only when what the page shows changes."""

import gzip

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from affiliations.models import Affiliation
from config.caching import SHARED_CACHE_SECONDS
from tests.browse_data import build_graph
from tests.conftest import make_organization, make_person, make_publication

GZIP = {"HTTP_ACCEPT_ENCODING": "gzip"}


@pytest.fixture
def graph(db):
    return build_graph()


@pytest.fixture
def strangers(db):
    """Two people who share nothing: no paper, no mentor, no place."""
    ada, bo = make_person("Ada Quint", is_stub=False), make_person("Bo Rask", is_stub=False)
    make_publication("Quintic Forms", [ada])
    make_publication("Rask Lattices", [bo])
    return ada, bo


def etag_of(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response["ETag"]


@pytest.mark.parametrize("page", ["/", "/people/", "/search/?q=zhong", "profile", "publication"])
def test_anonymous_pages_carry_no_cookie_and_no_token(client, graph, page):
    url = {
        "profile": graph.yinmin.get_absolute_url(),
        "publication": graph.distserve.get_absolute_url(),
    }
    response = client.get(url.get(page, page))
    assert response.status_code == 200
    assert not response.cookies
    assertNotContains(response, "csrfmiddlewaretoken")
    assertNotContains(response, "X-CSRFToken")
    assert response["Cache-Control"] == f"public, max-age={SHARED_CACHE_SECONDS}"
    assert response.has_header("ETag")


@pytest.mark.parametrize("page", ["profile", "publication", "home"])
def test_an_unchanged_page_is_not_sent_again(client, graph, page):
    url = {
        "profile": graph.yinmin.get_absolute_url(),
        "publication": graph.distserve.get_absolute_url(),
        "home": "/",
    }[page]
    etag = etag_of(client, url)
    response = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert response["ETag"] == etag
    assert not response.content


def test_a_profile_answers_304_without_drawing_the_page(
    client, graph, django_assert_max_num_queries
):
    url = graph.yinmin.get_absolute_url()
    etag = etag_of(client, url)
    with django_assert_max_num_queries(1):  # the person's id by slug; versions come from the cache
        assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304


@pytest.mark.parametrize(
    "write",
    [
        lambda person, place: person.save(),
        lambda person, place: Affiliation.objects.create(
            person=person, organization=place, kind="employment"
        ),
        lambda person, place: make_publication("Another Quintic Paper", [person]),
        lambda person, place: person.authorships.first().publication.save(),
    ],
    ids=["person saved", "affiliation added", "paper added", "paper saved"],
)
def test_a_write_to_one_profile_moves_its_etag_only(client, strangers, write):
    ada, bo = strangers
    place = make_organization("Quint Institute")  # an organization's write moves every page
    before = {p.pk: etag_of(client, p.get_absolute_url()) for p in strangers}
    write(ada, place)
    assert etag_of(client, ada.get_absolute_url()) != before[ada.pk]
    assert etag_of(client, bo.get_absolute_url()) == before[bo.pk]


def test_a_coauthors_rename_moves_the_etag_of_the_page_that_names_them(client, graph):
    before = etag_of(client, graph.yinmin.get_absolute_url())
    coauthor = graph.xin
    coauthor.name = "Xin Jin-Renamed"
    coauthor.save()
    response = client.get(graph.yinmin.get_absolute_url(), HTTP_IF_NONE_MATCH=before)
    assert response.status_code == 200
    assertContains(response, "Xin Jin-Renamed")


def test_a_write_to_one_profile_leaves_another_profiles_part_warm(
    client, strangers, django_assert_num_queries
):
    ada, bo = strangers
    client.get(bo.get_absolute_url())  # drawn and cached
    with django_assert_num_queries(10) as warm:
        client.get(bo.get_absolute_url())
    ada.headline = "Changed"
    ada.save()
    with django_assert_num_queries(len(warm.captured_queries)):
        client.get(bo.get_absolute_url())  # still from the cache


def test_html_is_compressed_without_a_token(client, graph):
    response = client.get(graph.yinmin.get_absolute_url(), **GZIP)
    assert response["Content-Encoding"] == "gzip"
    assert b"Yinmin Zhong" in gzip.decompress(response.content)


def test_pages_with_a_token_are_neither_shared_nor_compressed(client, db):
    response = client.get("/accounts/login/", **GZIP)
    assertContains(response, "csrfmiddlewaretoken")
    assert "csrftoken" in response.cookies
    assert not response.has_header("Content-Encoding")
    assert "public" not in response.get("Cache-Control", "")


def test_signed_in_pages_keep_their_token_and_stay_private(client, owner, graph):
    client.force_login(owner)
    response = client.get(graph.yinmin.get_absolute_url(), **GZIP)
    assertContains(response, "X-CSRFToken")
    assert not response.has_header("Content-Encoding")
    assert "public" not in response.get("Cache-Control", "")
    etag = response.get("ETag")
    if etag:  # from the content, whose token changes on every page: never a 304
        assert (
            client.get(graph.yinmin.get_absolute_url(), HTTP_IF_NONE_MATCH=etag).status_code == 200
        )


def test_a_fragment_and_the_whole_page_are_kept_apart(client, graph):
    """Back after typing restores the whole page: a cache must not answer it with the
    fragment the typing fetched from the same URL."""
    fragment = client.get("/search/?q=zhong", HTTP_HX_REQUEST="true")
    assert "HX-History-Restore-Request" in fragment["Vary"]
    assert "HX-Request" in fragment["Vary"]
