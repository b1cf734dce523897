"""Live updates in a real browser against a real ASGI server (uvicorn, sockets included)."""

import re

import pytest

from ideas import services as idea_services
from tests.e2e.conftest import (
    FAST_RECONNECT,
    NOTIFICATIONS_LIVE,
    TIMEOUT_MS,
    call_in_thread,
    expect,
    sign_in,
)
from tests.factories import UserFactory, campaign_in_phase, make_idea
from voting.models import Vote
from voting.services import vote_cast

pytestmark = pytest.mark.e2e

LIVE = "Langsung"
RECONNECTING = "Menyambung ulang…"


def open_idea(page, url: str, idea) -> None:
    """Open the idea page and wait until its socket has delivered the snapshot."""
    page.goto(f"{url}/ideas/{idea.pk}/")
    expect(page.get_by_test_id("idea-title")).to_have_text(idea.title)
    expect(page.get_by_test_id("live-status")).to_have_text(LIVE)
    # Anything seen from now on came without a reload.
    page.evaluate("window.__sameDocument = true")


def assert_not_reloaded(page) -> None:
    assert page.evaluate("window.__sameDocument") is True


def test_a_vote_on_one_persons_page_shows_up_live_on_another_persons_page(
    asgi_live_server, open_page, staff, other_staff, traffic
):
    idea = make_idea(author=UserFactory(), category=traffic, title="Lampu lalu lintas adaptif")
    url = asgi_live_server.url
    voter, watcher = open_page(), open_page()
    sign_in(voter, url, username="staff1")
    sign_in(watcher, url, username="staff2")
    open_idea(voter, url, idea)
    open_idea(watcher, url, idea)
    expect(watcher.get_by_test_id("vote-count")).to_have_text("0")

    voter.get_by_test_id("vote-button").click()

    expect(voter.get_by_test_id("vote-button")).to_have_attribute("aria-pressed", "true")
    expect(voter.get_by_test_id("vote-count")).to_have_text("1")
    expect(watcher.get_by_test_id("vote-count")).to_have_text("1")
    # The watcher's own button stays theirs: not pressed.
    expect(watcher.get_by_test_id("vote-button")).to_have_attribute("aria-pressed", "false")
    assert list(Vote.objects.filter(idea=idea).values_list("voter__username", flat=True)) == [
        "staff1"
    ]

    # A second voter, then the first one withdraws: every page follows the absolute count.
    watcher.get_by_test_id("vote-button").click()
    expect(voter.get_by_test_id("vote-count")).to_have_text("2")
    voter.get_by_test_id("vote-button").click()
    expect(voter.get_by_test_id("vote-button")).to_have_attribute("aria-pressed", "false")
    expect(watcher.get_by_test_id("vote-count")).to_have_text("1")
    expect(voter.get_by_test_id("vote-count")).to_have_text("1")
    expect(watcher.get_by_test_id("vote-button")).to_have_attribute("aria-pressed", "true")
    assert_not_reloaded(voter)
    assert_not_reloaded(watcher)


def test_a_comment_appears_live_on_another_persons_page_and_once_on_the_authors(
    asgi_live_server, open_page, staff, other_staff, traffic
):
    idea = make_idea(author=UserFactory(), category=traffic)
    url = asgi_live_server.url
    writer, reader = open_page(), open_page()
    sign_in(writer, url, username="staff1")
    sign_in(reader, url, username="staff2")
    open_idea(writer, url, idea)
    open_idea(reader, url, idea)
    expect(reader.get_by_test_id("comments-empty")).to_be_visible()

    body = "Setuju, <b>mulai</b> dari simpang Fatmawati."
    writer.locator("#comment-body").fill(body)
    writer.get_by_test_id("comment-submit").click()

    reader_comment = reader.get_by_test_id("comment")
    expect(reader_comment).to_have_count(1)
    expect(reader_comment.get_by_test_id("comment-body")).to_have_text(body)
    expect(reader_comment).to_contain_text("Budi Santoso")
    expect(reader.get_by_test_id("comment-count")).to_have_text("1")
    expect(reader.get_by_test_id("comments-empty")).to_be_hidden()
    # The writer's page got it twice (its POST's answer and the socket) and shows it once.
    expect(writer.get_by_test_id("comment")).to_have_count(1)
    expect(writer.get_by_test_id("comment-count")).to_have_text("1")
    expect(writer.locator("#comment-body")).to_have_value("")
    writer.wait_for_timeout(300)  # room for a late duplicate to show up, if it were going to
    expect(writer.get_by_test_id("comment")).to_have_count(1)
    expect(writer.get_by_test_id("comment-count")).to_have_text("1")
    assert_not_reloaded(reader)


def test_a_status_change_updates_the_badge_live(asgi_live_server, open_page, staff, traffic):
    admin = UserFactory(roles=["admin"])
    idea = make_idea(author=UserFactory(), category=traffic)
    url = asgi_live_server.url
    page = open_page()
    sign_in(page, url, username="staff1")
    open_idea(page, url, idea)
    expect(page.get_by_test_id("status-badge")).to_have_text("Diajukan")

    asgi_live_server.call(
        idea_services.idea_status_change, idea_id=idea.pk, to_status="in_review", changed_by=admin
    )

    expect(page.get_by_test_id("status-badge")).to_have_text("Sedang ditinjau")
    expect(page.get_by_test_id("idea-status")).to_have_text("Sedang ditinjau")
    assert_not_reloaded(page)


def test_authors_are_told_of_their_ideas_status_and_of_comments_by_others(
    asgi_live_server, open_page, staff, other_staff, traffic
):
    admin = UserFactory(roles=["admin"])
    idea = make_idea(author=staff, category=traffic, title="Halte pintar berbasis sensor")
    url = asgi_live_server.url
    page = open_page()
    sign_in(page, url, username="staff1")  # the author, on the feed
    page.wait_for_function(NOTIFICATIONS_LIVE, timeout=TIMEOUT_MS)

    asgi_live_server.call(
        idea_services.idea_status_change, idea_id=idea.pk, to_status="in_review", changed_by=admin
    )
    toast = page.get_by_test_id("toast")
    expect(toast).to_contain_text(
        "Ide Anda “Halte pintar berbasis sensor” kini berstatus “Sedang ditinjau”."
    )
    expect(toast.get_by_role("link")).to_have_attribute("href", f"/ideas/{idea.pk}/")

    comment = asgi_live_server.call(
        idea_services.comment_create, idea=idea, author=other_staff, body="Bagus, lanjutkan!"
    )
    expect(toast.last).to_contain_text(
        "Komentar baru pada ide Anda “Halte pintar berbasis sensor”."
    )
    expect(toast.last.get_by_role("link")).to_have_attribute(
        "href", f"/ideas/{idea.pk}/#comment-{comment.pk}"
    )
    # One's own comment tells nobody but the co-authors.
    asgi_live_server.call(
        idea_services.comment_create, idea=idea, author=staff, body="Terima kasih."
    )
    page.wait_for_timeout(500)
    expect(toast).to_have_count(2)


def test_after_the_connection_drops_the_page_reconnects_and_resyncs_from_the_snapshot(
    asgi_live_server, open_page, staff, other_staff, traffic
):
    idea = make_idea(author=UserFactory(), category=traffic)
    third = UserFactory()
    url = asgi_live_server.url
    page = open_page(live_config=FAST_RECONNECT)
    sign_in(page, url, username="staff1")
    open_idea(page, url, idea)
    count = page.get_by_test_id("vote-count")
    status = page.get_by_test_id("live-status")
    expect(count).to_have_text("0")
    expect(status).to_have_attribute("aria-live", "polite")

    # The server goes away; a vote lands while no socket is there to hear about it.
    asgi_live_server.stop()
    expect(status).to_have_text(RECONNECTING)
    call_in_thread(vote_cast, idea_id=idea.pk, voter=other_staff)
    page.wait_for_timeout(500)  # several attempts fail meanwhile
    expect(count).to_have_text("0")

    asgi_live_server.start()
    expect(status).to_have_text(LIVE)
    expect(count).to_have_text("1")

    # The new socket listens too, and a drop of the socket alone is healed the same way.
    # The idea's own socket (the header's notifications socket is another subject).
    assert page.evaluate("window.__gagasanLive.drop('/ws/ideas/')") == 1
    asgi_live_server.call(vote_cast, idea_id=idea.pk, voter=third)
    expect(count).to_have_text("2")
    expect(status).to_have_text(LIVE)
    asgi_live_server.call(vote_cast, idea_id=idea.pk, voter=UserFactory())
    expect(count).to_have_text("3")
    assert_not_reloaded(page)


def test_the_upvote_flips_at_once_and_rolls_back_when_the_server_throttles_it(
    asgi_live_server, open_page, staff, traffic
):
    idea = make_idea(author=UserFactory(), category=traffic)
    url = asgi_live_server.url
    page = open_page()
    sign_in(page, url, username="staff1")
    open_idea(page, url, idea)
    held = []
    page.route(f"**/api/ideas/{idea.pk}/vote/", lambda route: held.append(route))
    button = page.get_by_test_id("vote-button")

    button.click()
    # No answer yet: the page already shows the vote.
    expect(button).to_have_attribute("aria-pressed", "true")
    expect(page.get_by_test_id("vote-count")).to_have_text("1")
    assert len(held) == 1

    held[0].fulfill(
        status=429,
        headers={"Retry-After": "42", "Content-Type": "application/json"},
        body='{"detail": "Request was throttled."}',
    )
    expect(button).to_have_attribute("aria-pressed", "false")
    expect(page.get_by_test_id("vote-count")).to_have_text("0")
    expect(page.get_by_test_id("vote-message")).to_have_text(
        "Terlalu banyak dukungan dalam waktu singkat. Coba lagi dalam 42 detik."
    )
    assert not Vote.objects.exists()


def test_feed_cards_show_live_counts_and_vote_optimistically(
    asgi_live_server, open_page, staff, other_staff, traffic
):
    theirs = make_idea(author=other_staff, category=traffic, title="Halte bus pintar")
    mine = make_idea(author=staff, category=traffic, title="Ide saya sendiri")
    url = asgi_live_server.url
    page = open_page()
    sign_in(page, url, username="staff1")
    theirs_card = page.locator(f"[data-testid='idea-card'][data-idea-id='{theirs.pk}']")
    mine_card = page.locator(f"[data-testid='idea-card'][data-idea-id='{mine.pk}']")
    expect(theirs_card.get_by_test_id("idea-votes")).to_have_text("▲ 0 suara")
    expect(page.get_by_test_id("live-status")).to_have_text(LIVE)
    page.evaluate("window.__sameDocument = true")

    # Someone else votes and comments: the card follows.
    asgi_live_server.call(vote_cast, idea_id=theirs.pk, voter=UserFactory())
    expect(theirs_card.get_by_test_id("idea-votes")).to_have_text("▲ 1 suara")
    comment = asgi_live_server.call(
        idea_services.comment_create, idea=theirs, author=other_staff, body="Sudah diuji di Blok M."
    )
    expect(theirs_card.get_by_test_id("idea-comments")).to_have_text("1 komentar")
    # A withdrawal carries the absolute count too: the card follows it down.
    asgi_live_server.call(idea_services.comment_withdraw, comment_id=comment.pk)
    expect(theirs_card.get_by_test_id("idea-comments")).to_have_text("0 komentar")

    vote = theirs_card.get_by_test_id("card-vote-button")
    expect(vote).to_have_attribute("aria-pressed", "false")
    with page.expect_response(f"**/api/ideas/{theirs.pk}/vote/") as answer:
        vote.click()
        expect(vote).to_have_attribute("aria-pressed", "true")
        expect(theirs_card.get_by_test_id("idea-votes")).to_have_text("▲ 2 suara")
    assert answer.value.status == 200
    assert Vote.objects.filter(idea=theirs, voter=staff).exists()
    expect(theirs_card.get_by_test_id("idea-votes")).to_have_text("▲ 2 suara")

    expect(vote.get_by_test_id("card-vote-label")).to_have_text("Didukung ✓")

    # One's own idea: the control says why it cannot be used, instead of failing on a click.
    mine_vote = mine_card.get_by_test_id("card-vote-button")
    expect(mine_vote).to_be_disabled()
    expect(mine_vote.get_by_test_id("card-vote-label")).to_have_text("Dukung")
    expect(mine_card.get_by_test_id("card-vote-message")).to_have_text("Ini gagasan Anda sendiri.")
    expect(mine_card.get_by_test_id("idea-votes")).to_have_text("▲ 0 suara")
    assert_not_reloaded(page)


def test_the_leaderboard_reorders_live_as_votes_come_in(
    asgi_live_server, open_page, staff, traffic, flooding, agency, other_agency
):
    campaign = campaign_in_phase("voting", title="Jakarta Bebas Banjir")
    first = make_idea(
        author=UserFactory(agency=agency),
        category=flooding,
        campaign=campaign,
        title="Sumur resapan di setiap RW",
    )
    second = make_idea(
        author=UserFactory(agency=other_agency),
        category=traffic,
        campaign=campaign,
        title="Pompa portabel di underpass",
    )
    third = make_idea(
        author=UserFactory(agency=other_agency),
        category=flooding,
        campaign=campaign,
        title="Peringatan dini banjir lewat WhatsApp",
    )
    server = asgi_live_server
    for voter in UserFactory.create_batch(2):
        server.call(vote_cast, idea_id=first.pk, voter=voter)
    server.call(vote_cast, idea_id=second.pk, voter=UserFactory())

    page = open_page()
    sign_in(page, server.url, username="staff1")
    page.get_by_test_id("nav-leaderboard").click()
    page.wait_for_url(re.compile(rf"/leaderboard/\?campaign={campaign.pk}$"))
    titles = page.get_by_test_id("leaderboard-title")
    expect(titles).to_have_text([first.title, second.title, third.title])
    expect(page.get_by_test_id("leaderboard-votes")).to_have_text(["2", "1", "0"])
    expect(page.get_by_test_id("leaderboard-rank")).to_have_text(["1", "2", "3"])
    expect(page.get_by_test_id("leaderboard-agency")).to_have_text(
        ["Dinas Perhubungan", "Dinas Sumber Daya Air", "Dinas Sumber Daya Air"]
    )
    expect(page.get_by_test_id("leaderboard-category")).to_have_text(
        ["Banjir", "Lalu Lintas", "Banjir"]
    )
    expect(titles.first).to_have_attribute("href", f"/ideas/{first.pk}/")
    expect(page.get_by_test_id("campaign-title")).to_have_text("Jakarta Bebas Banjir")
    expect(page.get_by_test_id("leaderboard-updated")).to_contain_text("Diperbarui")
    expect(page.get_by_test_id("nav-leaderboard")).to_have_attribute("aria-current", "page")
    expect(page.get_by_test_id("live-status")).to_have_text(LIVE)
    page.evaluate("window.__sameDocument = true")

    for voter in UserFactory.create_batch(3):
        server.call(vote_cast, idea_id=third.pk, voter=voter)

    expect(titles).to_have_text([third.title, first.title, second.title])
    expect(page.get_by_test_id("leaderboard-votes")).to_have_text(["3", "2", "1"])
    expect(page.get_by_test_id("leaderboard-rank")).to_have_text(["1", "2", "3"])

    # A tie shares its rank.
    server.call(vote_cast, idea_id=first.pk, voter=UserFactory())
    expect(page.get_by_test_id("leaderboard-rank")).to_have_text(["1", "1", "3"])
    assert_not_reloaded(page)


def test_the_leaderboard_picks_the_voting_campaign_and_the_wall_display_shows_the_top_ten(
    asgi_live_server, open_page, staff, traffic
):
    # Listed first (newest submission window), but not yet voting.
    submitting = campaign_in_phase("submission", title="Pelayanan Publik Prima")
    voting = campaign_in_phase("voting", title="Jakarta Lancar")
    submitted = make_idea(
        author=UserFactory(), category=traffic, campaign=submitting, title="Antrean daring"
    )
    ideas = [
        make_idea(author=UserFactory(), category=traffic, campaign=voting, title=f"Gagasan {n:02d}")
        for n in range(12)
    ]
    vote_cast(idea_id=ideas[0].pk, voter=UserFactory())  # a ranking of zeros shows none
    url = asgi_live_server.url
    page = open_page()
    sign_in(page, url, username="staff1")

    page.goto(f"{url}/leaderboard/")
    expect(page).to_have_url(re.compile(rf"\?campaign={voting.pk}$"))
    expect(page.get_by_test_id("leaderboard-row")).to_have_count(12)
    expect(page.get_by_test_id("campaign-title")).to_have_text("Jakarta Lancar")

    page.get_by_label("Tantangan Inovasi").select_option(str(submitting.pk))
    # Its ideas take no votes yet: the ranking of zeros is an empty state, not a table of 0s.
    expect(page.get_by_test_id("leaderboard-empty")).to_contain_text("Belum ada dukungan")
    expect(page.get_by_test_id("leaderboard-title")).to_have_count(0)
    assert submitted.vote_count == 0
    expect(page).to_have_url(re.compile(rf"\?campaign={submitting.pk}$"))

    page.goto(f"{url}/leaderboard/?campaign={voting.pk}&display=wall")
    expect(page.locator("body")).to_have_class(re.compile(r"\bis-wall\b"))
    expect(page.get_by_test_id("leaderboard-row")).to_have_count(10)
    expect(page.get_by_test_id("campaign-title")).to_have_text("Jakarta Lancar · 10 besar")
    expect(page.locator("#site-header")).to_be_hidden()
    expect(page.get_by_test_id("live-status")).to_have_text(LIVE)
    # Live on the wall too: the eleventh climbs in.
    for voter in UserFactory.create_batch(2):
        asgi_live_server.call(vote_cast, idea_id=ideas[11].pk, voter=voter)
    expect(page.get_by_test_id("leaderboard-title").first).to_have_text(ideas[11].title)
    expect(page.get_by_test_id("leaderboard-row")).to_have_count(10)


def test_the_full_screen_button_turns_the_leaderboard_into_the_wall_display(
    asgi_live_server, open_page, staff, traffic
):
    campaign = campaign_in_phase("voting")
    only = make_idea(
        author=UserFactory(), category=traffic, campaign=campaign, title="Satu-satunya ide"
    )
    vote_cast(idea_id=only.pk, voter=UserFactory())
    url = asgi_live_server.url
    page = open_page()
    sign_in(page, url, username="staff1")
    page.goto(f"{url}/leaderboard/?campaign={campaign.pk}")
    expect(page.get_by_test_id("leaderboard-row")).to_have_count(1)
    button = page.get_by_test_id("fullscreen-button")
    expect(button).to_have_text(re.compile("Layar penuh"))
    expect(page.locator("#site-header")).to_be_visible()

    button.click()
    expect(page.locator("body")).to_have_class(re.compile(r"\bis-wall\b"))
    assert page.evaluate("document.fullscreenElement === document.documentElement")
    expect(page.locator("#site-header")).to_be_hidden()
    expect(button).to_have_text(re.compile("Keluar dari layar penuh"))

    button.click()
    expect(page.locator("body")).not_to_have_class(re.compile(r"\bis-wall\b"))
    expect(page.locator("#site-header")).to_be_visible()


def test_a_rejected_idea_leaves_the_live_leaderboard(asgi_live_server, open_page, staff, traffic):
    admin = UserFactory(roles=["admin"])
    campaign = campaign_in_phase("voting")
    rejected = make_idea(author=UserFactory(), category=traffic, campaign=campaign, title="Satu")
    second = make_idea(author=UserFactory(), category=traffic, campaign=campaign, title="Dua")
    for voter in UserFactory.create_batch(2):
        asgi_live_server.call(vote_cast, idea_id=rejected.pk, voter=voter)
    asgi_live_server.call(vote_cast, idea_id=second.pk, voter=UserFactory())
    page = open_page()
    sign_in(page, asgi_live_server.url, username="staff1")
    page.goto(f"{asgi_live_server.url}/leaderboard/?campaign={campaign.pk}")
    titles = page.get_by_test_id("leaderboard-title")
    expect(titles).to_have_text(["Satu", "Dua"])
    expect(page.get_by_test_id("live-status")).to_have_text(LIVE)

    asgi_live_server.call(
        idea_services.idea_status_change,
        idea_id=rejected.pk,
        to_status="rejected",
        changed_by=admin,
    )

    expect(titles).to_have_text(["Dua"], timeout=3_000)


def test_the_feed_holds_one_socket_for_all_its_cards_and_the_notifications(
    asgi_live_server, open_page, staff, other_staff, traffic
):
    ideas = [
        make_idea(author=other_staff, category=traffic, title=f"Halte pintar nomor {n}")
        for n in range(5)
    ]
    url = asgi_live_server.url
    page = open_page()
    opened: list[str] = []
    page.on("websocket", lambda socket: opened.append(socket.url))
    sign_in(page, url, username="staff1")
    expect(page.get_by_test_id("live-status")).to_have_text(LIVE)
    page.wait_for_function(NOTIFICATIONS_LIVE)

    paths = {s["path"] for s in page.evaluate("window.__gagasanLive.sockets")}
    assert paths == {f"/ws/ideas/{idea.pk}/" for idea in ideas} | {"/ws/notifications/"}
    assert [socket.rsplit("/ws/", 1)[1] for socket in opened] == ["live/"]

    # Every card still follows its own idea over that one socket.
    last = page.locator(f"[data-testid='idea-card'][data-idea-id='{ideas[-1].pk}']")
    asgi_live_server.call(vote_cast, idea_id=ideas[-1].pk, voter=UserFactory())
    expect(last.get_by_test_id("idea-votes")).to_have_text("▲ 1 suara")
    assert len(opened) == 1
