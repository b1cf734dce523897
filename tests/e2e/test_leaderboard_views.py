"""The leaderboard as leadership and events use it: the ordering by votes, panel or combined for
those who may see panel scores, an empty state for a ranking of zeros, and a wall display that
fits its screen without scrolling."""

import pytest

from tests.e2e.conftest import TIMEOUT_MS, expect, shoot, sign_in
from tests.factories import UserFactory, campaign_in_phase, make_idea
from voting.services import vote_cast

pytestmark = pytest.mark.e2e


@pytest.fixture
def ranked(db, staff, other_staff, traffic):
    campaign = campaign_in_phase("voting", title="Jakarta Lancar 2027")
    voters = UserFactory.create_batch(4)
    ideas = []
    for n in range(12):
        idea = make_idea(
            author=other_staff if n % 2 else staff,
            category=traffic,
            campaign=campaign,
            title=f"Gagasan lalu lintas nomor {n + 1} untuk simpang padat di Jakarta Selatan",
        )
        for voter in voters[: n % 5]:
            vote_cast(idea_id=idea.pk, voter=voter)
        ideas.append(idea)
    return campaign


@pytest.mark.parametrize("size", [(1920, 1080), (1366, 768)])
def test_the_wall_fits_its_screen_without_scrolling(browser, live_server, ranked, size):
    width, height = size
    context = browser.new_context(viewport={"width": width, "height": height})
    context.set_default_timeout(TIMEOUT_MS)
    try:
        page = context.new_page()
        sign_in(page, live_server.url, username="staff1")
        page.goto(f"{live_server.url}/leaderboard/?campaign={ranked.pk}&display=wall")
        rows = page.get_by_test_id("leaderboard-row")
        expect(rows).to_have_count(10)
        page.wait_for_timeout(300)  # rows settle into place
        scroll = page.evaluate("document.documentElement.scrollHeight")
        assert scroll <= height, f"the wall is {scroll}px tall on a {height}px screen"
        last = rows.nth(9).bounding_box()
        assert last["y"] + last["height"] <= height
        shoot(page, f"wall-{width}x{height}")
    finally:
        context.close()


def test_leadership_orders_by_panel_or_combined_and_staff_are_not_offered_it(
    page, server_url, ranked, leader, staff
):
    sign_in(page, server_url, username="staff1")
    page.goto(f"{server_url}/leaderboard/?campaign={ranked.pk}")
    expect(page.get_by_test_id("leaderboard-row").first).to_be_visible()
    expect(page.get_by_test_id("by-select")).to_be_hidden()
    page.get_by_test_id("signout").click()
    page.wait_for_url(f"{server_url}/login/")

    sign_in(page, server_url, username="pimpinan")
    page.goto(f"{server_url}/leaderboard/?campaign={ranked.pk}")
    by = page.get_by_test_id("by-select")
    expect(by).to_be_visible()
    by.select_option("panel")
    # No review yet: a ranking of nothing but empty scores says so instead of a table of blanks.
    expect(page.get_by_test_id("leaderboard-empty")).to_be_visible()
    expect(page.get_by_test_id("leaderboard-empty")).to_contain_text("skor panel")
    assert "by=panel" in page.url
    by.select_option("votes")
    expect(page.get_by_test_id("leaderboard-row").first).to_be_visible()


def test_a_ranking_of_zeros_shows_an_empty_state(page, server_url, staff, traffic):
    campaign = campaign_in_phase("voting", title="Tantangan baru")
    make_idea(author=staff, category=traffic, campaign=campaign)
    sign_in(page, server_url, username="staff1")
    page.goto(f"{server_url}/leaderboard/?campaign={campaign.pk}")
    expect(page.get_by_test_id("leaderboard-empty")).to_be_visible()
    expect(page.get_by_test_id("leaderboard-empty")).to_contain_text("Belum ada dukungan")
    expect(page.get_by_test_id("leaderboard")).to_be_hidden()
