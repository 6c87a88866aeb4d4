"""In Chromium: sign up, upload a seed CV, review and correct it, import it, edit a
publication in place on the profile, find the edit in the history and revert it.
An anonymous visitor sees no edit controls and is sent to log in from an edit URL; and
the status area of an upload follows the task worker (database backend) until the review.

The browser and page fixtures are tests/e2e/conftest.py's (CSP enforced, script errors fail).
"""

import re

import pytest
from django.core.management import call_command

from tests.conftest import SEEDS, make_person, make_publication, make_user
from tests.e2e.conftest import upload_as

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
SEED_CV = SEEDS / "000_168fca0886201466.txt"

GRACE_CV = b"""# Grace Hopper

grace@example.org

## Education

- Ph.D. in Mathematics, Yale University, 1930 - 1934

## Awards

- Computer Sciences Man of the Year, 1969
"""


def test_sign_up_upload_review_import_edit_and_revert(live_server, page):
    assert SEED_CV.exists(), f"the seed CV is missing: {SEED_CV}"
    page.goto(f"{live_server.url}/accounts/signup/")
    page.get_by_label("Username").fill("zhen")
    page.get_by_label("Email").fill("zhen@example.org")
    page.locator("#id_password1").fill("storage systems for AI")
    page.locator("#id_password2").fill("storage systems for AI")
    page.get_by_role("button", name="Sign up").click()

    # Upload: parsed in the background task (immediate in tests), then the review.
    page.wait_for_url("**/upload/")
    page.set_input_files("input[type=file]", str(SEED_CV))
    page.get_by_role("button", name="Upload").click()
    page.wait_for_url(re.compile(r".*/documents/\d+/$"))
    assert "Check what we found below" in page.locator("#status").inner_text()
    assert page.locator("#publications .entry").count() > 0

    # Correct a field in place (htmx swaps the form in, then the row back).
    person = page.locator("#person-0")
    person.get_by_role("link", name="Edit").click()
    headline = page.locator("#person-0 form").get_by_label("Headline")
    headline.fill("Ph.D. student in storage systems (corrected in review)")
    page.locator("#person-0 form").get_by_role("button", name="Save").click()
    page.locator("#person-0 form").wait_for(state="detached")
    assert "corrected in review" in page.locator("#person-0").inner_text()

    # Import writes it all at once; the profile shows it.
    page.get_by_role("button", name="Import").click()
    page.wait_for_url(re.compile(r".*/people/[\w-]+/$"))
    assert "corrected in review" in page.locator(".profile-header").inner_text()
    profile_url = page.url

    # Edit a publication in place on the profile.
    first = page.locator(".editable").first
    old_title = first.locator(".citation-title").inner_text()
    first.get_by_role("link", name="Edit this publication").click()
    form = page.locator("form[hx-post*='/edit/publications/']")
    form.get_by_label("Title").fill(f"{old_title} (edited in place)")
    form.get_by_role("button", name="Save").click()
    form.wait_for(state="detached")
    assert "(edited in place)" in page.locator("#main").inner_text()

    # The edit is in the history; revert it.
    page.goto(profile_url)
    page.get_by_role("link", name="History").click()
    change = page.locator(".history-event", has_text="changed the publication").first
    assert "(edited in place)" in change.inner_text()
    change.get_by_role("button", name="Revert this change").click()
    page.wait_for_url("**/history/")
    assert "Restored the publication" in page.locator(".messages").inner_text()
    page.goto(profile_url)
    titles = page.locator(".citation-title").all_inner_texts()
    assert old_title in titles
    assert not any("(edited in place)" in title for title in titles)


def test_anonymous_sees_no_edit_controls_and_is_sent_to_log_in(live_server, page, transactional_db):
    ada = make_person("Ada Lovelace", is_stub=False)
    make_publication("Notes on the Analytical Engine", [ada], year=1943 + 100)
    page.goto(f"{live_server.url}{ada.get_absolute_url()}")
    assert page.get_by_role("heading", level=1).inner_text() == "Ada Lovelace"
    for control in ["Edit this profile", "Edit this publication", "History", "Merge"]:
        assert page.get_by_role("link", name=control).count() == 0
    assert page.locator("form[method=post][action*='/edit/']").count() == 0
    page.goto(f"{live_server.url}/edit/people/{ada.slug}/")
    assert re.search(r"/accounts/login/\?next=/edit/people/", page.url)
    assert page.get_by_role("button", name="Log in").is_visible()


def test_the_status_area_follows_the_worker(live_server, page, settings, transactional_db):
    """With the database task backend, the page polls until the worker has parsed the CV."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    make_user("grace")
    upload_as(page, live_server.url, "grace", "grace.md", GRACE_CV)
    assert "waiting to be read" in page.locator("#status").inner_text()
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    # The next poll sees the parsed CV and reloads the page with the review.
    page.get_by_role("button", name="Import").wait_for(timeout=10_000)
    assert "Grace Hopper" in page.locator("#person").inner_text()
