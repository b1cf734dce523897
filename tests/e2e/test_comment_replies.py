"""Comment threads in a real browser against a real ASGI server: a reply posted in one browser
context arrives live, under its parent, in another; an edit shows "diedit" there; a delete
leaves the "deleted by its author" placeholder above the reply; a report reaches the queue."""

import pytest

from ideas import comments as idea_comments
from ideas import services as idea_services
from ideas.models import Comment, Report
from tests.e2e.conftest import axe_serious, expect, shoot, sign_in
from tests.factories import UserFactory, make_idea

pytestmark = pytest.mark.e2e

LIVE = "Langsung"


def open_idea(page, url: str, idea) -> None:
    page.goto(f"{url}/ideas/{idea.pk}/")
    expect(page.get_by_test_id("idea-title")).to_have_text(idea.title)
    expect(page.get_by_test_id("live-status")).to_have_text(LIVE)
    page.evaluate("window.__sameDocument = true")


def thread(page, comment):
    return page.locator(f"#comment-{comment.pk}")


def test_a_reply_arrives_live_under_its_parent_and_its_edit_shows_diedit(
    asgi_live_server, open_page, staff, other_staff, traffic
):
    idea = make_idea(author=UserFactory(), category=traffic, title="Sumur resapan di Cipinang")
    question = idea_services.comment_create(
        idea=idea, author=other_staff, body="Berapa sumur per RW?"
    )
    url = asgi_live_server.url
    replier, reader = open_page(), open_page()
    sign_in(replier, url, username="staff1")
    sign_in(reader, url, username="staff2")
    open_idea(replier, url, idea)
    open_idea(reader, url, idea)
    expect(reader.get_by_test_id("comment-count")).to_have_text("1")

    # staff1 replies to staff2's question.
    thread(replier, question).get_by_test_id("comment-reply").click()
    replier.get_by_test_id("reply-form").locator("textarea").fill("Sepuluh, <i>menurut</i> kajian.")
    replier.get_by_test_id("reply-submit").click()

    reply_on_reader = (
        thread(reader, question).get_by_test_id("comment-replies").get_by_test_id("comment")
    )
    expect(reply_on_reader).to_have_count(1)
    expect(reply_on_reader.get_by_test_id("comment-body")).to_have_text(
        "Sepuluh, <i>menurut</i> kajian."
    )
    expect(reply_on_reader).to_contain_text("Budi Santoso")
    expect(reader.get_by_test_id("comment-count")).to_have_text("2")
    # Once on the replier's page, though its POST and the socket both brought it.
    expect(
        thread(replier, question).get_by_test_id("comment-replies").get_by_test_id("comment")
    ).to_have_count(1)
    expect(replier.get_by_test_id("comment-count")).to_have_text("2")
    reply = Comment.objects.get(parent=question)
    assert reply.author == staff

    # The reader, typing a reply of their own, keeps their text when the edit arrives live.
    thread(reader, question).get_by_test_id("comment-reply").first.click()
    reader.get_by_test_id("reply-form").locator("textarea").fill("Setengah jadi")

    own_reply = thread(replier, reply)
    own_reply.get_by_test_id("comment-edit").click()
    replier.get_by_test_id("edit-form").locator("textarea").fill("Dua belas, menurut kajian BPBD.")
    replier.get_by_test_id("edit-save").click()

    edited_on_reader = thread(reader, reply)
    expect(edited_on_reader.get_by_test_id("comment-body")).to_have_text(
        "Dua belas, menurut kajian BPBD."
    )
    expect(edited_on_reader.get_by_test_id("comment-edited")).to_contain_text("diedit")
    expect(thread(replier, reply).get_by_test_id("comment-edited")).to_contain_text("diedit")
    expect(reader.get_by_test_id("reply-form").locator("textarea")).to_have_value("Setengah jadi")
    expect(reader.get_by_test_id("comment-count")).to_have_text("2")

    # staff2 deletes their question: a placeholder stays above staff1's reply, on both pages.
    reader.get_by_test_id("reply-form").get_by_role("button", name="Batal").click()
    thread(reader, question).get_by_test_id("comment-delete").first.click()
    thread(reader, question).get_by_test_id("comment-delete-confirm").click()
    for page in (reader, replier):
        expect(thread(page, question).get_by_test_id("comment-body").first).to_have_text(
            "Komentar ini dihapus oleh penulisnya."
        )
        expect(thread(page, reply)).to_be_visible()
        expect(page.get_by_test_id("comment-count")).to_have_text("1")
    assert reader.evaluate("window.__sameDocument") is True
    assert replier.evaluate("window.__sameDocument") is True


def test_a_comment_is_reported_from_the_idea_page(
    asgi_live_server, open_page, staff, other_staff, traffic
):
    idea = make_idea(author=UserFactory(), category=traffic, title="Parkir liar di Tanah Abang")
    rude = idea_services.comment_create(idea=idea, author=other_staff, body="Iklan pinjol")
    url = asgi_live_server.url
    page = open_page()
    sign_in(page, url, username="staff1")
    open_idea(page, url, idea)

    thread(page, rude).get_by_test_id("comment-report").click()
    page.get_by_test_id("report-reason").select_option("spam")
    page.get_by_test_id("report-submit").click()

    expect(thread(page, rude)).to_contain_text("Terima kasih: moderator akan memeriksanya.")
    expect(page.get_by_test_id("report-form")).to_have_count(0)
    report = Report.objects.get()
    assert (report.comment_id, report.reason, report.reporter) == (rude.pk, "spam", staff)


def test_threads_their_forms_and_the_moderation_queue_pass_axe_at_phone_width(
    page, server_url, staff, other_staff, admin_user, traffic
):
    idea = make_idea(author=UserFactory(), category=traffic, title="Halte terpadu Kampung Melayu")
    question = idea_services.comment_create(idea=idea, author=other_staff, body="Kapan mulai?")
    idea_services.comment_create(idea=idea, author=staff, body="Tahun depan.", parent=question)
    idea_comments.comment_report(comment=question, reporter=staff, reason="off_topic", note="?")
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, server_url, username="staff1")
    page.goto(f"{server_url}/ideas/{idea.pk}/")
    expect(thread(page, question).get_by_test_id("comment-replies")).to_be_visible()
    thread(page, question).get_by_test_id("comment-reply").click()
    thread(page, question).get_by_test_id("comment-report").first.click()
    page.get_by_test_id("idea-report-open").click()
    expect(page.get_by_test_id("reply-form")).to_be_visible()
    expect(page.get_by_test_id("report-form")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert axe_serious(page) == []
    shoot(page, "comment-thread-phone")

    page.context.clear_cookies()
    sign_in(page, server_url, username="admin")
    page.goto(f"{server_url}/kelola/#moderation-section")
    report = page.get_by_test_id("moderation-report")
    expect(report).to_have_count(1)
    expect(report).to_contain_text("Kapan mulai?")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert axe_serious(page) == []
    shoot(page, "moderation-queue-phone")

    report.get_by_test_id("moderation-note").fill("Pertanyaan wajar.")
    report.get_by_test_id("moderation-dismiss").click()
    expect(page.get_by_test_id("moderation-report")).to_have_count(0)
    assert Report.objects.get().status == "dismissed"
