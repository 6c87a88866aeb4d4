"""Walk the site in Chromium: home -> search -> profile -> publication -> co-author ->
organization, with the chart, the exports, live search and axe-core on every page; no
page scrolls sideways on a 320 px phone."""

import json

import bibtexparser
import pytest

from tests.browse_data import build_graph
from tests.conftest import make_user
from tests.e2e.conftest import ARTIFACTS, axe_violations, log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def graph(transactional_db):
    return build_graph()


def test_walk_home_to_organization(live_server, page, graph):
    page.goto(live_server.url)
    assert page.title() == "Academic profiles from CVs · Vitae"

    # Home -> search, with a misspelled name.
    page.get_by_label("Search people, publications, venues and organizations").fill("Yinmin Zong")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url("**/search/?q=Yinmin+Zong")
    page.get_by_role("link", name="Yinmin Zhong").first.click()

    # Profile: chart with its table, publications, exports.
    page.wait_for_url(f"**{graph.yinmin.get_absolute_url()}")
    assert page.get_by_role("heading", level=1).inner_text() == "Yinmin Zhong"
    chart = page.locator("svg.chart-svg")
    assert chart.get_attribute("role") == "img"
    assert chart.locator("rect.bar").count() == 4  # 2021..2024
    page.get_by_text("The same as a table").click()
    assert page.locator(".chart-table tbody tr").count() == 4
    assert page.locator("strong.owner").count() == 3
    bib = page.request.get(f"{live_server.url}/people/{graph.yinmin.slug}/publications.bib")
    assert len(bibtexparser.parse_string(bib.text()).entries) == 3
    for name in ("publications.csl.json", "resume.json", "cv.json"):
        response = page.request.get(f"{live_server.url}/people/{graph.yinmin.slug}/{name}")
        assert response.ok
        assert json.loads(response.text())
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "profile-desktop.png"), full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=str(ARTIFACTS / "profile-phone.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # no sideways scroll
    page.set_viewport_size({"width": 1280, "height": 900})

    # Publication: authors linked, BibTeX to copy.
    page.get_by_role("link", name=graph.distserve.title).click()
    page.wait_for_url(f"**{graph.distserve.get_absolute_url()}")
    assert "@inproceedings{zhong2024distserve" in page.locator("pre.bibtex").inner_text()
    assert page.get_by_role("button", name="Copy BibTeX").is_visible()

    # Co-author (a stub), then back to an organization through the advisor.
    page.locator(".citation-authors").get_by_role("link", name="Shengyu Liu").click()
    page.wait_for_url(f"**{graph.stub.get_absolute_url()}")
    assert page.get_by_text("Known from other CVs").is_visible()
    page.get_by_role("link", name="Yinmin Zhong").first.click()
    page.get_by_role("link", name="Peking University").first.click()
    page.wait_for_url(f"**{graph.pku.get_absolute_url()}")
    assert page.get_by_role("heading", level=1).inner_text() == "Peking University"

    # The year filter swaps the results in place (htmx) and keeps the URL in step.
    page.get_by_label("Year", exact=True).select_option("2021")
    page.wait_for_url("**?year=2021")
    page.get_by_text("No one known here in 2021.").wait_for()


def test_search_updates_as_you_type(live_server, page, graph):
    page.goto(f"{live_server.url}/search/")
    page.get_by_label("People, publications, venues and organizations").press_sequentially(
        "disaggregating", delay=20
    )
    page.wait_for_url("**/search/?q=disaggregating")
    page.get_by_role("link", name="DistServe", exact=False).first.wait_for()
    assert page.locator("#results mark").first.inner_text().lower() == "disaggregating"


def test_back_after_typing_shows_the_earlier_query_in_the_box(live_server, page, graph):
    page.goto(f"{live_server.url}/search/")
    box = page.get_by_label("People, publications, venues and organizations")
    box.press_sequentially("distserve", delay=20)
    page.wait_for_url("**/search/?q=distserve")
    box.fill("")
    box.press_sequentially("megascale", delay=20)
    page.wait_for_url("**/search/?q=megascale")
    page.go_back()
    page.wait_for_url("**/search/?q=distserve")
    page.get_by_role("link", name="DistServe", exact=False).first.wait_for()
    assert page.get_by_label("People, publications, venues and organizations").input_value() == (
        "distserve"
    )


def test_directory_filters_without_reloading(live_server, page, graph):
    page.goto(f"{live_server.url}/people/")
    page.get_by_label("Show").select_option("stubs")
    page.wait_for_url("**show=stubs**")
    page.get_by_text("1 person").wait_for()
    assert page.get_by_text("Co-author, no CV yet").is_visible()


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/people/",
        "/search/?q=zhong",
        "yinmin",
        "stub",
        "distserve",
        "osdi",
        "pku",
        "/api/",
        "/people/yinmin-zhong/coauthors/",
    ],
)
def test_no_serious_accessibility_violations(live_server, axe_page, graph, path):
    objects = {
        "yinmin": graph.yinmin,
        "stub": graph.stub,
        "distserve": graph.distserve,
        "osdi": graph.osdi,
        "pku": graph.pku,
    }
    url = objects[path].get_absolute_url() if path in objects else path
    axe_page.goto(f"{live_server.url}{url}")
    assert axe_violations(axe_page) == []
    axe_page.set_viewport_size({"width": 320, "height": 700})  # the narrowest phones
    assert axe_page.evaluate("document.documentElement.scrollWidth") <= 320


def test_no_page_scrolls_sideways_on_a_320_px_phone(live_server, page, graph):
    graph.yinmin.owner = make_user("yinmin")
    graph.yinmin.save()
    log_in(page, live_server.url, "yinmin")
    page.set_viewport_size({"width": 320, "height": 640})
    paths = [
        "/",
        "/people/",
        graph.yinmin.get_absolute_url(),
        graph.distserve.get_absolute_url(),
        "/search/?q=serving",
        "/upload/",
        f"/edit/people/{graph.yinmin.slug}/",
    ]
    too_wide = {}
    for path in paths:
        assert page.goto(live_server.url + path).ok, path
        assert page.url == live_server.url + path  # shown, not sent to log in
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 320:
            too_wide[path] = width
    assert too_wide == {}
