"""In Chromium: a co-author's CV proposes two papers to Ada's owned profile; she sees
them only in her own queue, accepts one and rejects the other (htmx swaps the queue),
and then her public profile shows the accepted paper alone.

The browser and page fixtures are tests/e2e/conftest.py's (CSP enforced, script errors fail).
"""

import pytest

from profiles.importing import import_cv_json
from profiles.resolution import name_keys
from tests.conftest import make_cv, make_document, make_paper, make_person, make_user

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def log_in(page, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("correct horse battery")
    page.get_by_role("button", name="Log in").click()


def test_the_owner_accepts_one_proposal_and_rejects_another(live_server, page):
    ada = make_person("Ada Lovelace", owner=make_user("ada"), is_stub=False)
    keys = name_keys(ada.name)
    ada.names.create(name=ada.name, key=keys.lookup, initials_key=keys.initials)
    brook = make_user("brook")
    papers = [
        make_paper(title, ["Ada Lovelace", "*Brook Hale"])
        for title in ("Engines of Thought", "Plagiarised Claims Without Me")
    ]
    cv = make_cv("Brook Hale", publications=papers)
    import_cv_json(cv, document=make_document("brook.md", cv), owner=brook)

    profile = f"{live_server.url}/people/{ada.slug}/"
    page.goto(profile)  # anonymous: neither the queue nor the papers
    assert "Papers your co-authors listed" not in page.content()
    assert "Engines of Thought" not in page.content()

    log_in(page, live_server.url, "ada")
    page.goto(profile)
    queue = page.locator("#proposals")
    assert "Engines of Thought" in queue.inner_text()
    assert "listed by Brook Hale" in queue.inner_text()
    queue.get_by_role("button", name="Accept: Engines of Thought").click()
    page.locator("#proposals li", has_text="Engines of Thought").wait_for(state="detached")
    page.locator("#proposals").get_by_role(
        "button", name="Reject: Plagiarised Claims Without Me"
    ).click()
    page.get_by_text("Nothing waiting").wait_for()

    page.context.clear_cookies()  # signed out: the public page
    page.goto(profile)
    text = page.locator("main").inner_text()
    assert "Engines of Thought" in text
    assert "Plagiarised Claims Without Me" not in text
    assert "Papers your co-authors listed" not in text
