"""In Chromium: upload a fictional CV, see its flagged entries first, beside the lines they
were read from; merge an author line into its paper with a quick fix (htmx), delete an
entry and undo it, then import and find the fixed paper on the profile. Swap a paper's
title and venue, split an award line off a paper and move it to the awards, and find each
on the profile. axe-core finds nothing serious on the review page, which does not scroll
sideways on a 320 px phone.

The browser and page fixtures are tests/e2e/conftest.py's (CSP enforced, script errors fail).
"""

import re

import pytest
from playwright.sync_api import expect

from tests.conftest import make_user
from tests.e2e.conftest import ARTIFACTS, axe_violations, upload_as
from tests.test_review import MARA_CV

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def upload_mara(live_server, page) -> None:
    make_user("mara")
    upload_as(page, live_server.url, "mara", "mara.md", MARA_CV)


def test_review_flagged_entries_fix_them_in_place_and_import(live_server, page):
    upload_mara(live_server, page)
    publications = page.locator("#publications")
    # Flagged first, unfolded, each with why and the lines it was read from.
    flagged = publications.locator(".entry.flagged")
    assert flagged.count() == 3  # the venue cut at a month, the author line, its paper
    author_line = flagged.nth(1)
    assert "The title reads as a list of names." in author_line.inner_text()
    source = author_line.locator(".source-lines li").text_content()
    assert source == "Line 13: Helena Quist, Mara Lind"
    # The others are folded away, and open on a click.
    settled = publications.locator("details.settled")
    assert not settled.locator(".entry").first.is_visible()
    settled.locator("summary").first.click()
    assert settled.locator(".entry").first.is_visible()

    # Merge the author line with the paper after it: htmx redraws the review.
    author_line.get_by_role("button", name="Merge with the next").click()
    page.locator(".notice", has_text="Merged").wait_for()
    expect(publications.locator(".entry.flagged")).to_have_count(1)
    assert "(4" in page.locator("#publications-heading").inner_text()

    # Delete the paper whose venue is cut at a month, then undo it.
    quiet = publications.locator(".entry.flagged").first
    assert "The venue ends in a month." in quiet.inner_text()
    quiet.get_by_role("button", name="Delete").click()
    page.locator(".notice", has_text="Deleted").wait_for()
    expect(publications.locator(".entry.flagged")).to_have_count(0)
    page.get_by_role("button", name="Undo").click()
    page.locator(".notice", has_text="Put back").wait_for()
    expect(publications.locator(".entry.flagged")).to_have_count(1)

    page.screenshot(path=str(ARTIFACTS / "review.png"), full_page=True)
    page.get_by_role("button", name="Import").click()
    page.wait_for_url(re.compile(r".*/people/[\w-]+/$"))
    titles = page.locator(".citation-title").all_inner_texts()
    assert "Learning to Forget Gracefully" in titles and "Helena Quist" not in titles
    assert "Quiet Replication Without Clocks" in titles


def test_the_review_page_is_accessible_and_fits_a_phone(live_server, axe_page):
    upload_mara(live_server, axe_page)
    # Every fold open, so that axe sees every control.
    axe_page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    assert axe_violations(axe_page) == []
    axe_page.set_viewport_size({"width": 320, "height": 700})
    assert axe_page.evaluate("document.documentElement.scrollWidth") <= 320


# A paper read with its title and venue the wrong way round, after the one that ends in
# an award line (lines 15-17): the new paper is line 18.
HARBOUR = (
    b"- **Mara Lind**, Otto Brand. Proceedings of the Harbour Symposium."
    b" Charting Quiet Harbours, 2017."
)
MARA_SWAPPED = MARA_CV.replace(b"\n\n## Awards", b"\n" + HARBOUR + b"\n\n## Awards")


def fixes_of(publications, text: str):
    """The quick fixes of the paper showing ``text``, with every fold above them opened
    as a reviewer would, by a click on each closed summary."""
    entry = publications.locator(".entry", has_text=text)
    folds = [
        publications.locator("details.settled", has_text=text),
        entry.locator(":scope > details"),  # a settled entry's own fold
        entry.locator("details.more-fixes"),
    ]
    for fold in folds:
        if fold.count() and fold.get_attribute("open") is None:
            fold.locator(":scope > summary").click()
    return entry.locator(".more-fixes")


def test_swap_split_and_move_change_the_imported_profile(live_server, page):
    make_user("mara")
    upload_as(page, live_server.url, "mara", "mara.md", MARA_SWAPPED)
    publications = page.locator("#publications")

    # Swap: the venue read as the title goes back where it belongs.
    more = fixes_of(publications, "Proceedings of the Harbour Symposium")
    more.get_by_label("Swap").select_option("title")
    more.get_by_label("with").select_option("venue")
    more.get_by_role("button", name="Swap").click()
    page.locator(".notice", has_text="Swapped the title and the venue").wait_for()
    harbour = publications.locator(".entry", has_text="Charting Quiet Harbours")
    assert harbour.locator(".entry-title").text_content() == "Charting Quiet Harbours"

    # Split: the award line read into a paper becomes an entry of its own...
    more = fixes_of(publications, "A Study of Lighthouse Scheduling")
    more.get_by_label("Split before line").select_option("17")
    more.get_by_role("button", name="Split").click()
    page.locator(".notice", has_text="in two").wait_for()
    assert "(7" in page.locator("#publications-heading").inner_text()

    # ...and moves to the awards.
    more = fixes_of(publications, "Best Paper Award, 2018")
    more.get_by_label("Move to").select_option("awards")
    more.get_by_role("button", name="Move").click()
    page.locator(".notice", has_text="Moved").wait_for()
    assert "(6" in page.locator("#publications-heading").inner_text()
    assert page.locator("#awards .entry", has_text="Best Paper Award").count() == 1

    page.get_by_role("button", name="Import").click()
    page.wait_for_url(re.compile(r".*/people/[\w-]+/$"))
    titles = page.locator(".citation-title").all_inner_texts()
    assert "Charting Quiet Harbours" in titles and "A Study of Lighthouse Scheduling" in titles
    assert not any("Harbour Symposium" in t or "Best Paper" in t for t in titles)
    harbour = page.locator("article.citation", has_text="Charting Quiet Harbours")
    assert "Proceedings of the Harbour Symposium" in harbour.locator(".citation-meta").inner_text()
    awards = page.locator("section[aria-labelledby=awards-heading]")
    assert "Best Paper Award" in awards.inner_text()
