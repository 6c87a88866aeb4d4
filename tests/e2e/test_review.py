"""In Chromium: upload a fictional CV, see its flagged entries first, beside the lines they
were read from; merge an author line into its paper with a quick fix (htmx), delete an
entry and undo it, then import and find the fixed paper on the profile. axe-core finds
nothing serious on the review page, which does not scroll sideways on a 320 px phone.

The browser and page fixtures are tests/e2e/conftest.py's (CSP enforced, script errors fail).
"""

import re

import pytest

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
    assert publications.locator(".entry.flagged").count() == 1
    assert "(4" in page.locator("#publications-heading").inner_text()

    # Delete the paper whose venue is cut at a month, then undo it.
    quiet = publications.locator(".entry.flagged").first
    assert "The venue ends in a month." in quiet.inner_text()
    quiet.get_by_role("button", name="Delete").click()
    page.locator(".notice", has_text="Deleted").wait_for()
    assert publications.locator(".entry.flagged").count() == 0
    page.get_by_role("button", name="Undo").click()
    page.locator(".notice", has_text="Put back").wait_for()
    assert publications.locator(".entry.flagged").count() == 1

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
