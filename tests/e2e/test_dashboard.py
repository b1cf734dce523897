"""The leadership dashboard (/dasbor/) in a real browser: its charts drawn by Chart.js with the
same numbers in tables (formatted for Indonesian), the filters, live numbers after a vote cast
elsewhere, a wall mode that fits a 1920×1080 screen, a phone's width, and a clear message for
staff. Screenshots go to build/screenshots/dashboard-*.png for review."""

from pathlib import Path

import pytest

from tests.e2e.conftest import TIMEOUT_MS, axe_serious, expect, shoot, sign_in
from tests.factories import UserFactory, campaign_in_phase, make_idea
from voting.services import vote_cast

pytestmark = pytest.mark.e2e

CHART_JS = (
    Path(__file__).resolve().parents[2] / "frontend_static" / "js" / "vendor" / "chart.umd.js"
)


@pytest.fixture(autouse=True)
def _chart_library_built():
    """Chart.js is copied from node_modules by `make vendor` (make test does it first)."""
    if not CHART_JS.exists():
        pytest.fail(f"{CHART_JS} is missing: run `make vendor`", pytrace=False)


CHARTS = ("funnel", "categories", "agencies", "timeline")
CHARTS_DRAWN = """
(names) => names.every((name) => {
  const chart = window.Chart && window.Chart.getChart(document.getElementById(`chart-${name}`));
  return Boolean(chart) && chart.data.datasets.length > 0;
})
"""
STATS = """
async (query) => {
  const response = await fetch(`/api/stats/?${query}`, {headers: {Accept: "application/json"}});
  return {status: response.status, body: await response.json()};
}
"""


def id_number(value, digits: int = 0) -> str:
    """A number as Intl.NumberFormat('id-ID', {maximumFractionDigits}) writes it: 1.234,5."""
    if value is None:
        return "—"
    text = f"{value:,.{digits}f}"
    if digits:
        text = text.rstrip("0").rstrip(".")
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")


def test_id_number_writes_indonesian_numbers():
    assert id_number(1234.5, 1) == "1.234,5"
    assert id_number(3400) == "3.400"
    assert id_number(0.09, 2) == "0,09"
    assert id_number(2.0, 2) == "2"
    assert id_number(None) == "—"


@pytest.fixture
def programme(db, staff, other_staff, leader, traffic, flooding):
    """A campaign in its voting phase: three traffic ideas from Dinas Perhubungan (3,400 staff)
    and one flooding idea from Dinas Sumber Daya Air (1,234 staff), with a few votes."""
    staff.agency.headcount = 3400
    staff.agency.save(update_fields=["headcount"])
    other_staff.agency.headcount = 1234
    other_staff.agency.save(update_fields=["headcount"])
    campaign = campaign_in_phase("voting", title="Jakarta Lancar 2027")
    voters = UserFactory.create_batch(3)
    ideas = [
        make_idea(author=staff, category=traffic, campaign=campaign, title=title)
        for title in (
            "Lampu lalu lintas adaptif di simpang Fatmawati",
            "Jalur sepeda terlindung di Sudirman",
            "Parkir elektronik di Blok M",
        )
    ]
    ideas.append(
        make_idea(
            author=other_staff,
            category=flooding,
            campaign=campaign,
            title="Sensor muka air di Ciliwung",
        )
    )
    for n, idea in enumerate(ideas):
        for voter in voters[: 3 - n]:
            vote_cast(idea_id=idea.pk, voter=voter)
    return {"campaign": campaign, "ideas": ideas}


def open_dashboard(page, url: str, campaign, *, query: str = "") -> None:
    page.goto(f"{url}/dasbor/?campaign={campaign.pk}{query}")
    expect(page.get_by_test_id("dash-body")).to_be_visible()
    page.wait_for_function(CHARTS_DRAWN, arg=list(CHARTS), timeout=TIMEOUT_MS)


def tile(page, key: str):
    return page.get_by_test_id(f"tile-{key}").get_by_test_id("tile-value")


def test_the_dashboard_shows_its_charts_and_their_tables_with_the_apis_numbers(
    asgi_live_server, open_page, programme, traffic, flooding
):
    campaign = programme["campaign"]
    url = asgi_live_server.url
    page = open_page()
    sign_in(page, url, username="pimpinan")
    expect(page.get_by_test_id("nav-dashboard")).to_be_visible()
    open_dashboard(page, url, campaign)

    answer = page.evaluate(STATS, f"campaign={campaign.pk}")
    assert answer["status"] == 200
    stats = answer["body"]
    totals = stats["totals"]
    assert totals["ideas"] == 4 and totals["votes"] == 6  # 3 + 2 + 1 + 0
    expect(tile(page, "ideas")).to_have_text("4")
    expect(tile(page, "votes")).to_have_text("6")
    expect(tile(page, "per-100")).to_have_text(id_number(totals["ideas_per_100"], 2))

    # Each chart is a Chart.js instance holding the API's numbers...
    categories = page.evaluate(
        "() => { const c = Chart.getChart(document.getElementById('chart-categories'));"
        " return c.data.datasets[0].data; }"
    )
    assert categories[:2] == [c["ideas"] for c in stats["categories"]][:2] == [3, 1]
    funnel = page.evaluate(
        "() => Chart.getChart(document.getElementById('chart-funnel')).data.datasets[0].data"
    )
    assert funnel == [f["reached"] for f in stats["funnel"]]
    for name in CHARTS:
        label = page.get_by_test_id(f"chart-{name}").get_attribute("aria-label")
        assert label, f"the {name} chart has no text alternative"

    # ...and the same numbers in its table, behind "View as a table".
    funnel_table = page.get_by_test_id("table-funnel")
    funnel_table.locator("summary").click()
    submitted = funnel_table.locator('[data-testid="funnel-row"][data-status="submitted"]')
    expect(submitted).to_be_visible()
    expect(submitted.get_by_test_id("funnel-reached")).to_have_text(
        id_number(stats["funnel"][0]["reached"])
    )
    category_table = page.get_by_test_id("table-categories")
    category_table.locator("summary").click()
    for row in stats["categories"]:
        cells = category_table.locator(f'[data-testid="category-row"][data-slug="{row["slug"]}"]')
        expect(cells.get_by_test_id("category-ideas")).to_have_text(id_number(row["ideas"]))
        expect(cells.get_by_test_id("category-votes")).to_have_text(id_number(row["votes"]))
    page.get_by_test_id("table-agencies-chart").locator("summary").click()
    page.get_by_test_id("table-timeline").locator("summary").click()

    # The agency ranking, formatted for Indonesian: 3.400 staff, 0,09 ideas per 100.
    dishub = next(a for a in stats["agencies"] if a["agency"]["code"] == "DISHUB")
    assert dishub["headcount"] == 3400
    row = page.locator(f'[data-testid="agency-row"][data-agency="{dishub["agency"]["id"]}"]')
    expect(row.get_by_test_id("agency-headcount")).to_have_text("3.400")
    expect(row.get_by_test_id("agency-per-100")).to_have_text(id_number(dishub["ideas_per_100"], 2))
    assert "," in id_number(dishub["ideas_per_100"], 2)
    dsda = next(a for a in stats["agencies"] if a["agency"]["code"] == "DSDA")
    row = page.locator(f'[data-testid="agency-row"][data-agency="{dsda["agency"]["id"]}"]')
    expect(row.get_by_test_id("agency-headcount")).to_have_text("1.234")

    # The live leaderboards beside them: by support, and (for leadership) by panel and combined.
    votes_board = page.get_by_test_id("board-votes")
    expect(votes_board.get_by_test_id("leaderboard-row")).to_have_count(4)
    expect(votes_board.get_by_test_id("leaderboard-votes").first).to_have_text("3")
    expect(page.get_by_test_id("board-panel")).to_be_visible()
    expect(page.get_by_test_id("board-combined")).to_be_visible()

    assert axe_serious(page) == []
    shoot(page, "dashboard-desktop")

    # A filter, chosen by its label, narrows every number and is kept in the URL.
    page.get_by_label("Kategori", exact=True).select_option("flooding")
    expect(tile(page, "ideas")).to_have_text("1")
    expect(tile(page, "votes")).to_have_text("0")
    assert "category=flooding" in page.url
    page.get_by_test_id("filters-reset").click()
    expect(tile(page, "ideas")).to_have_text("4")
    assert "category=" not in page.url


def test_a_vote_cast_elsewhere_moves_the_live_numbers_without_a_reload(
    asgi_live_server, open_page, programme, flooding
):
    campaign = programme["campaign"]
    quiet = programme["ideas"][3]  # no votes yet
    url = asgi_live_server.url
    watcher, voter = open_page(), open_page()
    sign_in(watcher, url, username="pimpinan")
    sign_in(voter, url, username="staff1")  # not the idea's author
    open_dashboard(watcher, url, campaign)
    expect(tile(watcher, "votes")).to_have_text("6")
    watcher.evaluate("window.__sameDocument = true")

    voter.goto(f"{url}/ideas/{quiet.pk}/")
    expect(voter.get_by_test_id("vote-count")).to_have_text("0")
    voter.get_by_test_id("vote-button").click()
    expect(voter.get_by_test_id("vote-count")).to_have_text("1")

    # The leaderboard socket (/ws/live/) moves the idea's row...
    row = watcher.get_by_test_id("board-votes").locator(
        f'[data-testid="leaderboard-row"][data-idea-id="{quiet.pk}"]'
    )
    expect(row.get_by_test_id("leaderboard-votes")).to_have_text("1")
    # ...and the dashboard socket (/ws/dashboard/) the totals, the charts and their tables.
    expect(tile(watcher, "votes")).to_have_text("7")
    flooding_row = watcher.locator('[data-testid="category-row"][data-slug="flooding"]')
    expect(flooding_row.get_by_test_id("category-votes")).to_have_text("1")
    assert watcher.evaluate("window.__sameDocument") is True
    statuses = {
        s["path"].split("?")[0]: s["status"]
        for s in watcher.evaluate("window.__gagasanLive.sockets")
    }
    assert statuses.get("/ws/dashboard/") == "live", statuses


def test_the_wall_mode_fits_a_1920_by_1080_screen_without_scrolling(
    browser, asgi_live_server, programme
):
    campaign = programme["campaign"]
    context = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="id-ID")
    context.set_default_timeout(TIMEOUT_MS)
    try:
        page = context.new_page()
        sign_in(page, asgi_live_server.url, username="pimpinan")
        open_dashboard(page, asgi_live_server.url, campaign)
        page.get_by_test_id("fullscreen-button").click()
        page.wait_for_function("document.body.classList.contains('is-dash-wall')")
        assert page.evaluate("Boolean(document.fullscreenElement)"), (
            "the Fullscreen API was not used"
        )
        page.wait_for_function(CHARTS_DRAWN, arg=list(CHARTS))
        expect(page.get_by_test_id("board-votes").get_by_test_id("leaderboard-row")).to_have_count(
            4
        )
        expect(page.get_by_test_id("live-status")).to_have_text("Langsung")  # every socket
        page.wait_for_timeout(500)  # the charts' and rows' animations settle
        size = page.evaluate(
            "({height: document.documentElement.scrollHeight,"
            " width: document.documentElement.scrollWidth})"
        )
        assert size["height"] <= 1080, f"the wall is {size['height']}px tall on a 1080px screen"
        assert size["width"] <= 1920, f"the wall is {size['width']}px wide on a 1920px screen"
        # The key parts are on the screen, whole, and drawn at a readable size.
        for testid in [f"chart-{name}" for name in CHARTS] + ["board-votes", "dash-tiles"]:
            box = page.get_by_test_id(testid).bounding_box()
            assert box and box["y"] >= 0 and box["y"] + box["height"] <= 1080, (testid, box)
            if testid != "dash-tiles":
                assert box["height"] >= 120, (testid, box)
        # Filters and the long tables step aside.
        expect(page.get_by_test_id("dash-filters")).to_be_hidden()
        expect(page.get_by_test_id("card-agency-table")).to_be_hidden()
        shoot(page, "dashboard-wall-1920x1080")

        page.get_by_test_id("fullscreen-button").click()
        page.wait_for_function("!document.body.classList.contains('is-dash-wall')")
        expect(page.get_by_test_id("dash-filters")).to_be_visible()
    finally:
        context.close()


def test_the_dashboard_fits_a_phone_390_px_wide(browser, live_server, programme):
    campaign = programme["campaign"]
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="id-ID")
    context.set_default_timeout(TIMEOUT_MS)
    try:
        page = context.new_page()
        sign_in(page, live_server.url, username="pimpinan")
        open_dashboard(page, live_server.url, campaign)
        expect(page.get_by_test_id("board-votes").get_by_test_id("leaderboard-row")).to_have_count(
            4
        )
        for details in page.locator("details.chart-table").all():
            details.locator("summary").click()
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"the page is {width}px wide on a 390px screen"
        assert axe_serious(page) == []
        shoot(page, "dashboard-390")
    finally:
        context.close()


def test_staff_see_that_the_dashboard_is_for_leadership_and_admins(browser, live_server, programme):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)
    context.add_cookies([{"name": "gagasan_lang", "value": "en", "url": live_server.url}])
    try:
        page = context.new_page()
        errors = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        asked = []
        page.on("request", lambda request: asked.append(request.url))
        sign_in(page, live_server.url, username="staff1")
        expect(page.get_by_test_id("nav-feed")).to_be_visible()
        expect(page.get_by_test_id("nav-dashboard")).to_have_count(0)
        page.goto(f"{live_server.url}/dasbor/")
        notice = page.get_by_test_id("dash-no-access")
        expect(notice).to_be_visible()
        expect(notice).to_contain_text("only for leadership and admins")
        expect(page.get_by_test_id("dash-loading")).to_be_hidden()
        expect(page.get_by_test_id("dash-filters")).to_be_hidden()
        expect(page.get_by_test_id("dash-body")).to_be_hidden()
        expect(page.get_by_test_id("fullscreen-button")).to_be_hidden()
        assert not [u for u in asked if "/api/stats/" in u or "/ws/dashboard/" in u]
        assert errors == []
        # The API says the same to anyone who asks it directly.
        answer = page.evaluate(STATS, "")
        assert answer["status"] == 403 and answer["body"]["code"] == "not_leadership"
    finally:
        context.close()
