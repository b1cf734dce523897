"""Editing and deleting one's own comment within the window (GAGASAN_COMMENT_EDIT_SECONDS):
PATCH and DELETE /api/ideas/{id}/comments/{cid}/."""

from datetime import timedelta

import pytest
from django.utils import timezone

from ideas import comments, services
from ideas.models import Comment, CommentRevision, Idea
from tests.conftest import client_for
from tests.factories import make_idea
from tests.ideas.conftest import iso

pytestmark = pytest.mark.django_db


@pytest.fixture
def idea(other_staff, traffic, voting_campaign):
    return make_idea(author=other_staff, category=traffic, campaign=voting_campaign)


@pytest.fixture
def mine(idea, staff):
    return services.comment_create(idea=idea, author=staff, body="Tulisan pertama")


def url(comment):
    return f"/api/ideas/{comment.idea_id}/comments/{comment.pk}/"


def later(monkeypatch, seconds):
    """The clock moved on (the services and the API read django.utils.timezone.now)."""
    moment = timezone.now() + timedelta(seconds=seconds)
    monkeypatch.setattr(timezone, "now", lambda: moment)
    return moment


def test_the_author_edits_within_the_window_and_it_is_marked_edited(
    staff_client, mine, monkeypatch
):
    moment = later(monkeypatch, 60)

    response = staff_client.patch(url(mine), {"body": "Tulisan yang diperbaiki"}, format="json")

    assert response.status_code == 200, response.content
    assert response.json()["body"] == "Tulisan yang diperbaiki"
    assert response.json()["edited_at"] == iso(moment)
    mine.refresh_from_db()
    assert (mine.body, mine.edited_at) == ("Tulisan yang diperbaiki", moment)
    assert list(CommentRevision.objects.values_list("body", flat=True)) == ["Tulisan pertama"]
    listed = staff_client.get(f"/api/ideas/{mine.idea_id}/comments/").json()["results"][0]
    assert (listed["body"], listed["edited_at"]) == ("Tulisan yang diperbaiki", iso(moment))


def test_the_same_text_again_changes_nothing(staff_client, mine):
    response = staff_client.patch(url(mine), {"body": "Tulisan pertama"}, format="json")

    assert response.status_code == 200
    assert response.json()["edited_at"] is None
    assert not CommentRevision.objects.exists()


@pytest.mark.parametrize("method", ["patch", "delete"])
def test_after_the_window_it_is_409_edit_window_closed_and_nothing_changes(
    staff_client, mine, monkeypatch, method
):
    later(monkeypatch, 901)

    response = getattr(staff_client, method)(url(mine), {"body": "Terlambat"}, format="json")

    assert response.status_code == 409
    assert response.json()["code"] == "edit_window_closed"
    mine.refresh_from_db()
    assert (mine.body, mine.edited_at, mine.is_published) == ("Tulisan pertama", None, True)


def test_the_window_is_a_setting(staff_client, mine, settings, monkeypatch):
    settings.COMMENT_EDIT_SECONDS = 30
    later(monkeypatch, 31)

    response = staff_client.patch(url(mine), {"body": "Terlambat"}, format="json")

    assert (response.status_code, response.json()["code"]) == (409, "edit_window_closed")


def test_the_window_counts_from_posting_as_the_service_is_told(staff, mine):
    edge = mine.created_at + timedelta(seconds=900)

    comments.comment_edit(comment_id=mine.pk, editor=staff, body="Tepat waktu", now=edge)
    with pytest.raises(Exception) as late:
        comments.comment_edit(
            comment_id=mine.pk, editor=staff, body="Lewat", now=edge + timedelta(microseconds=1)
        )

    assert late.value.code == "edit_window_closed"
    assert Comment.objects.get(pk=mine.pk).body == "Tepat waktu"


@pytest.mark.parametrize("who", ["other_staff", "admin_user", "leader"])
@pytest.mark.parametrize("method", ["patch", "delete"])
def test_someone_else_may_not_edit_or_delete_it(request, mine, who, method):
    client = client_for(request.getfixturevalue(who))

    response = getattr(client, method)(url(mine), {"body": "Bukan punyaku"}, format="json")

    assert response.status_code == 403
    assert response.json()["code"] == "not_comment_author"
    mine.refresh_from_db()
    assert (mine.body, mine.is_published) == ("Tulisan pertama", True)


def test_a_comment_under_another_idea_or_missing_is_404(staff_client, staff, traffic, mine):
    other = make_idea(author=staff, category=traffic)

    assert (
        staff_client.patch(
            f"/api/ideas/{other.pk}/comments/{mine.pk}/", {"body": "x"}, format="json"
        ).status_code
        == 404
    )
    assert staff_client.delete(f"/api/ideas/{mine.idea_id}/comments/999999/").status_code == 404


def test_a_bad_body_is_400_naming_body(staff_client, mine):
    for body in ({}, {"body": "  "}, {"body": "x" * 5001}):
        response = staff_client.patch(url(mine), body, format="json")
        assert (response.status_code, list(response.json())) == (400, ["body"])


def test_delete_withdraws_the_body_keeps_the_replies_and_the_count_follows(
    staff, staff_client, other_staff, idea, mine
):
    reply = services.comment_create(idea=idea, author=other_staff, body="Balasan", parent=mine)
    assert Idea.objects.get(pk=idea.pk).comment_count == 2

    response = staff_client.delete(url(mine))

    assert response.status_code == 204
    mine.refresh_from_db()
    assert (mine.is_published, mine.deleted_at is not None) == (False, True)
    assert Idea.objects.get(pk=idea.pk).comment_count == 1
    assert Comment.objects.get(pk=reply.pk).is_published
    thread = staff_client.get(f"/api/ideas/{idea.pk}/comments/", {"view": "threads"}).json()[
        "results"
    ][0]
    assert (thread["id"], thread["withdrawn"], thread["body"]) == (mine.pk, "author", "")
    assert [r["id"] for r in thread["replies"]] == [reply.pk]
    again = staff_client.delete(url(mine))
    assert (again.status_code, again.json()["code"]) == (409, "not_published")
    assert Idea.objects.get(pk=idea.pk).comment_count == 1


def test_an_admin_edits_their_own_official_response_within_the_window(
    admin_user, admin_client, idea, monkeypatch
):
    official = services.comment_create(
        idea=idea, author=admin_user, body="Akan ditindaklanjuti.", kind="official"
    )

    done = admin_client.patch(url(official), {"body": "Dijadwalkan Maret."}, format="json")
    later(monkeypatch, 901)
    late = admin_client.patch(url(official), {"body": "Ralat lagi"}, format="json")

    assert (done.status_code, done.json()["kind"], done.json()["body"]) == (
        200,
        "official",
        "Dijadwalkan Maret.",
    )
    assert (late.status_code, late.json()["code"]) == (409, "edit_window_closed")


def test_reviewer_feedback_is_not_edited_here_but_with_its_review(idea):
    reviewer = idea.author.__class__.objects.create(username="panelis", full_name="Panelis")
    feedback = services.feedback_comment_create(idea=idea, reviewer=reviewer, body="Bagus.")

    response = client_for(reviewer).patch(url(feedback), {"body": "Ubah"}, format="json")

    assert (response.status_code, response.json()["code"]) == (409, "feedback_in_review")
    services.comment_update(comment_id=feedback.pk, body="Bagus, tambah data.")
    feedback.refresh_from_db()
    assert feedback.body == "Bagus, tambah data." and feedback.edited_at is not None


def test_editing_a_deleted_comment_is_409_not_published(staff, staff_client, mine):
    comments.comment_delete(comment_id=mine.pk, user=staff)

    response = staff_client.patch(url(mine), {"body": "Kembali"}, format="json")

    assert (response.status_code, response.json()["code"]) == (409, "not_published")
