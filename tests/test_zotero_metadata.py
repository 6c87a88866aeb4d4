"""What Zotero's connector and Google Scholar read of our pages: Highwire ``citation_*``
meta tags on a publication's page, one COinS span per item of a profile's list."""

from urllib.parse import parse_qs

import pytest
from bs4 import BeautifulSoup

from publications.models import Venue
from tests.browse_data import build_graph
from tests.conftest import make_person, make_publication


@pytest.fixture
def graph(db):
    return build_graph()


def meta_tags(response) -> list[tuple[str, str]]:
    soup = BeautifulSoup(response.content, "html.parser")
    return [
        (tag["name"], tag["content"])
        for tag in soup.find_all("meta")
        if tag.get("name", "").startswith("citation_")
    ]


def test_conference_paper_page_carries_highwire_tags(client, graph):
    tags = meta_tags(client.get(graph.distserve.get_absolute_url()))
    assert tags == [
        ("citation_title", graph.distserve.title),
        ("citation_author", "Zhong, Yinmin"),
        ("citation_author", "Liu, Shengyu"),
        ("citation_author", "Chen, Y."),
        ("citation_author", "Jin, Xin"),
        ("citation_publication_date", "2024"),
        ("citation_conference_title", graph.osdi.name),
        ("citation_doi", "10.5555/distserve"),
    ]


def test_journal_paper_page_names_journal_pages_date_and_pdf(client, db):
    journal = Venue.objects.create(name="Journal of Engines", slug="joe", kind=Venue.Kind.JOURNAL)
    paper = make_publication(
        "Notes on the Analytical Engine",
        ["Ada van der Lovelace", "Martin Luther King Jr.", "The Engine Team"],
        year=2015,
        month=3,
        pages="12–19",
        venue=journal,
        links=[{"label": "Paper", "url": "https://example.org/notes.pdf"}],
    )
    tags = dict(meta_tags(client.get(paper.get_absolute_url())))
    assert tags["citation_journal_title"] == "Journal of Engines"
    assert "citation_conference_title" not in tags
    assert tags["citation_publication_date"] == "2015/03"
    assert (tags["citation_firstpage"], tags["citation_lastpage"]) == ("12", "19")
    assert tags["citation_pdf_url"] == "https://example.org/notes.pdf"
    authors = [
        c for n, c in meta_tags(client.get(paper.get_absolute_url())) if n == "citation_author"
    ]
    assert authors == ["van der Lovelace, Ada", "King, Martin Luther, Jr.", "The Engine Team"]


def test_profile_lists_one_coins_span_per_publication(client, graph):
    soup = BeautifulSoup(client.get(graph.yinmin.get_absolute_url()).content, "html.parser")
    spans = soup.select("span.Z3988")
    assert len(spans) == 3
    items = {parse_qs(span["title"])["rft.atitle"][0]: parse_qs(span["title"]) for span in spans}
    distserve = items[graph.distserve.title]
    assert distserve["ctx_ver"] == ["Z39.88-2004"]
    assert distserve["rft_val_fmt"] == ["info:ofi/fmt:kev:mtx:book"]
    assert distserve["rft.genre"] == ["proceeding"]
    assert distserve["rft.btitle"] == [graph.osdi.name]
    assert distserve["rft.au"] == ["Zhong, Yinmin", "Liu, Shengyu", "Chen, Y.", "Jin, Xin"]
    assert distserve["rft.date"] == ["2024"]
    assert "info:doi/10.5555/distserve" in distserve["rft_id"]
    preprint = items[graph.preprint.title]
    assert preprint["rft_val_fmt"] == ["info:ofi/fmt:kev:mtx:journal"]
    assert preprint["rft.jtitle"] == ["arXiv"]


def test_an_empty_profile_has_no_coins(client, db):
    person = make_person("Nobody Yet", is_stub=False)
    soup = BeautifulSoup(client.get(person.get_absolute_url()).content, "html.parser")
    assert soup.select("span.Z3988") == []
