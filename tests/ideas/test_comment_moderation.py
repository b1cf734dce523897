"""Moderation: an admin takes a comment down with a reason; it leaves the page and the count,
stays on record, and its author is told why."""

import pytest

from ideas import services
from ideas.models import Comment
from notifications.models import Notification
from tests.conftest import client_for
from tests.factories import make_idea

pytestmark = pytest.mark.django_db


@pytest.fixture
def comment(staff, other_staff, traffic):
    idea = make_idea(author=staff, category=traffic, title="Sensor genangan")
    return services.comment_create(idea=idea, author=other_staff, body="Komentar kasar.")


def test_an_admin_takes_a_comment_down_and_its_author_is_told_why(
    admin_client, admin_user, other_staff, comment
):
    done = admin_client.post(f"/api/comments/{comment.pk}/moderate/", {"reason": "Tidak sopan."})
    assert done.status_code == 200
    assert done.json() == {"comment": comment.pk, "idea": comment.idea_id, "hidden": True}
    comment.refresh_from_db()
    assert (comment.is_published, comment.moderated_by_id, comment.moderation_reason) == (
        False,
        admin_user.pk,
        "Tidak sopan.",
    )
    assert comment.body == "Komentar kasar."  # kept for the record
    assert comment.idea.__class__.objects.get(pk=comment.idea_id).comment_count == 0
    listed = client_for(other_staff).get(f"/api/ideas/{comment.idea_id}/comments/").json()
    assert listed["count"] == 0
    told = Notification.objects.get(user=other_staff, kind="comment_hidden")
    assert told.data["reason"] == "Tidak sopan." and told.data["title"] == "Sensor genangan"


def test_refusals_change_nothing(staff_client, admin_client, comment):
    assert (
        staff_client.post(f"/api/comments/{comment.pk}/moderate/", {"reason": "x"}).status_code
        == 403
    )
    assert (
        admin_client.post(f"/api/comments/{comment.pk}/moderate/", {"reason": "  "}).status_code
        == 400
    )
    assert admin_client.post("/api/comments/999999/moderate/", {"reason": "x"}).status_code == 404
    comment.refresh_from_db()
    assert comment.is_published and comment.moderated_by_id is None
    assert not Notification.objects.filter(kind="comment_hidden").exists()
    admin_client.post(f"/api/comments/{comment.pk}/moderate/", {"reason": "Tidak sopan."})
    again = admin_client.post(f"/api/comments/{comment.pk}/moderate/", {"reason": "Lagi."})
    assert (again.status_code, again.json()["code"]) == (409, "not_published")
    assert Comment.objects.get(pk=comment.pk).moderation_reason == "Tidak sopan."
