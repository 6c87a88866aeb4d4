"""What browsers and crawlers ask a site for: favicon, robots.txt, sitemap.xml; and
slugs every script can have."""

import re
from pathlib import Path
from xml.etree import ElementTree

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders

from affiliations.models import Organization
from profiles.importing import import_cv_json
from profiles.models import Person
from publications.models import Venue
from tests.conftest import make_cv, make_document, make_paper, make_person, make_publication

SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def test_favicon_is_served_and_linked(client, db):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert b"".join(response.streaming_content)[:4] == b"\x00\x00\x01\x00"  # an ICO file
    page = client.get("/").content.decode()
    icon = re.search(r'<link rel="icon" href="([^"]+)" type="image/svg\+xml">', page)
    # Static files are served by WhiteNoise from the collected files in production.
    svg = finders.find(icon.group(1).removeprefix(settings.STATIC_URL).removeprefix("/static/"))
    assert "<svg" in Path(svg).read_text()


def test_robots_txt_points_at_the_sitemap(client, db):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    assert "Disallow: /edit/" in lines and "Disallow: /accounts/" in lines
    assert lines[-1] == "Sitemap: http://testserver/sitemap.xml"


def test_sitemap_lists_people_publications_venues_and_organizations(
    client, db, django_assert_max_num_queries
):
    owner = make_person("Ada Lovelace", is_stub=False)
    stub = make_person("Charles Babbage")
    venue = Venue.objects.create(name="Engines", slug="engines", kind=Venue.Kind.JOURNAL)
    paper = make_publication("Notes on the Engine", [owner, stub], year=2015, venue=venue)
    organization = Organization.objects.create(name="Royal Society", slug="royal-society")
    with django_assert_max_num_queries(8):  # per section: a count for the pages, one page
        response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ElementTree.fromstring(response.content)
    urls = {loc.text for loc in root.findall("s:url/s:loc", SITEMAP_NS)}
    expected = [owner, paper, venue, organization]
    assert urls == {f"http://testserver{o.get_absolute_url()}" for o in expected}
    assert [bool(d.text) for d in root.findall("s:url/s:lastmod", SITEMAP_NS)] == [True] * 4
    for url in urls:
        assert client.get(url.removeprefix("http://testserver")).status_code == 200


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Łukasz Kowalczyk", "lukasz-kowalczyk"),
        ("Иван Петров", "ivan-petrov"),
        ("钟伟", "zhongwei"),
        ("Zoë Ñúñez", "zoe-nunez"),
    ],
)
def test_people_from_any_script_get_a_readable_page_address(client, db, name, slug):
    cv = make_cv(name, publications=[make_paper("Über Maschinen", [f"*{name}"])])
    import_cv_json(cv, document=make_document("cv.md", cv))
    response = client.get(f"/people/{slug}/")
    assert response.status_code == 200
    assert name in response.content.decode()


def test_existing_addresses_are_kept(client, db):
    # A slug made before transliteration stays the page's address.
    person = Person.objects.create(name="Łukasz Nowak", slug="ukasz-nowak", is_stub=False)
    assert client.get("/people/ukasz-nowak/").status_code == 200
    assert person.get_absolute_url() == "/people/ukasz-nowak/"
