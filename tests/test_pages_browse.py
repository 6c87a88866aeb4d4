"""Home, directory, profile, publication, venue and organization pages."""

import pytest
from django.db import connection
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains, assertTemplateUsed

from tests.browse_data import build_graph, give_papers
from tests.conftest import make_person, make_publication

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def graph(db):
    return build_graph()


# --- Home


def test_home_counts_and_recent_profiles(client, graph):
    response = client.get("/")
    assertContains(response, "<dt>Profiles</dt><dd>2</dd>", html=True)
    assertContains(response, "<dt>Publications</dt><dd>3</dd>", html=True)
    assertContains(response, f'<a href="{graph.yinmin.get_absolute_url()}">Yinmin Zhong</a>')
    assertNotContains(response, graph.stub.name)  # stubs are not "profiles"
    assertContains(response, 'action="/search/"')


def test_home_query_count(client, graph, django_assert_num_queries):
    # recent profiles, then four counts: profiles, publications, organizations, venues;
    # on PostgreSQL each asks the planner first (config/counts.py)
    with django_assert_num_queries(9 if connection.vendor == "postgresql" else 5):
        client.get("/")


# --- People directory


YINMIN, XIN, STUB = "/people/yinmin-zhong/", "/people/xin-jin/", "/people/shengyu-liu/"


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ("", [YINMIN, XIN, STUB], []),
        ("show=profiles", [YINMIN, XIN], [STUB]),
        ("show=stubs", [STUB], [XIN]),
        ("organization=bytedance", [YINMIN], [XIN]),
        ("interest=Deep+Learning", [YINMIN], [XIN]),
        ("role=employment", [XIN], [YINMIN]),
        ("role=education", [YINMIN], [XIN]),
        ("q=zhong", [YINMIN], [XIN]),
        ("q=yinmin+zong", [YINMIN], [XIN]),  # misspelled: still found
        ("organization=peking-university", [YINMIN, XIN], []),  # with its units
        ("organization=Peking", [YINMIN, XIN], [STUB]),  # by name
        ("organization=no-such-place", [], [YINMIN, XIN]),
        ("role=nonsense", [YINMIN, XIN], []),  # invalid: ignored
    ],
)
def test_directory_filters(client, graph, query, shown, hidden):
    response = client.get(f"/people/?{query}")
    assert response.status_code == 200
    for url in shown:
        assertContains(response, f'href="{url}"')
    for url in hidden:
        assertNotContains(response, f'href="{url}"')


def test_directory_marks_stubs(client, graph):
    response = client.get("/people/?show=stubs")
    assertContains(response, "Co-author, no CV yet")


def test_directory_sorts_by_name_or_recent(client, graph):
    by_name = client.get("/people/?show=profiles").content.decode()
    assert by_name.index("Xin Jin") < by_name.index("Yinmin Zhong")  # Jin before Zhong
    graph.xin.save()  # now the most recently updated
    recent = client.get("/people/?show=profiles&sort=recent").content.decode()
    assert recent.index("Xin Jin") < recent.index("Yinmin Zhong")


def test_directory_paginates(client, db):
    for n in range(30):
        make_person(f"Person Number{n:02}", is_stub=False)
    first = client.get("/people/")
    assertContains(first, "Page 1 of 2")
    assertContains(first, 'href="?page=2"')
    assertContains(first, 'hx-get="?page=2"')
    second = client.get("/people/?page=2")
    assertContains(second, "Person Number29")
    assertNotContains(second, "Person Number00")


def test_directory_empty_state(client, db):
    assertContains(client.get("/people/"), "No one matches these filters.")


def test_directory_htmx_gets_the_results_only(client, graph):
    response = client.get("/people/?q=zhong", **HTMX)
    content = response.content.decode()
    assert content.lstrip().startswith('<section id="results"')
    assert "<html" not in content
    assert "HX-Request" in response["Vary"]
    # A history restore needs the whole page.
    restore = client.get("/people/?q=zhong", HTTP_HX_HISTORY_RESTORE_REQUEST="true", **HTMX)
    assertContains(restore, "<html")


@pytest.mark.parametrize(
    ("query", "queries"),
    [
        # count, page of people, their current affiliations, those affiliations'
        # organizations (by key: a join hashes the whole table on PostgreSQL)
        ("show=profiles&role=education", 4),
        # and first: does any name match word for word?
        ("q=zhong", 5),
        # and first: the organizations of that name, slug or alias, with their units
        ("organization=peking&role=education", 5),
    ],
)
def test_directory_query_count(client, graph, query, queries, django_assert_num_queries):
    with django_assert_num_queries(queries):
        client.get(f"/people/?{query}")


# --- Profile


def test_profile_shows_the_whole_cv(client, graph):
    response = client.get(graph.yinmin.get_absolute_url())
    assertTemplateUsed(response, "profiles/person_detail.html")
    for text in [
        "Ph.D. student in Computer Science, Peking University",
        '<span class="avatar" aria-hidden="true">YZ</span>',
        "<li>zhongyinmin at pku dot edu dot cn</li>",  # obfuscated until the owner says
        '<a href="https://github.com/PKUFlyingPig">GitHub</a>',
        "I build systems for serving large language models.",
        "Also written: Y. Zhong",
        'Advised by <a href="/people/xin-jin/">Xin Jin</a>',
        '<strong class="owner">Yinmin Zhong</strong>',
        '<sup class="mark">*</sup> equal contribution',
        '<abbr title="USENIX Symposium on Operating Systems Design and Implementation">OSDI</abbr>',
        '<a class="link-chip" href="https://doi.org/10.5555/distserve">DOI</a>',
        '<a class="link-chip" href="https://github.com/LLMServe/DistServe">Code</a>',
        '<a class="link-chip" href="https://arxiv.org/pdf/2101.00001">PDF</a>',
        "Outstanding Graduate",
        "Operating Systems",
        "Alpa",
        "C++, Python",
        "Reviewer, OSDI 2025 AEC",
        '<h3 class="year">2024</h3>',
        "<title>2024: 2</title>",
        '<th scope="row">2022</th><td>0</td>',
        'type="application/ld+json"',
    ]:
        assertContains(response, text)
    assertNotContains(response, "javascript:")  # a CV's link is never a script


def test_profile_ranks_coauthors_by_shared_papers(client, graph):
    content = client.get(graph.yinmin.get_absolute_url()).content.decode()
    coauthors = content[content.index('id="coauthors-heading"') :]
    assert coauthors.index("Shengyu Liu") < coauthors.index("Xin Jin")  # 2 papers, then by name
    assert "2 papers" in coauthors


def test_advisor_page_lists_advisees(client, graph):
    response = client.get(graph.xin.get_absolute_url())
    assertContains(response, "Advisees")
    assertContains(
        response,
        f'<a href="{graph.yinmin.get_absolute_url()}">Yinmin Zhong</a>'
        ' <span class="muted">(advised)</span>',
    )


@pytest.mark.parametrize("page", ["profile", "publication", "venue", "organization"])
def test_marks_after_author_names_are_explained_where_they_appear(client, graph, page):
    url = {
        "profile": graph.yinmin.get_absolute_url(),
        "publication": graph.distserve.get_absolute_url(),
        "venue": graph.osdi.get_absolute_url(),
        "organization": graph.pku.get_absolute_url(),
    }[page]
    response = client.get(url)
    assertContains(response, 'title="Equal contribution">*</sup>')
    assertContains(response, '<sup class="mark">*</sup> equal contribution', count=1)
    assertNotContains(response, "corresponding author")  # no † on these papers


def test_a_page_without_marks_has_no_legend(client, graph):
    assertNotContains(client.get(graph.preprint.get_absolute_url()), 'class="legend"')


def test_all_coauthors_are_a_link_away_when_the_profile_shows_the_first(
    client, db, django_assert_num_queries
):
    person = make_person("Many Coauthors", is_stub=False)
    others = [make_person(f"Coauthor Number{n:02}") for n in range(35)]
    for n, other in enumerate(others):
        make_publication(f"Paper {n}", [person, other, *others[: n % 3]])
    profile = client.get(person.get_absolute_url())
    coauthors_url = f"/people/{person.slug}/coauthors/"
    assertContains(profile, f'<a href="{coauthors_url}">All 35 co-authors</a>', html=True)
    with django_assert_num_queries(3):  # the person, the publications, their authors
        page = client.get(coauthors_url)
    assertContains(page, "Co-authors of Many Coauthors")
    # First the co-author on most papers: their own and two of every three others.
    assertContains(page, 'Coauthor Number00</a> <span class="muted">24 papers</span>')
    assertContains(page, '<li><a href="/people/coauthor-number', count=35)
    assertContains(page, "no CV", count=35)


def test_a_profile_with_few_coauthors_links_to_no_list(client, graph):
    assertNotContains(client.get(graph.yinmin.get_absolute_url()), "/coauthors/")
    page = client.get(f"/people/{graph.yinmin.slug}/coauthors/")
    assertContains(page, 'Co-authors of Yinmin Zhong <span class="muted">(2)</span>')
    assertContains(page, f'<li><a href="{graph.xin.get_absolute_url()}">Xin Jin</a>')


def test_coauthors_of_nobody_known(client, db):
    assert client.get("/people/nobody/coauthors/").status_code == 404
    person = make_person("No Papers", is_stub=False)
    assertContains(client.get(f"/people/{person.slug}/coauthors/"), "No co-authors known yet.")


def test_stub_page_shows_what_other_cvs_say(client, graph):
    response = client.get(graph.stub.get_absolute_url())
    assertContains(response, "Co-author without a CV on Vitae")
    assertContains(response, "Known from other CVs")
    assertContains(response, f'<a href="{graph.yinmin.get_absolute_url()}">Yinmin Zhong</a>')
    assertContains(response, "DistServe")


def test_profile_empty_state(client, db):
    person = make_person("Nobody Yet", is_stub=False)
    response = client.get(person.get_absolute_url())
    assertContains(response, "No publications known yet.")
    assertNotContains(response, "<svg")


def test_unknown_profile_is_404(client, db):
    assert client.get("/people/nobody/").status_code == 404


@pytest.mark.parametrize("papers", [1, 200])
def test_profile_query_count_does_not_grow_with_papers(
    client, db, papers, django_assert_num_queries
):
    person = make_person("Many Papers", is_stub=False)
    give_papers(person, papers)
    # the person's id for the ETag; person; names, affiliations, awards, teaching,
    # projects, skills, sections; advisors and advisees; publications with their
    # venues, their authors
    with django_assert_num_queries(12):
        response = client.get(person.get_absolute_url())
    assertContains(response, '<article class="citation">', count=papers)
    # Viewed again, the publications come from the cache (tests/test_profile_cache.py).
    with django_assert_num_queries(10):
        response = client.get(person.get_absolute_url())
    assertContains(response, '<article class="citation">', count=papers)


# --- Publication


def test_publication_page(client, graph):
    response = client.get(graph.distserve.get_absolute_url())
    assertContains(
        response, "<h1>DistServe: Disaggregating Prefill and Decoding for LLM Serving</h1>"
    )
    assertContains(response, f'<a href="{graph.stub.get_absolute_url()}">Shengyu Liu</a>')
    assertContains(response, "Y. Chen")
    assertContains(response, '<a href="/venues/osdi/">')
    assertContains(response, "@inproceedings{zhong2024distserve,")
    assertContains(response, 'href="/publications/' + graph.distserve.slug + '/citation.bib"')
    listed = response.content.decode().split('id="listed-heading"')[1].split("</section>")[0]
    assert "Yinmin Zhong" in listed and "Xin Jin" in listed  # their CVs list it
    assert "Shengyu Liu" not in listed  # a stub has no profile listing


def test_publication_without_profiles(client, db):
    from tests.conftest import make_publication

    publication = make_publication("Lonely Paper", ["A. Nobody"])
    assertContains(client.get(publication.get_absolute_url()), "No profile lists this publication")


def test_publication_query_count(client, graph, django_assert_num_queries):
    # the publication's id for the ETag; publication, its venue, its authors
    with django_assert_num_queries(4):
        client.get(graph.distserve.get_absolute_url())


# --- Venue and organization, with their year filters


def test_venue_page_and_year_filter(client, graph):
    response = client.get(graph.osdi.get_absolute_url())
    assertContains(response, "(OSDI)")
    assertContains(response, "DistServe")
    assertContains(response, '<option value="2024">2024</option>', html=True)
    assertContains(client.get(graph.osdi.get_absolute_url() + "?year=2024"), "DistServe")
    # A year with nothing there is not offered; asking for it shows everything.
    assertContains(client.get(graph.osdi.get_absolute_url() + "?year=1999"), "DistServe")


def test_organization_page(client, graph):
    response = client.get(graph.pku.get_absolute_url())
    assertContains(response, "Also known as PKU")
    assertContains(
        response, f'<a href="{graph.school.get_absolute_url()}">School of Computer Science</a>'
    )
    assertContains(response, "<h3>Education</h3>", html=True)
    assertContains(response, "Yinmin Zhong")
    assertContains(response, "DistServe")  # papers of its people
    school = client.get(graph.school.get_absolute_url())
    assertContains(
        school, f'part of <a href="{graph.pku.get_absolute_url()}">Peking University</a>'
    )
    assertContains(school, "Associate Professor")


@pytest.mark.parametrize(("year", "shown", "hidden"), [(2021, "Efficient", "MegaScale")])
def test_organization_year_filter(client, graph, year, shown, hidden):
    response = client.get(f"{graph.pku.get_absolute_url()}?year={year}")
    assertContains(response, shown)
    assertNotContains(response, hidden)
    # Yinmin's PhD started in 2022: not here in 2021.
    assertContains(response, "No one known here in 2021.")


def test_organization_empty_state(client, db):
    from tests.conftest import make_organization

    organization = make_organization("Empty Institute")
    response = client.get(organization.get_absolute_url())
    assertContains(response, "No one known here.")
    assertContains(response, "No publications known.")


@pytest.mark.parametrize("page", ["venue", "organization"])
def test_year_filter_htmx_gets_the_results_only(client, graph, page):
    url = (graph.osdi if page == "venue" else graph.pku).get_absolute_url()
    response = client.get(f"{url}?year=2024", **HTMX)
    assert response.content.decode().lstrip().startswith("<")
    assert 'id="results"' in response.content.decode()
    assert "<html" not in response.content.decode()


@pytest.mark.parametrize(
    ("page", "queries"),
    [
        # venue; its years; count, page, venue and authors of its publications
        ("venue", 6),
        # organization with parent; units; years of its people's papers; its people;
        # count, page, venues and authors of those papers
        ("organization", 8),
    ],
)
def test_venue_and_organization_query_counts(
    client, graph, page, queries, django_assert_num_queries
):
    url = (graph.osdi if page == "venue" else graph.pku).get_absolute_url()
    with django_assert_num_queries(queries):
        client.get(url)


@pytest.mark.parametrize(
    "url",
    ["/people/nobody/", "/publications/nothing/", "/venues/nowhere/", "/organizations/none/"],
)
def test_unknown_objects_are_404(client, db, url):
    assert client.get(url).status_code == 404


def test_every_page_is_linked_from_home(client, graph):
    """Home -> directory -> profile -> publication -> venue; profile -> organization."""
    home = client.get("/").content.decode()
    assert reverse("profiles:person-list") in home
    profile = client.get(graph.yinmin.get_absolute_url()).content.decode()
    for url in [
        graph.distserve.get_absolute_url(),
        graph.osdi.get_absolute_url(),
        graph.pku.get_absolute_url(),
        graph.xin.get_absolute_url(),
    ]:
        assert f'href="{url}"' in profile


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/people/?q=yinmin+zong&organization=peking&role=education&sort=recent",
        "yinmin",
        "stub",
        "xin",
        "distserve",
        "osdi",
        "pku",
        "/search/?q=zhong",
        "/search/?q=ada&kind=people",
        "/api/v1/people/?q=zhong",
        "/api/v1/publications/?person=yinmin-zhong",
    ],
)
def test_no_page_runs_more_than_fifteen_queries(client, graph, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    objects = {
        "yinmin": graph.yinmin,
        "stub": graph.stub,
        "xin": graph.xin,
        "distserve": graph.distserve,
        "osdi": graph.osdi,
        "pku": graph.pku,
    }
    url = objects[url].get_absolute_url() if url in objects else url
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    assert len(queries) <= 15
