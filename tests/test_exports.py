"""A profile and a publication as data: BibTeX, CSL-JSON, JSON Resume, CV JSON, JSON-LD."""

import json
import re
from pathlib import Path

import bibtexparser
import jsonschema
import pytest
from bibtexparser.middlewares import LatexDecodingMiddleware
from citeproc import (
    Citation,
    CitationItem,
    CitationStylesBibliography,
    CitationStylesStyle,
    formatter,
)
from citeproc.source.json import CiteProcJSON
from pyld import jsonld
from pyld.documentloader.frozen import FrozenDocumentLoader

from tests.browse_data import build_graph
from tests.conftest import SHARED, make_person

JSON_RESUME_SCHEMA = Path(__file__).parent / "data" / "jsonresume-schema-1.0.0.json"
CV_JSON_SCHEMA = SHARED / "cv-json.schema.json"
SCHEMA_ORG_CONTEXT = Path(__file__).parent / "data" / "schemaorg-context.jsonld"
# The vocabulary schema.org's own context maps terms into (http, though its pages are https).
SCHEMA = json.loads(SCHEMA_ORG_CONTEXT.read_text())["@context"]["@vocab"]


@pytest.fixture
def graph(db):
    return build_graph()


def export(client, person, name: str):
    return client.get(f"/people/{person.slug}/{name}")


def test_bibtex_round_trips_through_bibtexparser(client, graph):
    response = export(client, graph.yinmin, "publications.bib")
    assert response["Content-Type"] == "application/x-bibtex; charset=utf-8"
    library = bibtexparser.parse_string(
        response.content.decode(), append_middleware=[LatexDecodingMiddleware()]
    )
    assert library.failed_blocks == []
    entries = {entry.key: entry for entry in library.entries}
    assert set(entries) == {"zhong2024distserve", "jiang2024megascale", "jin2021efficient"}
    distserve = entries["zhong2024distserve"]
    assert distserve.entry_type == "inproceedings"
    assert distserve["booktitle"] == graph.osdi.name
    assert distserve["author"] == "Zhong, Yinmin and Liu, Shengyu and Chen, Y. and Jin, Xin"
    assert distserve["doi"] == "10.5555/distserve"
    # LaTeX specials and braces survive the round trip.
    assert entries["jin2021efficient"]["title"] == graph.preprint.title
    assert entries["jin2021efficient"]["note"] == "Preprint"


def test_publication_bibtex(client, graph):
    response = client.get(f"/publications/{graph.megascale.slug}/citation.bib")
    library = bibtexparser.parse_string(response.content.decode())
    assert [entry.key for entry in library.entries] == ["jiang2024megascale"]


def test_citation_keys_are_unique(client, db):
    from tests.conftest import make_publication

    person = make_person("Ada Lovelace", is_stub=False)
    for _ in range(3):
        make_publication("Notes on the Engine", [person], year=1943)
    keys = re.findall(r"@misc\{(\w+),", export(client, person, "publications.bib").content.decode())
    assert keys == ["lovelace1943notes", "lovelace1943notesa", "lovelace1943notesb"]


def test_csl_json_renders_through_citeproc(client, graph):
    items = export(client, graph.yinmin, "publications.csl.json").json()
    assert {item["type"] for item in items} == {"paper-conference", "article"}
    style = CitationStylesStyle("harvard-cite-them-right", validate=False)
    bibliography = CitationStylesBibliography(style, CiteProcJSON(items), formatter.plain)
    for item in items:
        bibliography.register(Citation([CitationItem(item["id"])]))
    rendered = [str(entry) for entry in bibliography.bibliography()]
    assert len(rendered) == 3
    assert any("DistServe" in entry and "2024" in entry for entry in rendered)


def test_json_resume_is_valid(client, graph):
    resume = export(client, graph.yinmin, "resume.json").json()
    schema = json.loads(JSON_RESUME_SCHEMA.read_text())
    jsonschema.validate(resume, schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)
    assert resume["basics"]["name"] == "Yinmin Zhong"
    assert [w["name"] for w in resume["work"]] == ["ByteDance"]
    assert [e["institution"] for e in resume["education"]] == ["Peking University", "Some College"]
    distserve = resume["publications"][0]
    assert distserve["x_authors"][0] == {
        "name": "Yinmin Zhong",
        "url": "http://testserver/people/yinmin-zhong/",
        "equal_contribution": True,
        "is_self": True,
    }
    assert distserve["x_authors"][2] == {"name": "Y. Chen"}
    assert "javascript:alert(1)" not in json.dumps(resume)


@pytest.mark.shared
def test_cv_json_is_valid(client, graph):
    cv = export(client, graph.yinmin, "cv.json").json()
    jsonschema.validate(cv, json.loads(CV_JSON_SCHEMA.read_text()))
    assert cv["education"][0]["advisors"] == ["Xin Jin"]
    assert cv["skills"] == [{"category": "Programming", "items": ["C++", "Python"]}]
    authors = cv["publications"][0]["authors"]
    assert authors[0] == {"name": "Yinmin Zhong", "equal_contribution": True, "is_self": True}


@pytest.mark.parametrize(
    "name", ["publications.bib", "publications.csl.json", "resume.json", "cv.json"]
)
def test_exports_of_an_empty_profile(client, db, name):
    person = make_person("Nobody Yet", is_stub=False)
    response = export(client, person, name)
    assert response.status_code == 200
    if name == "cv.json":
        jsonschema.validate(response.json(), json.loads(CV_JSON_SCHEMA.read_text()))


@pytest.mark.parametrize(
    "url",
    [
        "/people/nobody/publications.bib",
        "/people/nobody/publications.csl.json",
        "/people/nobody/resume.json",
        "/people/nobody/cv.json",
        "/publications/nothing/citation.bib",
    ],
)
def test_exports_of_unknown_objects_are_404(client, db, url):
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(("name", "queries"), [("publications.bib", 3), ("resume.json", 11)])
def test_export_query_counts(client, graph, name, queries, django_assert_num_queries):
    # BibTeX: person, publications with their venues, authors; JSON Resume: the
    # profile page's 11
    with django_assert_num_queries(queries):
        export(client, graph.yinmin, name)


def json_ld(response) -> dict:
    match = re.search(
        r'<script type="application/ld\+json">(.*?)</script>', response.content.decode(), re.S
    )
    return json.loads(match.group(1))


def test_profile_json_ld(client, graph):
    page = json_ld(client.get(graph.yinmin.get_absolute_url()))
    assert page["@type"] == "ProfilePage"
    assert page["@id"] == "http://testserver/people/yinmin-zhong/"
    data = page["mainEntity"]
    assert data["@type"] == "Person"
    assert data["@id"] == "http://testserver/people/yinmin-zhong/#person"
    assert data["name"] == "Yinmin Zhong"
    # A current student is affiliated with the university, an alumna of the college.
    assert [a["name"] for a in data["affiliation"]] == ["ByteDance", "Peking University"]
    assert [a["name"] for a in data["alumniOf"]] == ["Some College"]
    assert data["affiliation"][1]["@id"].startswith("http://testserver/organizations/")
    assert data["sameAs"] == ["https://yinminzhong.com", "https://github.com/PKUFlyingPig"]
    assert "identifier" not in data


def expanded(data: dict) -> dict:
    """``data`` expanded by pyld, "https://schema.org" served from a local copy of the
    context (no network here; any other remote document is refused)."""
    loader = FrozenDocumentLoader({"https://schema.org": SCHEMA_ORG_CONTEXT})
    (node,) = jsonld.expand(data, {"documentLoader": loader})
    return node


def test_profile_json_ld_expands_to_a_profile_page_about_the_person(client, graph):
    page = expanded(json_ld(client.get(graph.yinmin.get_absolute_url())))
    assert SCHEMA == "http://schema.org/"
    assert page["@type"] == [f"{SCHEMA}ProfilePage"]
    assert page["@id"] == "http://testserver/people/yinmin-zhong/"
    (person,) = page[f"{SCHEMA}mainEntity"]
    assert person["@type"] == [f"{SCHEMA}Person"]
    assert person["@id"] == "http://testserver/people/yinmin-zhong/#person"
    assert person[f"{SCHEMA}name"] == [{"@value": "Yinmin Zhong"}]
    # A paper's page names its author by the same node: the two pages make one graph.
    paper = expanded(json_ld(client.get(graph.distserve.get_absolute_url())))
    assert paper["@type"] == [f"{SCHEMA}ScholarlyArticle"]
    assert paper[f"{SCHEMA}author"][0]["@id"] == person["@id"]


def test_profile_json_ld_names_the_orcid(client, db):
    person = make_person("Ada Lovelace", is_stub=False)
    person.links = [{"label": "ORCID", "url": "https://orcid.org/0000-0002-1825-009x"}]
    person.save()
    data = json_ld(client.get(person.get_absolute_url()))["mainEntity"]
    assert data["identifier"] == [
        {
            "@type": "PropertyValue",
            "propertyID": "ORCID",
            "value": "0000-0002-1825-009X",
            "url": "https://orcid.org/0000-0002-1825-009X",
        }
    ]


def test_publication_json_ld(client, graph):
    data = json_ld(client.get(graph.distserve.get_absolute_url()))
    assert data["@type"] == "ScholarlyArticle"
    assert [a["name"] for a in data["author"]] == [
        "Yinmin Zhong",
        "Shengyu Liu",
        "Y. Chen",
        "Xin Jin",
    ]
    assert data["author"][0]["url"] == "http://testserver/people/yinmin-zhong/"
    assert data["author"][0]["@id"] == "http://testserver/people/yinmin-zhong/#person"
    assert (data["author"][0]["givenName"], data["author"][0]["familyName"]) == ("Yinmin", "Zhong")
    assert data["sameAs"] == "https://doi.org/10.5555/distserve"
    assert data["identifier"] == {
        "@type": "PropertyValue",
        "propertyID": "DOI",
        "value": "10.5555/distserve",
    }
    # A conference paper is part of its proceedings, not of a periodical's issue.
    assert data["isPartOf"]["@type"] == "Book"
    assert data["isPartOf"]["name"] == graph.osdi.name


def test_json_ld_cannot_close_its_script(client, db):
    person = make_person("Eve </script><script>alert(1)</script>", is_stub=False)
    content = client.get(person.get_absolute_url()).content.decode()
    assert "</script><script>alert(1)" not in content
    assert json_ld(client.get(person.get_absolute_url()))["mainEntity"]["name"] == person.name


@pytest.mark.parametrize(
    "title",
    [
        "Plain title",
        "50% of $x_i$ & more # things",
        "Braces {kept} and } unbalanced {",
        "Back\\slash and tilde~",  # (a caret decodes as U+02C6 in pylatexenc)
        "Ünïcödé Müller 钟 — “quotes”",
    ],
)
def test_bibtex_values_round_trip(db, title):
    from publications.exports import bibtex
    from publications.models import Publication
    from tests.conftest import make_publication

    publication = make_publication(title, ["Zoë O'Brien-Ñúñez", "The R&D Team"], year=2020)
    (listed,) = Publication.objects.filter(pk=publication.pk).for_listing()
    library = bibtexparser.parse_string(
        bibtex([listed]), append_middleware=[LatexDecodingMiddleware()]
    )
    assert library.failed_blocks == []
    (entry,) = library.entries
    assert entry["title"] == title
    assert entry["author"] == "O'Brien-Ñúñez, Zoë and The R&D Team"
