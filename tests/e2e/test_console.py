"""The innovation office's console (/kelola/) in a real browser: whole stories, as an admin runs
the programme, with screenshots saved under build/screenshots/ for review."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.models import User
from accounts.roles import user_roles
from ideas.models import Campaign, Comment, Idea, IdeaStatusChange
from ideas.services import comment_create
from reviews.models import Criterion, ReviewAssignment
from tests.e2e.conftest import TIMEOUT_MS, expect, shoot, sign_in
from tests.factories import AgencyFactory, UserFactory, campaign_in_phase, make_idea

pytestmark = pytest.mark.e2e

LIVE = "Langsung"


def test_an_admin_moves_an_idea_and_answers_it_while_the_authors_page_follows_live(
    asgi_live_server, open_page, staff, admin_user, traffic
):
    idea = make_idea(
        author=staff,
        category=traffic,
        campaign=campaign_in_phase("voting"),
        title="Lampu lalu lintas adaptif di simpang Senen",
    )
    url = asgi_live_server.url
    author = open_page()
    sign_in(author, url, username="staff1")
    author.goto(f"{url}/ideas/{idea.pk}/")
    expect(author.get_by_test_id("live-status")).to_have_text(LIVE)
    author.evaluate("window.__sameDocument = true")

    office = open_page()
    sign_in(office, url, username="admin")
    office.get_by_test_id("nav-console").click()
    office.wait_for_url(f"{url}/kelola/")
    office.get_by_test_id("console-idea-search").fill("simpang Senen")
    office.get_by_test_id("console-idea-search").press("Enter")
    office.get_by_test_id("console-idea-pick").first.click()
    expect(office.get_by_test_id("console-idea-current")).to_contain_text("Diajukan")
    options = office.get_by_test_id("console-status-select").locator("option")
    expect(options).not_to_have_count(0)
    assert "implemented" not in options.evaluate_all("(os) => os.map((o) => o.value)")

    office.get_by_test_id("console-status-select").select_option("shortlisted")
    office.get_by_test_id("console-status-note").fill("Masuk 10 besar: dampak lalu lintas jelas.")
    office.get_by_test_id("console-status-submit").click()
    expect(office.get_by_test_id("console-status-result")).to_contain_text("Dipindahkan ke")
    expect(author.get_by_test_id("status-badge").first).to_have_attribute(
        "data-status", "shortlisted"
    )

    office.get_by_test_id("console-official-body").fill(
        "Terima kasih. Dinas Perhubungan akan menguji coba di dua simpang pada Januari."
    )
    office.get_by_test_id("console-official-submit").click()
    expect(office.get_by_test_id("console-official-result")).to_contain_text("Tanggapan resmi")
    expect(author.get_by_test_id("comment-body").last).to_have_text(
        "Terima kasih. Dinas Perhubungan akan menguji coba di dua simpang pada Januari.",
        timeout=TIMEOUT_MS,
    )
    assert author.evaluate("window.__sameDocument") is True
    shoot(office, "console-desktop")
    office.set_viewport_size({"width": 390, "height": 844})
    shoot(office, "console-390")
    assert office.evaluate("document.documentElement.scrollWidth") <= 390

    change = IdeaStatusChange.objects.get(idea=idea, to_status="shortlisted")
    assert (change.note, change.changed_by_id) == (
        "Masuk 10 besar: dampak lalu lintas jelas.",
        admin_user.pk,
    )
    assert Comment.objects.get(idea=idea, kind="official").author_id == admin_user.pk


def test_an_admin_sets_roles_and_imports_the_staff_directory(page, server_url, admin_user, staff):
    sign_in(page, server_url, username="admin")
    page.goto(f"{server_url}/kelola/")
    page.get_by_test_id("console-people-search").fill("Budi")
    page.get_by_test_id("console-people-search").press("Enter")
    row = page.get_by_test_id("console-person").filter(has_text="Budi Santoso")
    expect(row).to_have_count(1)
    row.get_by_test_id("console-role-reviewer").check()
    row.get_by_test_id("console-role-save").click()
    expect(row).to_contain_text("Tersimpan")
    assert user_roles(User.objects.get(pk=staff.pk)) == ["staff", "reviewer"]

    bad = (
        "nip,full_name,agency_code,email\n"
        f"198501012010011001,Siti Rahmawati,{staff.agency.code},\n"
        "123,NIP Pendek,DISHUB,\n"
        "199002022015022002,Joko,TIDAK-ADA,\n"
    )
    file_input = page.get_by_test_id("console-import-file")
    file_input.set_input_files(
        files=[{"name": "pegawai.csv", "mimeType": "text/csv", "buffer": bad.encode()}]
    )
    page.get_by_test_id("console-import-dry-run").uncheck()
    page.get_by_test_id("console-import-submit").click()
    errors = page.get_by_test_id("console-import-errors").locator("li")
    expect(errors).to_have_count(2)
    expect(errors.first).to_contain_text("Baris 3, nip")
    expect(errors.last).to_contain_text("Baris 4, agency_code")
    assert not User.objects.filter(nip="198501012010011001").exists()

    good = bad.splitlines()[0] + "\n" + bad.splitlines()[1] + "\n"
    file_input.set_input_files(
        files=[{"name": "pegawai.csv", "mimeType": "text/csv", "buffer": good.encode()}]
    )
    page.get_by_test_id("console-import-submit").click()
    expect(page.get_by_test_id("console-import-result")).to_contain_text("sudah diimpor")
    assert User.objects.get(nip="198501012010011001").full_name == "Siti Rahmawati"


def test_staff_find_the_console_closed_and_not_in_their_navigation(page, server_url, staff):
    sign_in(page, server_url, username="staff1")
    expect(page.get_by_test_id("current-user")).to_contain_text("Budi Santoso")
    expect(page.get_by_test_id("nav-console")).to_have_count(0)
    page.goto(f"{server_url}/kelola/")
    expect(page.get_by_test_id("console-no-access")).to_be_visible()


def test_an_admin_creates_a_challenge_with_a_rubric_and_a_blind_panel_and_assigns_reviewers(
    page, server_url, admin_user, staff, other_staff, traffic
):
    reviewers = [
        UserFactory(full_name=f"Penilai {name}", agency=AgencyFactory()) for name in ("Satu", "Dua")
    ]
    sign_in(page, server_url, username="admin")
    page.goto(f"{server_url}/kelola/")
    page.get_by_test_id("console-campaign-new").click()
    page.locator("#c-title").fill("Jakarta Bebas Banjir 2027")
    page.locator("#c-description").fill("Gagasan untuk mengurangi genangan di permukiman.")
    now = timezone.localtime()
    dates = {
        "submission_opens": now - timedelta(days=20),
        "submission_closes": now - timedelta(days=5),
        "voting_opens": now - timedelta(days=10),
        "voting_closes": now - timedelta(days=2),
        "review_opens": now - timedelta(days=1),
        "review_closes": now + timedelta(days=20),
    }
    # Voting closing before it opens is refused, with the field named.
    wrong = {**dates, "voting_closes": dates["voting_opens"] - timedelta(days=1)}
    for name, moment in wrong.items():
        page.locator(f"#c-{name}").fill(moment.strftime("%Y-%m-%dT%H:%M"))
    page.locator("#c-blind_review").check()
    page.get_by_test_id("console-campaign-rubric").select_option("kipp")
    page.get_by_test_id("console-campaign-save").click()
    expect(page.locator("#error-c-voting_closes")).to_be_visible()
    assert not Campaign.objects.filter(title="Jakarta Bebas Banjir 2027").exists()

    page.locator("#c-voting_closes").fill(dates["voting_closes"].strftime("%Y-%m-%dT%H:%M"))
    page.get_by_test_id("console-campaign-save").click()
    expect(page.get_by_test_id("console-campaign-result")).to_contain_text("rubrik")
    campaign = Campaign.objects.get(title="Jakarta Bebas Banjir 2027")
    assert campaign.blind_review and Criterion.objects.filter(campaign=campaign).exists()
    expect(page.get_by_test_id("console-campaign")).to_have_count(Campaign.objects.count())

    for reviewer in reviewers:
        page.get_by_test_id("console-panel-search").fill(reviewer.full_name)
        page.get_by_test_id("console-panel-search").press("Enter")
        page.get_by_test_id("console-panel-add").first.click()
        expect(
            page.get_by_test_id("console-panel-member").filter(has_text=reviewer.full_name)
        ).to_have_count(1)
    assert set(campaign.panel.members.values_list("pk", flat=True)) == {r.pk for r in reviewers}

    ideas = [make_idea(author=author, category=traffic) for author in (staff, other_staff)]
    Idea.objects.filter(pk__in=[i.pk for i in ideas]).update(campaign=campaign, status="in_review")
    # By hand: a reviewer from the author's own agency is refused, as the API refuses it.
    conflicted = UserFactory(full_name="Penilai Serumah", agency=staff.agency)
    page.get_by_test_id("console-panel-search").fill(conflicted.full_name)
    page.get_by_test_id("console-panel-search").press("Enter")
    page.get_by_test_id("console-panel-add").first.click()
    expect(page.get_by_test_id("console-panel-member")).to_have_count(3)
    page.reload()
    page.get_by_test_id("console-campaign").filter(
        has_text="Jakarta Bebas Banjir 2027"
    ).get_by_test_id("console-campaign-edit").click()
    manual_idea = page.get_by_test_id("console-manual-idea")
    expect(manual_idea.locator(f"option[value='{ideas[0].pk}']")).to_have_count(1)
    manual_idea.select_option(str(ideas[0].pk))
    page.get_by_test_id("console-manual-reviewer").select_option(str(conflicted.pk))
    page.get_by_test_id("console-manual-assign").click()
    expect(page.get_by_test_id("console-manual-result")).to_have_class(re.compile("is-error"))
    assert not ReviewAssignment.objects.filter(reviewer=conflicted).exists()
    page.get_by_test_id("console-manual-reviewer").select_option(str(reviewers[0].pk))
    page.get_by_test_id("console-manual-assign").click()
    expect(page.get_by_test_id("console-manual-result")).to_have_text("Sudah ditugaskan.")
    assert ReviewAssignment.objects.filter(reviewer=reviewers[0], idea=ideas[0]).exists()

    page.locator("#panel-per-idea").fill("2")
    page.get_by_test_id("console-panel-assign").click()
    expect(page.get_by_test_id("console-panel-result")).to_contain_text("penugasan dibuat")
    # Two reviewers per idea, none from the author's agency: the conflicted member is left out.
    assert ReviewAssignment.objects.filter(idea__campaign=campaign).count() == 4
    assert not ReviewAssignment.objects.filter(reviewer=conflicted, idea=ideas[0]).exists()
    shoot(page, "console-campaign")


def test_an_admin_takes_a_comment_down_and_its_author_reads_why(
    page, server_url, admin_user, staff, other_staff, traffic
):
    idea = make_idea(author=staff, category=traffic, title="Sensor genangan di underpass")
    comment = comment_create(idea=idea, author=other_staff, body="Komentar yang tidak sopan.")
    sign_in(page, server_url, username="admin")
    page.goto(f"{server_url}/ideas/{idea.pk}/")
    item = page.get_by_test_id("comment").filter(has_text="tidak sopan")
    item.get_by_test_id("moderate-open").click()
    item.get_by_test_id("moderate-confirm").click()
    expect(item).to_contain_text("tidak boleh kosong")  # a reason is required: nothing changed
    comment.refresh_from_db()
    assert comment.is_published
    item.get_by_test_id("moderate-reason").fill("Melanggar pedoman komentar: bahasa kasar.")
    item.get_by_test_id("moderate-confirm").click()
    expect(page.get_by_test_id("comment")).to_have_count(0)
    expect(page.get_by_test_id("comment-count")).to_have_text("0")
    comment.refresh_from_db()
    assert (comment.is_published, comment.moderation_reason) == (
        False,
        "Melanggar pedoman komentar: bahasa kasar.",
    )

    page.get_by_test_id("signout").click()
    page.wait_for_url(f"{server_url}/login/")
    sign_in(page, server_url, username="staff2")
    page.goto(f"{server_url}/saya/")
    expect(page.get_by_test_id("notification").first).to_contain_text(
        "diturunkan oleh kantor inovasi. Alasan: Melanggar pedoman komentar: bahasa kasar."
    )


def test_an_admin_hides_an_abusive_idea_with_a_reason_from_the_console(
    page, server_url, admin_user, staff, other_staff, traffic
):
    idea = make_idea(author=staff, category=traffic, title="Ide dengan bahasa kasar")
    sign_in(page, server_url, username="admin")
    page.goto(f"{server_url}/kelola/")
    page.get_by_test_id("console-idea-search").fill("bahasa kasar")
    page.get_by_test_id("console-idea-search").press("Enter")
    page.get_by_test_id("console-idea-pick").first.click()
    page.get_by_test_id("console-status-select").select_option("hidden")
    page.get_by_test_id("console-status-submit").click()
    # The reason is required: the office's note is what the author is told.
    expect(page.get_by_test_id("console-status-result")).to_contain_text("alasan")
    idea.refresh_from_db()
    assert idea.status == "submitted"
    page.get_by_test_id("console-status-note").fill("Melanggar pedoman: bahasa kasar.")
    page.get_by_test_id("console-status-submit").click()
    expect(page.get_by_test_id("console-status-result")).to_contain_text("Disembunyikan")
    idea.refresh_from_db()
    assert idea.status == "hidden"

    page.get_by_test_id("signout").click()
    page.wait_for_url(f"{server_url}/login/")
    sign_in(page, server_url, username="staff2")  # another reader: the idea is gone
    expect(page.get_by_test_id("feed-empty")).to_be_visible()
    page.get_by_test_id("signout").click()
    page.wait_for_url(f"{server_url}/login/")
    sign_in(page, server_url, username="staff1")  # its author: told why
    page.goto(f"{server_url}/saya/")
    expect(page.get_by_test_id("notification").first).to_contain_text(
        "disembunyikan oleh kantor inovasi. Alasan: Melanggar pedoman: bahasa kasar."
    )
    expect(page.get_by_test_id("mine-idea").first.get_by_test_id("status-badge")).to_have_attribute(
        "data-status", "hidden"
    )
