"""Search: the engine on whichever database runs the tests, and the search page.

Run with DATABASE_URL pointing at PostgreSQL to exercise full-text search and
trigram similarity; on SQLite the same tests cover the fallback.
"""

import pytest
from django.db import connection
from pytest_django.asserts import assertContains, assertNotContains

from affiliations.models import Organization
from profiles.filters import DirectoryForm
from profiles.models import Person
from publications.models import Publication
from search import engine
from tests.browse_data import build_graph
from tests.conftest import make_organization, make_person, make_publication

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def graph(db):
    return build_graph()


@pytest.fixture
def accented(db):
    """People whose names are typed as you type, or without their accents."""
    return {
        name: make_person(name)
        for name in ["Helena Marsh", "Mara Okonkwo-Lind", "Tomás Ferreira", "José Núñez"]
    }


def names(queryset) -> list[str]:
    return [person.name for person in queryset]


def people_found(text: str) -> list[str]:
    return names(engine.search(Person.objects.all(), engine.PEOPLE, text))


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
    [
        "",
        "   ",
        "!!!",
        "'; DROP TABLE profiles_person; --",
        '"unclosed',
        "a & | ! :* <->",
        "zhong:*",
        "x' | 'y:*",
        "a_b",
        "-",
    ],
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
    assert "HX-Request" in response["Vary"]


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
    assertContains(
        people, '<input type="hidden" name="kind" value="people" form="search-form">', html=True
    )
    assertNotContains(people, 'id="group-venues"')


def test_search_query_count(client, graph, django_assert_num_queries):
    # for people, venues and organizations: the word-for-word matches, and as none
    # match "serving", the near ones; publications, their venues and their authors
    with django_assert_num_queries(9):
        response = client.get("/search/?q=serving")
    assertContains(response, graph.distserve.get_absolute_url())


# As you type: the last word matches the beginning of a longer one.


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hele", ["Helena Marsh"]),
        ("Okon", ["Mara Okonkwo-Lind"]),
        ("mar", ["Helena Marsh", "Mara Okonkwo-Lind"]),
        ("hel mar", ["Helena Marsh"]),  # every word
        ('"Helena Marsh"', ["Helena Marsh"]),  # a quoted phrase still works
        ("mar -helena", ["Mara Okonkwo-Lind"]),  # and so does -exclusion
    ],
)
def test_the_word_being_typed_matches_as_a_prefix(accented, text, expected):
    assert sorted(people_found(text)) == expected


@pytest.mark.parametrize(
    ("text", "typed"),
    [
        ("Hele", ["Hele"]),
        ("hel  mar hel", ["hel", "mar"]),
        ("Okonkwo-Li", ["Okonkwo-Li"]),  # a hyphen inside a word excludes nothing
        ("Real-Ti multi-co-re x", ["Real-Ti", "multi-co-re", "x"]),
        ("mar -hel-ena", ["mar"]),  # excluded: a prefix would exclude more
        ("jean- -p", ["jean"]),
        ('"helena mar', []),  # inside quotes: an exact phrase
        ('"helena marsh" ok', ["ok"]),
        ("!!!", []),
    ],
)
def test_typed_words(text, typed):
    assert engine.typed_words(text) == typed


def test_a_whole_word_ranks_above_a_prefix_on_postgresql(db):
    make_person("Ada Jinks")
    make_person("Xin Jin")
    found = people_found("jin")
    if connection.vendor == "postgresql":  # ranked by ts_rank
        assert found == ["Xin Jin", "Ada Jinks"]
    else:  # the fallback finds both, unranked
        assert sorted(found) == ["Ada Jinks", "Xin Jin"]


def test_search_page_finds_as_you_type(client, accented):
    response = client.get("/search/?q=Hele", **HTMX)
    assertContains(response, f'href="{accented["Helena Marsh"].get_absolute_url()}"')
    assertContains(response, "<mark>Hele")  # the whole word on PostgreSQL, the part elsewhere
    response = client.get("/search/?q=Okon", **HTMX)
    assertContains(response, f'href="{accented["Mara Okonkwo-Lind"].get_absolute_url()}"')


def test_directory_finds_as_you_type(client, accented):
    response = client.get("/people/?q=mar")
    assertContains(response, "2 people")
    assertContains(response, accented["Helena Marsh"].get_absolute_url())
    assertContains(response, accented["Mara Okonkwo-Lind"].get_absolute_url())


def test_publications_are_found_as_you_type(graph):
    results = engine.search(Publication.objects.all(), engine.PUBLICATIONS, "disaggreg")
    assert [p.pk for p in results] == [graph.distserve.pk]


DEEP = "Deep Learning for Computing Networks"
REAL_TIME = "Real-Time Scheduling of Multi-Core Systems"
LEARNED = "What Is Learned by Language Models"
ANALYSIS = "Static Analysis of Query Plans"


@pytest.fixture
def papers(db):
    return {title: make_publication(title) for title in [DEEP, REAL_TIME, LEARNED, ANALYSIS]}


def titles_found(text: str) -> list[str]:
    return [p.title for p in engine.search(Publication.objects.all(), engine.PUBLICATIONS, text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("lear", [DEEP, LEARNED]),
        ("learn", [DEEP, LEARNED]),
        # Stemmed titles hold "learn", which "learni" does not begin: found in mid-word.
        ("learni", [DEEP]),
        ("learnin", [DEEP]),
        ("computi", [DEEP]),
        ("deep learnin netw", [DEEP]),
        ("fo", [DEEP]),  # a stop word being typed
        ("analy", [ANALYSIS]),  # stemmed "anali", which "analysis" does not begin
        ("static analysis of query pl", [ANALYSIS]),
        # Hyphenated words typed in part.
        ("Real-Ti", [REAL_TIME]),
        ("real-time sched", [REAL_TIME]),
        ("multi-co", [REAL_TIME]),
        ("Multi-Core Sys", [REAL_TIME]),
        ("scheduling of multi-core", [REAL_TIME]),
        # A leading "-" still excludes, hyphenated words as well.
        ("systems -real-time", []),
        ("sched -multi", []),
        ("learn -deep", [LEARNED]),
    ],
)
def test_publications_are_found_in_mid_word(papers, text, expected):
    assert sorted(titles_found(text)) == sorted(expected)


def test_a_whole_word_finds_its_other_forms_on_postgresql(papers):
    found = sorted(titles_found("learning"))
    if connection.vendor == "postgresql":  # stemmed: "learning" is "learn", as "learned"
        assert found == [DEEP, LEARNED]
    else:  # the fallback matches the letters typed
        assert found == [DEEP]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Jean-P", ["Jean-Pierre Dubois"]),
        ("jean-pierre d", ["Jean-Pierre Dubois"]),
        ("Jean-Pierre", ["Jean-Pierre Dubois"]),
        ("Okonkwo-Li", ["Mara Okonkwo-Lind"]),
        ("mara okonkwo-l", ["Mara Okonkwo-Lind"]),
        ("okonkwo-lind", ["Mara Okonkwo-Lind"]),
    ],
)
def test_hyphenated_names_are_found_as_you_type(db, text, expected):
    for name in ["Jean-Pierre Dubois", "Jean Martin", "Mara Okonkwo-Lind"]:
        make_person(name)
    # Word for word, not as a name merely similar (the fallback for misspellings).
    assert names(engine.search(Person.objects.all(), engine.PEOPLE, text, similar=False)) == (
        expected
    )


# Accents: typed or not, they find the same.


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tomas", "Tomás Ferreira"),
        ("tomás ferreira", "Tomás Ferreira"),
        ("TOMAS FERR", "Tomás Ferreira"),
        ("Jose Nunez", "José Núñez"),
        ("Jose Nunes", "José Núñez"),  # misspelled as well
        ("Hélèna", "Helena Marsh"),  # accents typed where the name has none
    ],
)
def test_accents_are_ignored(accented, text, expected):
    assert people_found(text)[0] == expected


def test_accents_are_ignored_in_other_fields(db):
    make_person(
        "Ada Lovelace", headline="Chercheuse à l’Université", research_interests=["Réseaux"]
    )
    montreal = make_organization("Université de Montréal")
    paper = make_publication("Décodage spéculatif")
    assert people_found("universite") == ["Ada Lovelace"]
    assert people_found("reseaux") == ["Ada Lovelace"]
    organizations = engine.search(Organization.objects.all(), engine.ORGANIZATIONS, "montreal")
    assert list(organizations) == [montreal]
    publications = engine.search(Publication.objects.all(), engine.PUBLICATIONS, "decodage")
    assert list(publications) == [paper]


def test_search_page_ignores_accents(client, accented):
    response = client.get("/search/?q=Tomas")
    assertContains(response, f'href="{accented["Tomás Ferreira"].get_absolute_url()}"')
    assertContains(response, "<mark>Tomás</mark> Ferreira")


def test_directory_ignores_accents(client, accented):
    response = client.get("/people/?q=tomas")
    assertContains(response, "1 person")
    assertContains(response, "<mark>Tomás</mark> Ferreira")
    assert list(DirectoryForm({"q": "Jose"}).people()) == [accented["José Núñez"]]


def test_fold():
    assert engine.fold("Tomás Łukasiewicz, Straße, ŒUVRE") == "tomas lukasiewicz, strasse, oeuvre"


@pytest.mark.parametrize(
    ("headline", "text", "html"),
    [
        ("Tomás Ferreira", "tomas", "<mark>Tomás</mark> Ferreira"),
        ("Tomas Ferreira", "tomás", "<mark>Tomas</mark> Ferreira"),
        ("Jose\u0301 Li", "jose", "<mark>Jose\u0301</mark> Li"),  # a combining accent
        ("Große Straße", "strasse gro", "<mark>Gro</mark>ße <mark>Straße</mark>"),
        ("Łukasz & Ana", "lukasz", "<mark>Łukasz</mark> &amp; Ana"),
    ],
)
def test_highlight_ignores_accents(headline, text, html):
    assert engine.highlight(headline, text) == html


# The kind filter ("More people →") lives in the part htmx swaps.


def test_kind_filter_survives_an_htmx_swap(client, db):
    for n in range(7):
        make_person(f"Ada Number{n}")
    overview = client.get("/search/?q=ada", **HTMX)
    assertNotContains(overview, 'name="kind"')
    more = client.get("/search/?q=ada&kind=people", **HTMX)  # "More people →"
    kind = '<input type="hidden" name="kind" value="people" form="search-form">'
    assertContains(more, kind, html=True)
    typed = client.get("/search/?q=ada+num&kind=people", **HTMX)  # typing on
    assertContains(typed, kind, html=True)
    assertContains(typed, "(7)")
    assertNotContains(typed, 'id="group-venues"')


def test_kind_filter_is_in_the_form_without_javascript(client, db):
    response = client.get("/search/?q=ada&kind=people")
    assertContains(response, '<form id="search-form"')
    assertContains(
        response, '<input type="hidden" name="kind" value="people" form="search-form">', html=True
    )


def test_only_a_bounded_set_of_matches_is_ranked(db, monkeypatch):
    monkeypatch.setattr(engine, "CANDIDATES", 3)
    for n in range(5):
        make_publication(f"Holography of scene {n}")
    make_publication("Tribology of holography")
    make_publication("Tribology of gears")
    found = engine.search(Publication.objects.all(), engine.PUBLICATIONS, "holography")
    assert len(found) == 3
    assert found.count() == 3  # what the paginator counts
    # Fewer matches than the bound: every one is ranked, as without it.
    assert sorted(titles_found("tribology")) == ["Tribology of gears", "Tribology of holography"]
    assert titles_found("tribology holography") == ["Tribology of holography"]


def test_a_whole_word_is_a_candidate_however_many_match_its_prefix(db, monkeypatch):
    monkeypatch.setattr(engine, "CANDIDATES", 2)
    for family in ["Okonkwo", "Lind", "Marsh", "Ferreira"]:
        make_person(f"Maran {family}")
    make_person("Mar Li")
    found = people_found("mar")
    assert len(found) <= 4  # the first found for the prefix, and for the whole word
    if connection.vendor == "postgresql":  # ranked by ts_rank
        assert found[0] == "Mar Li"


def test_the_bound_is_in_the_query(db):
    found = engine.search(Publication.objects.all(), engine.PUBLICATIONS, "learning")
    if connection.vendor == "postgresql":
        # In the plan: the candidates of the prefixes and of the whole words.
        assert found.explain().count("Limit") >= 2
    else:
        assert f"LIMIT {engine.CANDIDATES}" in str(found.query)


def test_common_words_are_found_by_reading_the_table_in_order(db, monkeypatch):
    """With statistics that call every word common, the candidates come from reading
    the table in id order, and a word the reading misses still comes from the index."""
    monkeypatch.setattr(engine, "CANDIDATES", 3)
    for n in range(8):
        make_publication(f"Holography of scene {n}")
    make_publication("Tribology of gears")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE publications_publication")
    found = engine.search(Publication.objects.all(), engine.PUBLICATIONS, "holography scene")
    assert len(found) == 3
    assert all(title.startswith("Holography of scene") for title in map(str, found))
    if connection.vendor == "postgresql":
        plan = found.explain(analyze=True).splitlines()
        # "holography" is in 8 of 9 titles: read from the table, the index not asked.
        head = next(line for line in plan if "Subquery Scan on head " in line)
        assert "actual" in head and "rows=3 loops=1" in head
        index = plan[plan.index(next(line for line in plan if "CTE found_0" in line)) + 1]
        assert "never executed" in index
    assert titles_found("tribology") == ["Tribology of gears"]


@pytest.mark.parametrize(
    ("text", "on_postgresql", "elsewhere"),
    [
        # No one word is required: the index is asked for the whole query. Elsewhere
        # every word is a substring the title must hold, "or" included.
        ("holography or tribology", ["Holography of scenes", "Tribology of gears"], []),
        # A stop word has no lexeme to look up: another word is looked up.
        ("the tribology", ["Tribology of gears"], []),
        ("of", [], ["Holography of scenes", "Tribology of gears"]),
    ],
)
def test_words_without_one_to_look_up_are_still_found(db, text, on_postgresql, elsewhere):
    for title in ["Holography of scenes", "Tribology of gears", "Sparse graphs"]:
        make_publication(title)
    expected = on_postgresql if connection.vendor == "postgresql" else elsewhere
    assert sorted(titles_found(text)) == expected


def test_misspelled_names_rank_the_most_similar_names_first(db, monkeypatch):
    """Only CANDIDATES people are ranked for a misspelling: those of the most similar
    names, however many people share a less similar one."""
    monkeypatch.setattr(engine, "CANDIDATES", 2)
    for _ in range(3):
        make_person("Ivan Lim")
    make_person("Ivan Li")
    assert people_found("Ivan Lx")[0] == "Ivan Li"


def test_a_renamed_person_is_found_by_a_misspelling_of_the_new_name(db):
    person = make_person("Ada Lovelace")
    person.name = "Grace Hopper"
    person.save()
    assert people_found("Grace Hoppr") == ["Grace Hopper"]
    assert people_found("Ada Lovelac") == []
