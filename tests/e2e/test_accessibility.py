import pytest

from tests.e2e.conftest import TIMEOUT_MS, expect, shoot, sign_in
from tests.factories import UserFactory, campaign_in_phase, make_idea
from voting.services import vote_cast

pytestmark = pytest.mark.e2e

CONTROLS_WITHOUT_LABEL = """
() => [...document.querySelectorAll('input, select, textarea')]
  .filter((el) => el.type !== 'hidden' && el.labels.length === 0)
  .map((el) => el.id || el.name)
"""


def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_main(page, server_url, staff):
    sign_in(page, server_url, username="staff1")
    expect(page.get_by_test_id("current-user")).to_contain_text("Budi Santoso")

    page.keyboard.press("Tab")
    skip = page.locator("a.skip-link")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    expect(skip).to_have_attribute("href", "#main")

    page.keyboard.press("Enter")
    expect(page.locator("main#main")).to_be_focused()


def test_every_form_control_has_a_label(page, server_url, staff, traffic):
    page.goto(f"{server_url}/login/")
    expect(page.locator("#login-form")).to_be_visible()
    assert page.evaluate(CONTROLS_WITHOUT_LABEL) == []

    sign_in(page, server_url, username="staff1")
    expect(page.locator("#filter-category option[value='traffic']")).to_have_count(1)
    assert page.evaluate(CONTROLS_WITHOUT_LABEL) == []

    page.goto(f"{server_url}/ideas/new/")
    expect(page.locator("#field-category option[value='traffic']")).to_have_count(1)
    assert page.evaluate(CONTROLS_WITHOUT_LABEL) == []

    campaign = campaign_in_phase("voting")
    page.goto(f"{server_url}/leaderboard/")
    expect(page.locator(f"#campaign-select option[value='{campaign.pk}']")).to_have_count(1)
    assert page.evaluate(CONTROLS_WITHOUT_LABEL) == []


def test_pages_fit_a_360_pixel_wide_phone_screen(browser, live_server, staff, traffic):
    idea = make_idea(
        author=staff,
        category=traffic,
        campaign=campaign_in_phase("voting"),
        title="Sensor genangan otomatis di seluruh underpass Jakarta Selatan dan Jakarta Pusat",
    )
    vote_cast(idea_id=idea.pk, voter=UserFactory())  # the leaderboard ranks from the first vote
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True)
    context.set_default_timeout(TIMEOUT_MS)
    try:
        page = context.new_page()
        sign_in(page, live_server.url, username="staff1")
        expect(page.get_by_test_id("idea-card")).to_have_count(1)
        pages = {
            "/": "idea-card",
            "/ideas/new/": "idea-form",
            f"/ideas/{idea.pk}/": "idea-title",
            "/leaderboard/": "leaderboard-row",
        }
        for path, testid in pages.items():
            page.goto(f"{live_server.url}{path}")
            expect(page.get_by_test_id(testid).first).to_be_visible()
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= 360, f"{path} is {width}px wide on a 360px screen"
    finally:
        context.close()


def test_at_390_pixels_the_first_idea_is_on_the_first_screen_and_long_words_wrap(
    browser, live_server, staff, other_staff, traffic
):
    long_url = "https://data.jakarta.go.id/dataset/" + "genangan-banjir-per-rw-" * 12
    idea = make_idea(
        author=other_staff,
        category=traffic,
        campaign=campaign_in_phase("voting"),
        title="Peta genangan " + "x" * 120,
        problem=f"Data genangan ada di {long_url} tetapi tidak dipakai.",
    )
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    context.set_default_timeout(TIMEOUT_MS)
    try:
        page = context.new_page()
        sign_in(page, live_server.url, username="staff1")
        card = page.get_by_test_id("idea-card").first
        expect(card).to_be_visible()
        expect(page.locator("#filter-category")).to_be_hidden()
        assert card.bounding_box()["y"] < 844, "the first idea is below the first screen"
        toggle = page.get_by_test_id("filters-toggle")
        expect(toggle).to_have_attribute("aria-expanded", "false")
        toggle.click()
        expect(page.locator("#filter-category")).to_be_visible()
        expect(toggle).to_have_attribute("aria-expanded", "true")
        page.locator("#filter-category").select_option("traffic")
        expect(toggle).to_contain_text("1 aktif")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        shoot(page, "feed-390")

        page.goto(f"{live_server.url}/ideas/{idea.pk}/")
        expect(page.get_by_test_id("idea-title")).to_be_visible()
        title = page.get_by_test_id("idea-title").bounding_box()
        vote = page.get_by_test_id("vote-button").bounding_box()
        problem = page.get_by_test_id("idea-problem").bounding_box()
        assert vote["y"] < problem["y"], "the vote control comes before the idea's text"
        assert vote["y"] - (title["y"] + title["height"]) < 250
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        shoot(page, "idea-390")
    finally:
        context.close()
