"""Panel reviews in a real browser: the reviewer's workspace, the feedback reaching the authors
live, the admins' view of the panel's progress, and who sees which door."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone, translation

from ideas.models import Campaign, Idea
from reviews.models import Criterion, Review
from reviews.services import (
    ReviewInput,
    panel_members_set,
    review_assignment_create,
    review_submit,
    rubric_apply,
)
from tests.e2e.conftest import NOTIFICATIONS_LIVE, TIMEOUT_MS, expect, sign_in
from tests.factories import UserFactory, campaign_in_phase, make_idea

pytestmark = pytest.mark.e2e

LIVE = "Langsung"
BLIND = "Penilaian buta: identitas pengusul disembunyikan"
CONTROLS_WITHOUT_LABEL = """
() => [...document.querySelectorAll('input, select, textarea')]
  .filter((el) => el.type !== 'hidden' && el.labels.length === 0)
  .map((el) => el.id || el.name)
"""


@pytest.fixture
def reviewer(db, other_agency):
    """A panel member from another agency than the authors' (Dinas Perhubungan)."""
    return UserFactory(username="penilai1", full_name="Rina Wulandari", agency=other_agency)


def in_campaign(idea, campaign):
    # Ideas are submitted while their campaign takes submissions; this one is in review now.
    Idea.objects.filter(pk=idea.pk).update(campaign=campaign)
    idea.refresh_from_db()
    return idea


@pytest.fixture
def review_round(db, staff, agency, reviewer, admin_user, flooding):
    """A blind review under way: three of the reviewer's ideas, one overdue, one reviewed, and
    staff1's (Budi Santoso's) idea still to do."""
    now = timezone.now()
    campaign = campaign_in_phase("review", title="Jakarta Bebas Banjir")
    rubric_apply(campaign=campaign, template_key="permenpan-91-2021", by=admin_user)
    panel_members_set(campaign=campaign, members=[reviewer], by=admin_user)
    colleague = UserFactory(agency=agency, full_name="Agus Pratama")
    mine = in_campaign(
        make_idea(author=staff, category=flooding, title="Sumur resapan di setiap RW"), campaign
    )
    overdue = in_campaign(
        make_idea(author=colleague, category=flooding, title="Pompa portabel di underpass"),
        campaign,
    )
    done = in_campaign(
        make_idea(author=colleague, category=flooding, title="Peringatan dini banjir via WhatsApp"),
        campaign,
    )
    for idea, due in ((mine, 5), (overdue, -1), (done, 2)):
        review_assignment_create(
            idea=idea, reviewer=reviewer, by=admin_user, due_at=now + timedelta(days=due)
        )
    criteria = {c.name: c for c in Criterion.objects.filter(campaign=campaign)}
    return {
        "campaign": campaign,
        "mine": mine,
        "overdue": overdue,
        "done": done,
        "criteria": criteria,
    }


def all_scores(criteria, value=4):
    return ReviewInput(scores={c.pk: value for c in criteria.values()})


def criterion(page, name):
    return page.get_by_role("group", name=re.compile(f"^{name}"))


def choose(page, name, value):
    criterion(page, name).get_by_label(str(value), exact=True).check()


def test_a_reviewer_scores_an_idea_and_the_author_sees_the_feedback_live_without_names(
    asgi_live_server, open_page, review_round, reviewer
):
    server, url = asgi_live_server, asgi_live_server.url
    mine, overdue, done = review_round["mine"], review_round["overdue"], review_round["done"]
    server.call(
        review_submit, idea_id=done.pk, reviewer=reviewer, data=all_scores(review_round["criteria"])
    )

    # The author watches their idea.
    author = open_page()
    sign_in(author, url, username="staff1")
    author.goto(f"{url}/ideas/{mine.pk}/")
    expect(author.get_by_test_id("idea-title")).to_have_text(mine.title)
    expect(author.get_by_test_id("live-status")).to_have_text(LIVE)
    author.wait_for_function(NOTIFICATIONS_LIVE, timeout=TIMEOUT_MS)
    expect(author.get_by_test_id("panel-feedback")).to_be_hidden()
    author.evaluate("window.__sameDocument = true")

    # The reviewer's queue: not yet reviewed first, soonest due first.
    page = open_page()
    sign_in(page, url, username="penilai1")
    page.get_by_test_id("nav-reviews").click()
    page.wait_for_url(f"{url}/reviews/")
    expect(page.get_by_test_id("nav-reviews")).to_have_attribute("aria-current", "page")
    expect(page.get_by_test_id("queue-title")).to_have_text([overdue.title, mine.title, done.title])
    expect(page.get_by_test_id("queue-state")).to_have_text(
        ["Terlambat", "Belum dinilai", "✓ Selesai"]
    )
    expect(page.get_by_test_id("queue-due").first).to_contain_text("Tenggat")
    expect(page.get_by_test_id("queue-progress-text")).to_have_text("1 dari 3 selesai")
    expect(page.locator("#queue-progress-bar")).to_have_attribute("value", "1")
    expect(page.get_by_test_id("review-choose")).to_be_visible()

    page.get_by_test_id("queue-item").nth(1).click()
    expect(page).to_have_url(re.compile(rf"/reviews/\?idea={mine.pk}$"))
    expect(page.get_by_test_id("review-idea-title")).to_have_text(mine.title)
    expect(page.get_by_test_id("review-idea-title")).to_be_focused()
    expect(page.get_by_test_id("review-idea-problem")).to_have_text(mine.problem)
    expect(page.get_by_test_id("review-blind")).to_contain_text(BLIND)
    expect(page.get_by_test_id("review-authors")).to_be_hidden()
    expect(page.get_by_test_id("review-idea")).not_to_contain_text("Budi Santoso")
    expect(page.get_by_test_id("criterion")).to_have_count(5)
    kebaruan = criterion(page, "Kebaruan")
    expect(kebaruan).to_contain_text("Bobot 25%")
    expect(kebaruan).to_contain_text("Nilai 1 (terendah) sampai 5 (tertinggi).")
    expect(kebaruan.get_by_role("radio")).to_have_count(5)
    expect(page.get_by_label("Catatan pribadi untuk panel")).to_be_visible()
    expect(page.get_by_test_id("private-badge")).to_contain_text(
        "Tidak ditampilkan kepada pengusul"
    )
    expect(page.get_by_test_id("review-submit")).to_have_text("Kirim penilaian")

    # Every criterion but one: the server refuses, and the page says where.
    for name, value in (("Kebaruan", 4), ("Bermanfaat", 5), ("Mudah direplikasi", 3)):
        choose(page, name, value)
    choose(page, "Berkelanjutan", 4)
    feedback = "Ide kuat; mulai dari RW rawan genangan di Jakarta Timur."
    note = "Perlu dicek anggaran Dinas SDA sebelum rapat panel."
    page.get_by_label("Umpan balik untuk pengusul").fill(feedback)
    page.get_by_label("Catatan pribadi untuk panel").fill(note)
    with page.expect_response(f"**/api/ideas/{mine.pk}/reviews/") as answer:
        page.get_by_test_id("review-submit").click()
    assert answer.value.status == 400
    efektif = criterion(page, "Efektif")
    expect(efektif.get_by_test_id("criterion-error")).to_have_text(
        "Pilih nilai untuk kriteria ini."
    )
    expect(efektif.get_by_role("radio").first).to_have_attribute("aria-invalid", "true")
    summary = page.get_by_test_id("review-errors")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Efektif: Pilih nilai untuk kriteria ini.")
    expect(kebaruan.get_by_test_id("criterion-error")).to_be_hidden()
    assert not Review.objects.filter(idea=mine).exists()

    choose(page, "Efektif", 3)
    with page.expect_response(f"**/api/ideas/{mine.pk}/reviews/") as answer:
        page.get_by_test_id("review-submit").click()
    assert answer.value.status == 201
    expect(page.get_by_test_id("review-saved")).to_contain_text("Penilaian tersimpan.")
    expect(summary).to_be_hidden()
    expect(efektif.get_by_test_id("criterion-error")).to_be_hidden()
    expect(page.get_by_test_id("queue-progress-text")).to_have_text("2 dari 3 selesai")
    expect(page.get_by_test_id("queue-title")).to_have_text([overdue.title, done.title, mine.title])
    expect(page.get_by_test_id("review-submit")).to_have_text("Perbarui penilaian")
    expect(page.get_by_test_id("review-next")).to_be_visible()
    review = Review.objects.get(idea=mine, reviewer=reviewer)
    assert (review.comment, review.private_note) == (feedback, note)
    assert dict(review.scores.values_list("criterion__name", "value")) == {
        "Kebaruan": 4,
        "Efektif": 3,
        "Bermanfaat": 5,
        "Mudah direplikasi": 3,
        "Berkelanjutan": 4,
    }

    # The author: the feedback arrives live, from "the panel", and the private note never.
    item = author.get_by_test_id("feedback")
    expect(item).to_have_count(1)
    expect(item.get_by_test_id("feedback-body")).to_have_text(feedback)
    expect(item.get_by_test_id("feedback-meta")).to_contain_text("Panel penilai")
    expect(author.get_by_test_id("panel-feedback")).not_to_contain_text("Rina Wulandari")
    expect(author.get_by_test_id("feedback-count")).to_have_text("1")
    # Staff comments are counted apart.
    expect(author.get_by_test_id("comment-count")).to_have_text("0")
    expect(author.get_by_test_id("comment")).to_have_count(0)
    toast = author.get_by_test_id("toast")
    expect(toast).to_contain_text(f"Umpan balik panel baru untuk ide Anda “{mine.title}”.")
    expect(toast.get_by_role("link")).to_have_attribute("href", f"/ideas/{mine.pk}/#panel-feedback")
    expect(author.locator("body")).not_to_contain_text(note)
    expect(author.locator("body")).not_to_contain_text("Rina Wulandari")
    assert author.evaluate("window.__sameDocument") is True
    toast.get_by_test_id("toast-close").click()
    expect(toast).to_have_count(0)

    # Back later: the form holds the review, and a change replaces it (PUT), live for the author.
    page.reload()
    expect(page.get_by_test_id("review-idea-title")).to_have_text(mine.title)
    expect(page.get_by_test_id("review-submit")).to_have_text("Perbarui penilaian")
    expect(page.get_by_test_id("review-state")).to_contain_text("Anda sudah menilai ide ini.")
    expect(criterion(page, "Bermanfaat").get_by_label("5", exact=True)).to_be_checked()
    expect(page.get_by_label("Catatan pribadi untuk panel")).to_have_value(note)
    revised = "Ide kuat; mulai dari RW rawan genangan dan libatkan warga."
    page.get_by_label("Umpan balik untuk pengusul").fill(revised)
    with page.expect_response(f"**/api/ideas/{mine.pk}/reviews/") as answer:
        page.get_by_test_id("review-submit").click()
    assert answer.value.status == 200
    expect(item.get_by_test_id("feedback-body")).to_have_text(revised)
    expect(item).to_have_count(1)
    assert Review.objects.get(idea=mine, reviewer=reviewer).comment == revised

    # Clearing the feedback takes it off the author's open page, live.
    page.get_by_label("Umpan balik untuk pengusul").fill("")
    with page.expect_response(f"**/api/ideas/{mine.pk}/reviews/") as answer:
        page.get_by_test_id("review-submit").click()
    assert answer.value.status == 200
    expect(item).to_have_count(0)
    expect(author.get_by_test_id("panel-feedback")).to_be_hidden()
    assert author.evaluate("window.__sameDocument") is True


def test_an_admin_sees_the_panels_progress_move_when_a_review_comes_in(
    asgi_live_server, open_page, review_round, reviewer
):
    server, url = asgi_live_server, asgi_live_server.url
    mine, overdue, done = review_round["mine"], review_round["overdue"], review_round["done"]
    page = open_page()
    sign_in(page, url, username="admin")
    expect(page.get_by_test_id("nav-reviews")).to_be_visible()
    page.get_by_test_id("nav-panel").click()
    campaign = review_round["campaign"]
    page.wait_for_url(re.compile(rf"/panel/\?campaign={campaign.pk}$"))
    expect(page.get_by_test_id("panel-campaign-title")).to_have_text("Jakarta Bebas Banjir")
    row = page.get_by_test_id("panel-row")
    expect(row).to_have_count(1)
    expect(row.get_by_test_id("panel-reviewer")).to_have_text("Rina Wulandari")
    expect(row.get_by_test_id("panel-agency")).to_have_text("Dinas Sumber Daya Air")
    expect(row.get_by_test_id("panel-assigned")).to_have_text("3")
    expect(row.get_by_test_id("panel-reviewed")).to_have_text("0")
    expect(row.get_by_test_id("panel-overdue")).to_have_text("1")
    expect(row.get_by_test_id("panel-progress-text")).to_have_text("0/3")
    expect(page.get_by_test_id("panel-totals")).to_have_text(
        "0 dari 3 penilaian selesai · 1 terlambat"
    )

    toggle = row.get_by_test_id("panel-toggle")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(page.get_by_test_id("panel-ideas")).to_be_hidden()
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    ideas = page.get_by_test_id("panel-idea")
    expect(ideas.get_by_test_id("panel-idea-title")).to_have_text(
        [overdue.title, done.title, mine.title]
    )
    expect(ideas.get_by_test_id("panel-idea-state")).to_have_text(["Terlambat", "Belum", "Belum"])
    expect(page.get_by_test_id("live-status")).to_have_text(LIVE)
    page.evaluate("window.__sameDocument = true")

    server.call(
        review_submit,
        idea_id=mine.pk,
        reviewer=reviewer,
        data=ReviewInput(
            scores={c.pk: 4 for c in review_round["criteria"].values()},
            comment="Layak diuji coba di dua kelurahan.",
        ),
    )

    expect(row.get_by_test_id("panel-reviewed")).to_have_text("1")
    expect(row.get_by_test_id("panel-progress-text")).to_have_text("1/3")
    expect(page.get_by_test_id("panel-totals")).to_have_text(
        "1 dari 3 penilaian selesai · 1 terlambat"
    )
    # Still open, and the idea is done.
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(ideas.get_by_test_id("panel-idea-state")).to_have_text(
        ["Terlambat", "Belum", "✓ Selesai"]
    )
    assert page.evaluate("window.__sameDocument") is True

    # The idea's page shows the admin the panel's result, and who gave the feedback.
    page.goto(f"{url}/ideas/{mine.pk}/")
    result = page.get_by_test_id("panel-result")
    expect(result).to_be_visible()
    expect(page.get_by_test_id("panel-normalised")).to_have_text("75")
    expect(page.get_by_test_id("panel-raw-mean")).to_have_text("75")
    expect(page.get_by_test_id("panel-review-count")).to_have_text("1")
    expect(page.get_by_test_id("panel-agreement")).to_have_text(
        "Belum dapat diukur (baru satu penilai)"
    )
    expect(page.get_by_test_id("feedback").get_by_test_id("feedback-meta")).to_contain_text(
        "Rina Wulandari"
    )


def test_staff_without_a_panel_seat_get_no_review_link_and_a_friendly_no_access_page(
    page, server_url, staff, leader, review_round
):
    sign_in(page, server_url, username="staff1")
    expect(page.get_by_test_id("current-user")).to_contain_text("Budi Santoso")
    expect(page.get_by_test_id("nav-leaderboard")).to_be_visible()
    expect(page.get_by_test_id("nav-reviews")).to_have_count(0)
    expect(page.get_by_test_id("nav-panel")).to_have_count(0)

    page.goto(f"{server_url}/reviews/")
    no_access = page.get_by_test_id("reviews-no-access")
    expect(no_access).to_be_visible()
    expect(no_access).to_contain_text("Khusus panel penilai")
    expect(page.get_by_test_id("reviews-workspace")).to_be_hidden()
    expect(page.get_by_test_id("queue-item")).to_have_count(0)

    page.goto(f"{server_url}/panel/")
    expect(page.get_by_test_id("panel-no-access")).to_be_visible()
    expect(page.get_by_test_id("panel-no-access")).to_contain_text("Tidak ada akses")
    expect(page.get_by_test_id("panel-table")).to_be_hidden()
    expect(page.get_by_test_id("campaign-select")).to_be_hidden()

    # Leadership follow the panel, but review nothing themselves.
    page.get_by_test_id("signout").click()
    page.wait_for_url(f"{server_url}/login/")
    sign_in(page, server_url, username="pimpinan")
    expect(page.get_by_test_id("nav-panel")).to_be_visible()
    expect(page.get_by_test_id("nav-reviews")).to_have_count(0)
    page.get_by_test_id("nav-panel").click()
    expect(page.get_by_test_id("panel-row")).to_have_count(1)


def test_review_pages_label_every_control_and_fit_a_360_pixel_wide_phone_screen(
    browser, live_server, review_round, reviewer, admin_user
):
    mine = review_round["mine"]
    for username, path, testid in (
        ("penilai1", f"/reviews/?idea={mine.pk}", "criterion"),
        ("admin", f"/panel/?campaign={review_round['campaign'].pk}", "panel-row"),
    ):
        context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True)
        context.set_default_timeout(TIMEOUT_MS)
        try:
            page = context.new_page()
            sign_in(page, live_server.url, username=username)
            page.goto(f"{live_server.url}{path}")
            expect(page.get_by_test_id(testid).first).to_be_visible()
            if testid == "panel-row":
                page.get_by_test_id("panel-toggle").click()
                expect(page.get_by_test_id("panel-idea")).to_have_count(3)
            assert page.evaluate(CONTROLS_WITHOUT_LABEL) == []
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= 360, f"{path} is {width}px wide on a 360px screen"
        finally:
            context.close()


def test_a_review_refused_because_the_phase_closed_shows_the_servers_reason_and_locks_the_form(
    page, server_url, review_round, reviewer
):
    mine, campaign = review_round["mine"], review_round["campaign"]
    sign_in(page, server_url, username="penilai1")
    page.goto(f"{server_url}/reviews/?idea={mine.pk}")
    expect(page.get_by_test_id("criterion")).to_have_count(5)
    for name in review_round["criteria"]:
        choose(page, name, 2)

    # The review phase ends while the reviewer is scoring.
    Campaign.objects.filter(pk=campaign.pk).update(review_closes=timezone.now())
    with page.expect_response(f"**/api/ideas/{mine.pk}/reviews/") as answer:
        page.get_by_test_id("review-submit").click()
    assert answer.value.status == 409
    assert answer.value.json()["code"] == "review_closed"
    summary = page.get_by_test_id("review-errors")
    expect(summary).to_be_focused()
    expect(summary).to_have_attribute("role", "alert")
    with translation.override("id"):
        reason = translation.gettext("The review phase is not open.")
    expect(summary).to_contain_text(reason)
    expect(page.get_by_test_id("review-state")).to_contain_text(
        "Masa penilaian Tantangan Inovasi ini"
    )
    expect(page.get_by_test_id("review-submit")).to_be_disabled()
    expect(page.get_by_label("Umpan balik untuk pengusul")).to_be_disabled()
    assert not Review.objects.filter(idea=mine).exists()

    # In English, what the page wrote follows; the choices made stay.
    page.get_by_test_id("lang-switch").click()
    expect(criterion(page, "Kebaruan")).to_contain_text("Weight 25%")
    expect(criterion(page, "Kebaruan").get_by_label("2", exact=True)).to_be_checked()
    expect(page.get_by_label("Feedback for the authors")).to_be_visible()
    expect(page.get_by_test_id("queue-progress-text")).to_have_text("0 of 3 done")
    expect(page.get_by_test_id("review-blind")).to_contain_text(
        "Blind review: the authors' identity is hidden"
    )


def test_a_blind_reviewer_reads_hidden_where_the_author_and_agency_would_be(
    page, server_url, review_round
):
    hidden = "Disembunyikan (penilaian buta)"
    sign_in(page, server_url, username="penilai1")
    card = page.get_by_test_id("idea-card").filter(has_text="Sumur resapan di setiap RW")
    expect(card.get_by_test_id("idea-agency")).to_have_text(hidden)
    page.goto(f"{server_url}/ideas/{review_round['mine'].pk}/")
    expect(page.get_by_test_id("idea-author")).to_have_text(hidden)
    expect(page.get_by_test_id("idea-agency")).to_have_text(hidden)
    byline = page.get_by_test_id("idea-byline")
    expect(byline).to_contain_text(hidden)
    assert not byline.inner_text().strip().startswith("·")
    assert "Budi Santoso" not in page.locator("main").inner_text()
