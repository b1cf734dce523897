"""Accessibility proven, not assumed: axe-core runs on every page and role, in both languages
and at both widths, and finds no serious or critical violation."""

import pytest

from tests.e2e.conftest import TIMEOUT_MS, axe_serious, expect, sign_in
from tests.factories import UserFactory, campaign_in_phase, make_idea
from voting.services import vote_cast

pytestmark = pytest.mark.e2e

WIDTHS = {"desktop": (1280, 900), "phone": (390, 844)}


@pytest.fixture
def programme(db, staff, other_staff, admin_user, leader, traffic):
    campaign = campaign_in_phase("voting", title="Jakarta Lancar 2027")
    mine = make_idea(author=staff, category=traffic, campaign=campaign, title="Ide Budi")
    theirs = make_idea(author=other_staff, category=traffic, campaign=campaign, title="Ide Siti")
    draft = make_idea(author=staff, category=traffic, title="Draf Budi", draft=True)
    UserFactory(username="penilai1", full_name="Rina Wulandari", roles=["reviewer"])
    vote_cast(idea_id=theirs.pk, voter=staff)
    return {"mine": mine, "theirs": theirs, "draft": draft}


def pages_of(programme) -> dict[str, list[tuple[str, str]]]:
    """Per account: (path, a test id that shows the page has drawn its data)."""
    mine, theirs, draft = programme["mine"], programme["theirs"], programme["draft"]
    return {
        "staff1": [
            ("/", "idea-card"),
            (f"/ideas/{mine.pk}/", "idea-title"),
            (f"/ideas/{theirs.pk}/", "idea-title"),
            (f"/ideas/{draft.pk}/", "author-actions"),
            ("/ideas/new/", "idea-form"),
            (f"/ideas/{draft.pk}/edit/", "idea-form"),
            ("/saya/", "mine-idea"),
            ("/leaderboard/", "leaderboard-row"),
            ("/dasbor/", "dash-no-access"),
        ],
        "admin": [
            ("/kelola/", "console-idea-search"),
            ("/panel/", None),
            (f"/ideas/{theirs.pk}/", "idea-title"),
        ],
        "pimpinan": [
            ("/leaderboard/", "leaderboard-row"),
            ("/panel/", None),
            ("/dasbor/", "tile-value"),
        ],
        "penilai1": [("/reviews/", None)],
    }


@pytest.mark.parametrize("width", sorted(WIDTHS))
@pytest.mark.parametrize("language", ["id", "en"])
def test_no_serious_violation_on_any_page_role_language_or_width(
    browser, live_server, programme, language, width
):
    found = {}
    viewport_width, height = WIDTHS[width]
    for username, pages in pages_of(programme).items():
        context = browser.new_context(viewport={"width": viewport_width, "height": height})
        context.set_default_timeout(TIMEOUT_MS)
        try:
            context.add_cookies(
                [{"name": "gagasan_lang", "value": language, "url": live_server.url}]
            )
            page = context.new_page()
            page.goto(f"{live_server.url}/login/")
            found[(username, "/login/")] = axe_serious(page)
            sign_in(page, live_server.url, username=username)
            for path, ready in pages:
                page.goto(f"{live_server.url}{path}")
                if ready:
                    expect(page.get_by_test_id(ready).first).to_be_attached()
                page.wait_for_load_state("networkidle")
                found[(username, path)] = axe_serious(page)
        finally:
            context.close()
    failing = {key: value for key, value in found.items() if value}
    assert not failing, failing


def test_the_check_finds_a_violation_when_there_is_one(page, server_url):
    """The check above can fail: a button without a name is a critical violation."""
    page.goto(f"{server_url}/login/")
    page.evaluate("document.querySelector('main').append(document.createElement('button'))")
    assert "button-name" in {v["id"] for v in axe_serious(page)}
