"""Search: the engine on whichever database runs the tests, and the search page.

Run with DATABASE_URL pointing at PostgreSQL to exercise full-text search and
trigram similarity; on SQLite the same tests cover the fallback.
"""

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from profiles.models import Person
from publications.models import Publication
from search import engine
from tests.browse_data import build_graph
from tests.conftest import make_person

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def graph(db):
    return build_graph()


def names(queryset) -> list[str]:
    return [person.name for person in queryset]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Yinmin Zhong", "Yinmin Zhong"),
        ("zhong", "Yinmin Zhong"),
        ("Yinmin Zong", "Yinmin Zhong"),  # misspelled
        ("distributed systems", "Yinmin Zhong"),  # a research interest
        ("associate professor", "Xin Jin"),  # a headline
    ],
)
def test_people_are_found(graph, text, expected):
    assert names(engine.search(Person.objects.all(), engine.PEOPLE, text))[0] == expected


def test_near_names_only_when_nothing_matches_exactly(db):
    make_person("Xin Jin")
    make_person("Xin Jon")
    assert names(engine.search(Person.objects.all(), engine.PEOPLE, "Xin Jin")) == ["Xin Jin"]
    assert "Xin Jin" in names(engine.search(Person.objects.all(), engine.PEOPLE, "Xin Jan"))


def test_best_match_comes_first(db):
    make_person("Xin Liu")
    make_person("Xin Jin")
    results = names(engine.search(Person.objects.all(), engine.PEOPLE, "Xin Jin"))
    assert results[0] == "Xin Jin"


@pytest.mark.parametrize(
    "text",
    ["", "   ", "!!!", "'; DROP TABLE profiles_person; --", '"unclosed', "a & | ! :* <->"],
)
def test_odd_input_is_safe(graph, text):
    results = list(engine.search(Person.objects.all(), engine.PEOPLE, text))
    assert Person.objects.count() == 3  # nothing was dropped
    assert all(isinstance(p, Person) for p in results)


def test_publications_are_found_by_title_words(graph):
    results = engine.search(Publication.objects.all(), engine.PUBLICATIONS, "disaggregating")
    assert [p.pk for p in results] == [graph.distserve.pk]


def test_websearch_syntax_excludes_words(graph):
    results = engine.search(Publication.objects.all(), engine.PUBLICATIONS, "scaling -megascale")
    assert graph.megascale.pk not in [p.pk for p in results]


def test_search_follows_edits(graph):
    graph.xin.headline = "Professor of quantum basket weaving"
    graph.xin.save()
    assert names(engine.search(Person.objects.all(), engine.PEOPLE, "basket weaving")) == [
        "Xin Jin"
    ]


@pytest.mark.parametrize(
    ("headline", "text", "html"),
    [
        ("Yinmin Zhong", "zhong", "Yinmin <mark>Zhong</mark>"),
        ("<b>Zhong</b> & co", "zhong", "&lt;b&gt;<mark>Zhong</mark>&lt;/b&gt; &amp; co"),
        (f"Yinmin {engine.START}Zhong{engine.STOP}", "zhong", "Yinmin <mark>Zhong</mark>"),
        ("Nothing here", "zhong", "Nothing here"),
    ],
)
def test_highlight_escapes_then_marks(headline, text, html):
    assert engine.highlight(headline, text) == html


def test_search_page_groups_results(client, graph):
    response = client.get("/search/?q=osdi")
    assertContains(response, 'value="osdi"')
    assertContains(response, "<mark>OSDI</mark>")
    assertContains(response, graph.osdi.get_absolute_url())
    assertContains(response, "No people match")


def test_search_page_finds_a_misspelled_name(client, graph):
    response = client.get("/search/?q=Yinmin+Zong")
    assertContains(response, f'href="{graph.yinmin.get_absolute_url()}"')


def test_search_page_empty_state(client, db):
    response = client.get("/search/")
    assertContains(response, "Type a name, a title, a venue or an institution.")


def test_search_page_htmx_gets_the_results_only(client, graph):
    response = client.get("/search/?q=zhong", **HTMX)
    content = response.content.decode()
    assert content.lstrip().startswith('<div id="results"')
    assert "<html" not in content
    assert response["Vary"] == "HX-Request"


def test_search_input_updates_results_and_url(client, db):
    response = client.get("/search/")
    assertContains(response, 'hx-push-url="true"')
    assertContains(response, 'hx-trigger="input changed delay:250ms, search"')
    assertContains(response, 'action="/search/"')  # works without JavaScript


def test_more_results_of_one_kind_are_paginated(client, db):
    for n in range(25):
        make_person(f"Ada Number{n:02}")
    overview = client.get("/search/?q=ada")
    assertContains(overview, 'href="?q=ada&amp;kind=people"')
    people = client.get("/search/?q=ada&kind=people")
    assertContains(people, "(25)")
    assertContains(people, "Page 1 of 2")
    assertContains(people, '<input type="hidden" name="kind" value="people">', html=True)
    assertNotContains(people, 'id="group-venues"')


def test_search_query_count(client, graph, django_assert_num_queries):
    # for people, venues and organizations: the word-for-word matches, and as none
    # match "serving", the near ones; publications, their venues and their authors
    with django_assert_num_queries(9):
        response = client.get("/search/?q=serving")
    assertContains(response, graph.distserve.get_absolute_url())
