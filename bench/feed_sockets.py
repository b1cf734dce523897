"""The feed in a real browser: how many WebSockets a page opens, and how long from navigation to
"Langsung" (every live subject has its snapshot). Prints one JSON object.

Against a running server with demo data (`make run`, or any checkout's server):
    .venv/bin/python bench/feed_sockets.py --url http://127.0.0.1:8000 --loads 10

Needs Debian's chromium (/usr/bin/chromium) and the playwright package (dev dependencies).
"""

from __future__ import annotations

import argparse
import json
import statistics
import time

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
LIVE = "Langsung"


def one_load(browser, url: str, username: str, password: str) -> dict:
    context = browser.new_context(locale="id-ID", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{url}/login/")
    page.locator("#username").fill(username)
    page.locator("#password").fill(password)
    page.locator("#login-submit").click()
    page.wait_for_url(f"{url}/")
    page.goto("about:blank")  # leave the page the sign-in landed on, and its sockets
    opened: list[str] = []
    page.on("websocket", lambda socket: opened.append(socket.url))
    started = time.perf_counter()
    page.goto(f"{url}/")
    status = page.get_by_test_id("live-status")
    status.filter(has_text=LIVE).wait_for(timeout=30_000)
    elapsed_ms = (time.perf_counter() - started) * 1000
    cards = page.locator("[data-testid='idea-card']").count()
    context.close()
    return {"sockets": len(opened), "to_live_ms": elapsed_ms, "cards": cards}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--url", default="http://127.0.0.1:8000")
    parser.add_argument("--username", default="staff1")
    parser.add_argument("--password", default="gagasan-demo")
    parser.add_argument("--loads", type=int, default=10)
    options = parser.parse_args()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        loads = [
            one_load(browser, options.url, options.username, options.password)
            for _ in range(options.loads)
        ]
        browser.close()
    times = sorted(load["to_live_ms"] for load in loads)
    print(
        json.dumps(
            {
                "url": options.url,
                "loads": len(loads),
                "cards": loads[0]["cards"],
                "sockets_per_load": sorted({load["sockets"] for load in loads}),
                "to_live_ms_p50": round(statistics.median(times), 1),
                "to_live_ms_max": round(times[-1], 1),
            }
        )
    )


if __name__ == "__main__":
    main()
