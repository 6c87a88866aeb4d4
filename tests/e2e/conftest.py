"""A real browser for the e2e tests: Playwright driving Debian's Chromium, headless.

A missing Chromium fails these tests (it never skips them): install the
``chromium`` Debian package; ``playwright install`` is not used.
"""

import os
import re
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("CHROMIUM") or "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-gpu",
    "--no-first-run",
    "--disable-component-update",
    "--disable-sync",
]
AXE = Path(__file__).parent / "vendor" / "axe.min.js"
ARTIFACTS = Path(__file__).parent / "artifacts"

# Playwright's sync API runs an event loop in this thread; Django's ORM, used by
# the tests' own setup, must be allowed to run beside it.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not CHROMIUM.exists():
        pytest.fail(f"Chromium is missing at {CHROMIUM}: apt-get install chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    """A page in a fresh context that enforces the site's Content-Security-Policy,
    and fails the test on any CSP violation or script error."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on(
        "console",
        lambda message: (
            problems.append(message.text)
            if message.type == "error" and "Content-Security-Policy" in message.text
            else None
        ),
    )
    yield page
    context.close()
    assert problems == []


@pytest.fixture
def axe_page(browser):
    """A page where axe-core can be injected (CSP bypassed for the injected script only)."""
    context = browser.new_context(bypass_csp=True, viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


def axe_violations(page) -> list[str]:
    """Serious and critical accessibility violations on the page, as readable lines."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document)")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def log_in(page, base_url: str, username: str) -> None:
    """Log in as ``username`` (made with tests.conftest.make_user) through the form."""
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("correct horse battery")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def upload_as(page, base_url: str, username: str, name: str, data: bytes) -> None:
    """Log in as ``username`` and upload a CV file; returns on the document's page."""
    log_in(page, base_url, username)
    page.goto(f"{base_url}/upload/")
    page.set_input_files(
        "input[type=file]", files=[{"name": name, "mimeType": "text/plain", "buffer": data}]
    )
    page.get_by_role("button", name="Upload").click()
    page.wait_for_url(re.compile(r".*/documents/\d+/$"))
