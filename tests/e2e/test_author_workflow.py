"""The author's own workflow in a real browser: submit to the open challenge by default with a
co-author from another agency, see the confirmation and the next step, edit a submitted idea,
submit one draft and delete another, and find them all in "Ide saya"."""

import pytest

from ideas import services as idea_services
from ideas.models import Idea
from tests.e2e.conftest import NOTIFICATIONS_LIVE, TIMEOUT_MS, expect, shoot, sign_in
from tests.factories import UserFactory, campaign_in_phase, make_idea
from voting.services import vote_cast

pytestmark = pytest.mark.e2e


def test_an_author_submits_with_a_co_author_and_edits_the_idea(
    page, server_url, staff, other_staff, traffic
):
    campaign = campaign_in_phase("submission", title="Jakarta Lancar 2027")
    sign_in(page, server_url, username="staff1")
    page.goto(f"{server_url}/ideas/new/")
    expect(page.locator("#field-campaign")).to_have_value(str(campaign.pk))
    page.locator("#field-title").fill("Jalur sepeda terhubung ke stasiun MRT")
    page.locator("#field-problem").fill("Pengguna MRT sulit mencapai stasiun tanpa kendaraan.")
    page.locator("#field-solution").fill("Jalur sepeda terlindung 2 km dari setiap stasiun.")
    page.locator("#field-category").select_option("traffic")
    page.get_by_test_id("co-author-search").fill("Siti")
    page.get_by_test_id("co-author-find").click()
    page.get_by_test_id("co-author-add").filter(has_text="Siti Rahmawati").click()
    expect(page.get_by_test_id("co-author-chip")).to_have_text("Siti Rahmawati×")
    page.get_by_test_id("idea-submit").click()

    confirmation = page.get_by_test_id("idea-confirmation")
    expect(confirmation).to_contain_text("Gagasan Anda sudah diajukan.")
    expect(confirmation).to_contain_text("Rekan dapat mendukungnya mulai")
    idea = Idea.objects.get(title="Jalur sepeda terhubung ke stasiun MRT")
    # Named co-authors are invited (ideas.coauthors): a co-author once they accept.
    assert (idea.campaign_id, list(idea.co_authors.values_list("pk", flat=True))) == (
        campaign.pk,
        [],
    )
    assert list(idea.invitations.values_list("invitee", "status")) == [(other_staff.pk, "pending")]
    expect(page.get_by_test_id("campaign-title")).to_have_text("Jakarta Lancar 2027")
    expect(page.get_by_test_id("history-item")).to_have_count(1)
    shoot(page, "idea-desktop")

    page.get_by_test_id("idea-edit").click()
    page.wait_for_url(f"{server_url}/ideas/{idea.pk}/edit/")
    expect(page.get_by_test_id("form-heading")).to_have_text("Ubah gagasan")
    expect(page.locator("#field-title")).to_have_value("Jalur sepeda terhubung ke stasiun MRT")
    page.locator("#field-title").fill("Jalur sepeda terlindung ke stasiun MRT")
    page.get_by_test_id("idea-submit").click()
    page.wait_for_url(f"{server_url}/ideas/{idea.pk}/")
    expect(page.get_by_test_id("idea-title")).to_have_text("Jalur sepeda terlindung ke stasiun MRT")
    idea.refresh_from_db()
    assert idea.title == "Jalur sepeda terlindung ke stasiun MRT"
    # The edit form sent the invitee back in its list: the invitation is still open.
    assert list(idea.invitations.values_list("invitee", "status")) == [(other_staff.pk, "pending")]


def test_an_author_submits_one_draft_deletes_another_and_finds_them_in_ide_saya(
    page, server_url, staff, other_staff, traffic
):
    campaign = campaign_in_phase("submission")
    ready = make_idea(
        author=staff, category=traffic, campaign=campaign, title="Draf siap", draft=True
    )
    dropped = make_idea(author=staff, category=traffic, title="Draf batal", draft=True)
    theirs = make_idea(author=other_staff, category=traffic, title="Ide rekan")
    vote_cast(idea_id=theirs.pk, voter=staff)

    sign_in(page, server_url, username="staff1")
    page.goto(f"{server_url}/ideas/{ready.pk}/")
    expect(page.get_by_test_id("author-actions-text")).to_contain_text("Ini draf")
    expect(page.locator("#comments-section")).to_be_hidden()
    page.get_by_test_id("draft-submit").click()
    expect(page.get_by_test_id("idea-confirmation")).to_contain_text("Gagasan Anda sudah diajukan.")
    ready.refresh_from_db()
    assert ready.status == "submitted"
    expect(page.get_by_test_id("draft-submit")).to_be_hidden()
    expect(page.get_by_test_id("history-item").last).to_have_attribute("data-status", "submitted")

    page.goto(f"{server_url}/ideas/{dropped.pk}/")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_test_id("draft-delete").click()
    page.wait_for_url(f"{server_url}/saya/")
    expect(page.get_by_test_id("mine-notice")).to_have_text("Draf sudah dihapus.")
    assert not Idea.objects.filter(pk=dropped.pk).exists()

    mine = page.get_by_test_id("mine-idea")
    expect(mine).to_have_count(1)
    shoot(page, "my-space-desktop")
    page.goto(f"{server_url}/")
    expect(page.get_by_test_id("idea-card").first).to_be_visible()
    shoot(page, "feed-desktop")
    page.goto(f"{server_url}/saya/")
    expect(mine).to_have_count(1)
    expect(mine.first).to_contain_text("Draf siap")
    expect(mine.first.get_by_test_id("status-badge")).to_have_attribute("data-status", "submitted")
    expect(page.get_by_test_id("mine-vote")).to_have_count(1)
    expect(page.get_by_test_id("mine-vote").first).to_contain_text("Ide rekan")
    expect(page.get_by_test_id("profile-name")).to_have_text("Budi Santoso")
    expect(page.get_by_test_id("profile-activity")).to_have_text(
        "1 gagasan dikirim, 1 gagasan didukung."
    )


def test_an_idea_whose_voting_opened_offers_no_edit(page, server_url, staff, traffic):
    idea = make_idea(author=staff, category=traffic, campaign=campaign_in_phase("voting"))
    sign_in(page, server_url, username="staff1")
    page.goto(f"{server_url}/ideas/{idea.pk}/")
    expect(page.get_by_test_id("campaign-phase")).to_be_visible()
    expect(page.get_by_test_id("author-actions")).to_be_hidden()
    page.goto(f"{server_url}/ideas/{idea.pk}/edit/")
    expect(page.get_by_test_id("form-errors")).to_contain_text("tidak dapat diubah lagi")
    expect(page.get_by_test_id("idea-submit")).to_be_disabled()


def test_a_person_finds_a_notification_in_their_list_after_a_reload(
    asgi_live_server, open_page, staff, traffic
):
    idea = make_idea(author=staff, category=traffic, title="Halte pintar berbasis sensor")
    admin = UserFactory(roles=["admin"])
    url = asgi_live_server.url
    page = open_page()
    sign_in(page, url, username="staff1")
    page.goto(f"{url}/saya/")
    expect(page.get_by_test_id("notifications")).to_be_attached()
    page.wait_for_function(NOTIFICATIONS_LIVE, timeout=TIMEOUT_MS)

    asgi_live_server.call(
        idea_services.idea_status_change, idea_id=idea.pk, to_status="in_review", changed_by=admin
    )
    item = page.get_by_test_id("notification").first
    expect(item).to_contain_text("kini berstatus “Sedang ditinjau”")
    expect(page.get_by_test_id("unread-count")).to_have_text("1")

    page.reload()
    item = page.get_by_test_id("notification").first
    expect(item).to_contain_text("Ide Anda “Halte pintar berbasis sensor” kini berstatus")
    expect(item).to_have_attribute("data-unread", "true")
    expect(page.get_by_test_id("unread-count")).to_have_text("1")
    page.get_by_test_id("notifications-read").click()
    expect(item).to_have_attribute("data-unread", "false")
    expect(page.get_by_test_id("unread-count")).to_be_hidden()
    page.reload()
    expect(page.get_by_test_id("notification").first).to_have_attribute("data-unread", "false")
