"""Real-browser fixtures: Debian's Chromium driven by Playwright's sync API.

Without /usr/bin/chromium (or without Playwright) these tests are skipped, unless
GAGASAN_REQUIRE_BROWSER=1 asks for them to fail instead, as CI should.
"""

import os
from pathlib import Path

import pytest

from tests.factories import PASSWORD

try:
    from playwright.sync_api import expect
except ImportError:  # reported by the browser fixture
    expect = None

# Playwright's sync API runs an event loop in the test thread; Django would otherwise refuse
# the ORM calls the tests make between browser steps.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
TIMEOUT_MS = 10_000
if expect is not None:
    # Generous for a loaded machine; a passing step takes milliseconds.
    expect.set_options(timeout=TIMEOUT_MS)


def _unavailable(reason: str):
    if os.environ.get("GAGASAN_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason} (GAGASAN_REQUIRE_BROWSER=1 makes this a failure)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser():
    """One Chromium per test module. Module scope, not session: while Playwright is running it
    owns the thread's event loop, which async tests elsewhere in the suite need."""
    if not CHROMIUM.exists():
        _unavailable(f"{CHROMIUM} is missing: install Debian's chromium to run the browser tests")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("playwright is not installed: pip install -e '.[dev]'")
    playwright = sync_playwright().start()
    try:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
    except Exception as exc:
        playwright.stop()
        _unavailable(f"Chromium did not start: {exc}")
    yield browser
    browser.close()
    playwright.stop()


@pytest.fixture
def context(browser):
    """A fresh browser profile per test: no cookies, no storage, a desktop-sized window."""
    context = browser.new_context(
        viewport={"width": 1280, "height": 900},
        locale="id-ID",
        timezone_id="Asia/Jakarta",
    )
    context.set_default_timeout(TIMEOUT_MS)
    yield context
    context.close()


@pytest.fixture
def page(context, live_server, transactional_db):
    """A page on the live server that fails the test on any uncaught script error or any
    server error (5xx) behind it."""
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(f"script error: {exc}"))
    page.on(
        "response",
        lambda response: (
            response.status >= 500
            and errors.append(f"{response.status} from {response.request.method} {response.url}")
        ),
    )
    yield page
    assert not errors, f"errors behind the page: {errors}"


@pytest.fixture
def server_url(live_server) -> str:
    return live_server.url


def sign_in(page, server_url: str, *, username: str, password: str = PASSWORD) -> None:
    """Sign in through the sign-in page and wait to land on the feed."""
    page.goto(f"{server_url}/login/")
    page.locator("#username").fill(username)
    page.locator("#password").fill(password)
    page.locator("#login-submit").click()
    page.wait_for_url(f"{server_url}/")
