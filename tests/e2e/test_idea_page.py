from datetime import UTC, datetime

import pytest
from django.utils import timezone, translation

from ideas.models import Campaign, Comment
from tests.e2e.conftest import expect, sign_in
from tests.factories import RegionFactory, campaign_in_phase, make_idea
from voting.models import Vote

pytestmark = pytest.mark.e2e


def test_staff_upvotes_a_colleagues_idea_and_withdraws_the_vote(
    page, server_url, staff, other_staff, traffic
):
    idea = make_idea(author=other_staff, category=traffic, title="Lampu lalu lintas adaptif")

    sign_in(page, server_url, username="staff1")
    page.goto(f"{server_url}/ideas/{idea.pk}/")
    button = page.get_by_test_id("vote-button")
    count = page.get_by_test_id("vote-count")
    expect(count).to_have_text("0")
    expect(button).to_have_attribute("aria-pressed", "false")

    # The page shows the vote at once (optimistic); the server's answer then confirms it.
    with page.expect_response(f"**/api/ideas/{idea.pk}/vote/") as answer:
        button.click()
    assert answer.value.status == 200
    expect(button).to_have_attribute("aria-pressed", "true")
    expect(count).to_have_text("1")
    assert Vote.objects.filter(idea=idea, voter=staff).count() == 1

    # A reload shows the vote the server holds, not a client-side memory of it.
    page.reload()
    expect(page.get_by_test_id("vote-button")).to_have_attribute("aria-pressed", "true")
    expect(page.get_by_test_id("vote-count")).to_have_text("1")

    with page.expect_response(f"**/api/ideas/{idea.pk}/vote/") as answer:
        page.get_by_test_id("vote-button").click()
    assert answer.value.status == 200
    expect(page.get_by_test_id("vote-button")).to_have_attribute("aria-pressed", "false")
    expect(page.get_by_test_id("vote-count")).to_have_text("0")
    assert not Vote.objects.filter(idea=idea).exists()


def test_the_vote_control_says_why_it_is_disabled_and_what_a_press_did(
    page, server_url, staff, other_staff, traffic
):
    mine = make_idea(author=staff, category=traffic, title="Ide saya sendiri")
    theirs = make_idea(author=other_staff, category=traffic, title="Ide rekan")
    draft = make_idea(author=staff, category=traffic, title="Draf saya", draft=True)
    sign_in(page, server_url, username="staff1")

    for idea, reason in (
        (mine, "Ini gagasan Anda sendiri."),
        (draft, "Draf belum dapat didukung."),
    ):
        page.goto(f"{server_url}/ideas/{idea.pk}/")
        expect(page.get_by_test_id("vote-button")).to_be_disabled()
        expect(page.get_by_test_id("vote-message")).to_have_text(reason)
        expect(page.get_by_test_id("vote-button")).to_have_attribute("aria-pressed", "false")

    page.goto(f"{server_url}/ideas/{theirs.pk}/")
    button = page.get_by_test_id("vote-button")
    expect(button).to_be_enabled()
    expect(page.get_by_test_id("vote-button-label")).to_have_text("Dukung")
    button.click()
    expect(button).to_have_attribute("aria-pressed", "true")
    expect(page.get_by_test_id("vote-button-label")).to_have_text("Didukung ✓")
    assert not Vote.objects.filter(idea__in=[mine, draft]).exists()


def test_a_vote_refused_after_the_page_loaded_rolls_back_with_the_servers_reason(
    page, server_url, staff, other_staff, traffic
):
    campaign = campaign_in_phase("voting")
    idea = make_idea(author=other_staff, category=traffic, campaign=campaign)
    with translation.override("id"):
        reason = translation.gettext("Voting for this campaign is not open.")

    sign_in(page, server_url, username="staff1")
    page.goto(f"{server_url}/ideas/{idea.pk}/")
    expect(page.get_by_test_id("vote-button")).to_be_enabled()
    # Voting closes while the page is open: the click is refused, and the page says why.
    Campaign.objects.filter(pk=campaign.pk).update(
        voting_closes=timezone.now(), review_opens=timezone.now()
    )
    page.get_by_test_id("vote-button").click()

    expect(page.get_by_test_id("vote-message")).to_have_text(reason)
    expect(page.get_by_test_id("vote-button")).to_have_attribute("aria-pressed", "false")
    expect(page.get_by_test_id("vote-count")).to_have_text("0")
    assert not Vote.objects.exists()


def test_idea_page_shows_the_idea_and_its_date_in_the_chosen_language_on_jakarta_time(
    page, server_url, staff, other_staff, traffic
):
    # 20:30 UTC on 5 March is 03:30 on 6 March in Jakarta.
    idea = make_idea(
        author=other_staff,
        co_authors=[staff],
        category=traffic,
        title="Sensor genangan di underpass",
        expected_impact="Tidak ada lagi kendaraan mogok di underpass.",
        submitted_at=datetime(2025, 3, 5, 20, 30, tzinfo=UTC),
    )

    sign_in(page, server_url, username="staff1")
    page.goto(f"{server_url}/ideas/{idea.pk}/")
    expect(page.get_by_test_id("idea-title")).to_have_text("Sensor genangan di underpass")
    expect(page.get_by_test_id("idea-impact")).to_have_text(
        "Tidak ada lagi kendaraan mogok di underpass."
    )
    expect(page.get_by_test_id("idea-author")).to_have_text(
        "Siti Rahmawati (Dinas Sumber Daya Air)"
    )
    expect(page.get_by_test_id("idea-co-authors")).to_have_text("Budi Santoso (Dinas Perhubungan)")
    expect(page.get_by_test_id("idea-status")).to_have_text("Diajukan")
    created = page.get_by_test_id("idea-created-time")
    expect(created).to_contain_text("6 Maret 2025")
    expect(created).to_contain_text("03.30")

    page.get_by_test_id("lang-switch").click()
    expect(created).to_contain_text("6 March 2025")
    expect(created).to_contain_text("03:30")
    expect(page.get_by_test_id("idea-status")).to_have_text("Submitted")
    expect(page.get_by_test_id("idea-category")).to_have_text("Traffic")


def test_a_comment_with_markup_is_posted_and_shown_as_plain_text(
    page, server_url, staff, other_staff, traffic
):
    idea = make_idea(author=other_staff, category=traffic)
    body = '<b>Setuju</b> <img src="x" onerror="window.__pwned = 1"> ide bagus'

    sign_in(page, server_url, username="staff1")
    page.goto(f"{server_url}/ideas/{idea.pk}/")
    expect(page.get_by_test_id("comments-empty")).to_be_visible()
    page.locator("#comment-body").fill(body)
    page.get_by_test_id("comment-submit").click()

    comment_body = page.get_by_test_id("comment").get_by_test_id("comment-body")
    expect(comment_body).to_have_text(body)
    expect(comment_body.locator("b, img")).to_have_count(0)
    expect(page.get_by_test_id("comment-count")).to_have_text("1")
    expect(page.locator("#comment-body")).to_have_value("")
    assert page.evaluate("window.__pwned") is None
    assert Comment.objects.get(idea=idea).body == body

    page.reload()
    expect(page.get_by_test_id("comment").get_by_test_id("comment-body")).to_have_text(body)
    assert page.evaluate("window.__pwned") is None


def test_an_unknown_idea_shows_a_friendly_not_found_message(page, server_url, staff):
    sign_in(page, server_url, username="staff1")
    page.goto(f"{server_url}/ideas/999999/")

    expect(page.get_by_test_id("idea-not-found")).to_be_visible()
    expect(page.get_by_test_id("idea-not-found")).to_contain_text("Ide tidak ditemukan")
    expect(page.get_by_test_id("idea")).to_be_hidden()


def test_the_pages_name_a_region_and_a_challenge_as_jakarta_does(page, server_url, staff, traffic):
    city = RegionFactory(code="31.71", name="Jakarta Pusat", kind="kota")
    senen = RegionFactory(code="31.71.05", name="Senen", kind="kecamatan", parent=city)
    idea = make_idea(
        author=staff, category=traffic, region=senen, campaign=campaign_in_phase("submission")
    )
    sign_in(page, server_url, username="staff1")
    page.goto(f"{server_url}/ideas/{idea.pk}/")
    expect(page.get_by_test_id("idea-region")).to_have_text("Kecamatan Senen")

    for path in ("/", "/ideas/new/", "/leaderboard/"):
        page.goto(f"{server_url}{path}")
        page.wait_for_load_state("networkidle")
        text = page.locator("body").inner_text()
        assert "ampanye" not in text, path
    page.goto(f"{server_url}/ideas/new/")
    expect(page.get_by_label("Tantangan Inovasi")).to_be_visible()
    expect(page.locator("#field-region option", has_text="Kecamatan Senen")).to_have_count(1)
