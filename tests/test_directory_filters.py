"""The directory's organization and research-interest filters, on the page and the API."""

import pytest

from affiliations.models import Affiliation
from profiles.filters import DirectoryForm
from tests.conftest import make_organization, make_person


@pytest.fixture
def people(db) -> dict[str, str]:
    """Slugs of a person at MIT, one at a lab of MIT, one elsewhere, by interest."""
    mit = make_organization("Massachusetts Institute of Technology", aliases=["MIT"])
    csail = make_organization("Computer Science and AI Laboratory", parent=mit)
    cmu = make_organization("Carnegie Mellon University", aliases=["CMU"])
    found = {}
    for name, organization, interests in [
        ("Ada Lovelace", mit, ["Memory Disaggregation", "Distributed Systems"]),
        ("Grace Hopper", csail, ["Réseaux", "Compilers"]),
        ("Alan Turing", cmu, ["Deep Learning", "Fairness", "C++"]),
    ]:
        person = make_person(name, is_stub=False, research_interests=interests)
        Affiliation.objects.create(person=person, organization=organization, kind="employment")
        found[name.split()[0].lower()] = person.slug
    return found


def directory(**filters: str) -> set[str]:
    return set(DirectoryForm(filters).people().values_list("slug", flat=True))


@pytest.mark.parametrize(
    ("organization", "expected"),
    [
        ("MIT", {"ada", "grace"}),  # an alias, of the organization or of the lab's parent
        ("mit", {"ada", "grace"}),  # in any case
        ("cmu", {"alan"}),
        ("CM", set()),  # a whole alias, not a part of one
        ("Carnegie", {"alan"}),  # names as before
    ],
)
def test_organization_matches_aliases(people, organization, expected):
    assert directory(organization=organization) == {people[name] for name in expected}


@pytest.mark.parametrize(
    ("interest", "expected"),
    [
        ("Memory Disaggregation", {"ada"}),  # a profile's chip: the whole interest
        ("disaggregation", {"ada"}),  # whole words of one, in any case
        ("DISTRIBUTED systems", {"ada"}),
        ("sys", set()),  # not a part of a word: the chip "AI" must not find "Fairness"
        ("AI", set()),
        ("c++", {"alan"}),  # a word that ends in no word character
        ("réseaux", {"grace"}),  # not ASCII (SQLite stores "R\u00e9seaux")
        ("learning", {"alan"}),
        ('Disaggregation", "Distributed', set()),  # never across two interests
        ("Disaggregation Distributed", set()),
        (",", set()),  # nor the JSON around them
        ("Quantum", set()),
    ],
)
def test_interest_matches_whole_words_of_one_interest(people, interest, expected):
    assert directory(interest=interest) == {people[name] for name in expected}


def test_interest_is_one_query(people, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert len(directory(interest="disaggregation")) == 1


def test_page_and_api_use_the_filters(client, people):
    page = client.get("/people/?organization=MIT&interest=disaggregation")
    assert f'href="/people/{people["ada"]}/"' in page.content.decode()
    assert f'href="/people/{people["grace"]}/"' not in page.content.decode()
    api = client.get("/api/v1/people/?organization=mit&interest=compilers").json()
    assert [person["slug"] for person in api["results"]] == [people["grace"]]


@pytest.mark.parametrize("value", ["Machine learning", {"a": "b"}, 3])
def test_a_field_that_holds_no_list_fails_no_filter(people, value):
    """The admin edits these fields as raw JSON: a string or an object there must not
    break the filters for everybody."""
    make_person("Odd Entry", is_stub=False, research_interests=value)
    make_organization("Odd University", aliases=value)
    assert directory(interest="learning") == {people["alan"]}
    assert directory(organization="MIT") == {people["ada"], people["grace"]}
