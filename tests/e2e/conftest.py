"""Real-browser fixtures: Debian's Chromium driven by Playwright's sync API.

Without /usr/bin/chromium (or without Playwright) these tests are skipped, unless
GAGASAN_REQUIRE_BROWSER=1 asks for them to fail instead, as CI should.

`live_server` (pytest-django's, WSGI) serves the pages and the API; tests of live updates use
`asgi_live_server` instead: uvicorn running backend.asgi in a thread, sockets included. Both
leave the static files to WhiteNoise, which serves the collected, hashed names as production
does (pytest-django's own static handler looks the source names up and would answer 404).
"""

import asyncio
import copy
import json
import os
import socket
import threading
import time
import uuid
from pathlib import Path

import pytest
from asgiref.sync import sync_to_async
from django.db import connections

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


@pytest.fixture(autouse=True)
def _private_redis_keys(settings):
    """Test runs may share one Redis (CI beside a developer, two developers): keys of this
    test's own keep another run's throttle counters and live messages (same user and idea ids,
    other database) out of this one."""
    tag = uuid.uuid4().hex[:12]
    caches = copy.deepcopy(settings.CACHES)
    if "redis" in caches["default"]["BACKEND"].lower():
        caches["default"]["KEY_PREFIX"] = f"gagasan-e2e-{tag}"
        settings.CACHES = caches
    layers = copy.deepcopy(settings.CHANNEL_LAYERS)
    if "redis" in layers["default"]["BACKEND"].lower():
        layers["default"].setdefault("CONFIG", {})["prefix"] = f"asgi-e2e-{tag}"
        settings.CHANNEL_LAYERS = layers


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


def _no_static_handler(handler):
    return handler


@pytest.fixture(scope="session")
def live_server(request):
    """pytest-django's live server (same name, so its settings helper still applies), with the
    static files served by WhiteNoise from STATIC_ROOT."""
    from pytest_django.live_server_helper import LiveServer

    addr = request.config.getvalue("liveserver") or os.getenv(
        "DJANGO_LIVE_TEST_SERVER_ADDRESS", "localhost"
    )
    server = LiveServer(addr, start=False)
    server.thread.static_handler = _no_static_handler
    server.start()
    yield server
    server.stop()


def _is_failure(response) -> bool:
    """A server error, or a static file that is not there (a module or style missing)."""
    return response.status >= 500 or (response.status >= 400 and "/static/" in response.url)


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
            _is_failure(response)
            and errors.append(f"{response.status} from {response.request.method} {response.url}")
        ),
    )
    yield page
    assert not errors, f"errors behind the page: {errors}"


@pytest.fixture
def server_url(live_server) -> str:
    return live_server.url


SCREENSHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"
# axe-core from npm (package-lock.json), installed by `make test` with the linter: test-time only,
# injected into the page under test, never served.
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
AXE_FINDINGS = """
async () => (await axe.run(document, {resultTypes: ["violations"]})).violations.map((v) => ({
  id: v.id, impact: v.impact, help: v.help,
  nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ")),
}))
"""


def axe_serious(page) -> list[dict]:
    """axe-core's serious and critical violations on the page as it stands."""
    if not AXE.exists():
        if os.environ.get("GAGASAN_REQUIRE_NODE") == "1":
            pytest.fail(f"{AXE} is missing: npm ci (GAGASAN_REQUIRE_NODE=1)", pytrace=False)
        pytest.skip("axe-core is not installed (npm ci): Node.js is needed for this check")
    page.add_script_tag(path=str(AXE))
    found = page.evaluate(AXE_FINDINGS)
    return [v for v in found if v["impact"] in ("serious", "critical")]


def shoot(page, name: str) -> None:
    """Keep a screenshot of the page for review (build/screenshots/<name>.png, git-ignored)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def sign_in(page, server_url: str, *, username: str, password: str = PASSWORD) -> None:
    """Sign in through the sign-in page and wait to land on the feed."""
    page.goto(f"{server_url}/login/")
    page.locator("#username").fill(username)
    page.locator("#password").fill(password)
    page.locator("#login-submit").click()
    page.wait_for_url(f"{server_url}/")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _close_connections(fn, *args, **kwargs):
    try:
        return fn(*args, **kwargs)
    finally:
        connections.close_all()


class AsgiLiveServer:
    """backend.asgi served by uvicorn in a background thread: HTTP and WebSockets as in
    production, static files as pytest-django's live server serves them. It can be stopped and
    started again on the same port (a dropped network, a restarted worker)."""

    host = "127.0.0.1"
    START_TIMEOUT = 10.0
    STOP_TIMEOUT = 10.0

    def __init__(self, app):
        self.app = app
        self.port = _free_port()
        self.server = None
        self.thread = None
        self.loop = None
        self.failure = None

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def start(self) -> None:
        import uvicorn

        config = uvicorn.Config(
            self.app,
            host=self.host,
            port=self.port,
            loop="asyncio",
            lifespan="off",
            ws_per_message_deflate=False,
            log_level="warning",
            access_log=False,
            timeout_graceful_shutdown=3,
        )
        self.server = uvicorn.Server(config)
        self.failure = None
        self.thread = threading.Thread(target=self._serve, name="asgi-live-server", daemon=True)
        self.thread.start()
        deadline = time.monotonic() + self.START_TIMEOUT
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"uvicorn did not start on {self.url}: {self.failure!r}")
            time.sleep(0.02)

    def _serve(self) -> None:
        # Signals are the main thread's; uvicorn leaves them alone in any other thread.
        async def serve():
            self.loop = asyncio.get_running_loop()
            await self.server.serve()

        try:
            asyncio.run(serve())
        except BaseException as exc:  # noqa: BLE001 - reported by start()
            self.failure = exc

    def stop(self) -> None:
        """Close every connection (sockets get 1012, as in a restart) and wait for the thread."""
        if self.server is None:
            return
        self.server.should_exit = True
        self.thread.join(self.STOP_TIMEOUT)
        if self.thread.is_alive():
            self.server.force_exit = True
            self.thread.join(self.STOP_TIMEOUT)
        self.server = None
        self.loop = None

    def call(self, fn, *args, **kwargs):
        """Run a sync function the way a request does: in a worker thread of the server's event
        loop, with database access allowed there. Whatever it publishes after commit reaches the
        server's sockets through the same channel layer (in memory or Redis)."""
        call = sync_to_async(_close_connections, thread_sensitive=False)
        future = asyncio.run_coroutine_threadsafe(call(fn, *args, **kwargs), self.loop)
        return future.result(timeout=TIMEOUT_MS / 1000)


def call_in_thread(fn, *args, **kwargs):
    """Run a sync function in a plain thread of its own (outside Playwright's event loop), for
    database writes while the server is down."""
    outcome = {}

    def run():
        try:
            outcome["value"] = _close_connections(fn, *args, **kwargs)
        except BaseException as exc:  # noqa: BLE001 - re-raised below
            outcome["error"] = exc

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(TIMEOUT_MS / 1000)
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("value")


@pytest.fixture
def asgi_live_server(transactional_db, settings):
    """A real ASGI server for this test (pytest-django's live_server is WSGI: no sockets).
    WhiteNoise serves the collected, hashed static files, as in production."""
    from backend.asgi import application

    server = AsgiLiveServer(application)
    settings.WEBSOCKET_ALLOWED_ORIGINS = [*settings.WEBSOCKET_ALLOWED_ORIGINS, server.url]
    server.start()
    yield server
    server.stop()


# Short reconnect delays for tests that cut the connection (live.js reads them at start).
FAST_RECONNECT = {"baseMs": 100, "capMs": 1000}


@pytest.fixture
def open_page(browser):
    """Pages, each in a fresh browser profile of its own (one per person). Any uncaught script
    error or server error (5xx) behind any of them fails the test."""
    contexts = []
    errors: list[str] = []

    def open_page(*, live_config: dict | None = None):
        context = browser.new_context(
            viewport={"width": 1280, "height": 900},
            locale="id-ID",
            timezone_id="Asia/Jakarta",
        )
        context.set_default_timeout(TIMEOUT_MS)
        if live_config is not None:
            context.add_init_script(f"window.__gagasanLiveConfig = {json.dumps(live_config)};")
        contexts.append(context)
        page = context.new_page()
        page.on("pageerror", lambda exc: errors.append(f"script error: {exc}"))
        page.on(
            "response",
            lambda response: (
                _is_failure(response)
                and errors.append(
                    f"{response.status} from {response.request.method} {response.url}"
                )
            ),
        )
        return page

    yield open_page
    for context in contexts:
        context.close()
    assert not errors, f"errors behind the pages: {errors}"


# True once the page's own /ws/notifications/ socket is live (wait for it before acting).
NOTIFICATIONS_LIVE = """
() => window.__gagasanLive.sockets.some(
  (s) => s.path === '/ws/notifications/' && s.status === 'live')
"""
