"""What submitting a review broadcasts, after commit, on the real channel layer (no sockets)."""

import pytest

from core.errors import RuleForbidden
from live import publish
from notifications.models import Notification
from reviews import services
from tests.reviews.conftest import review_input

pytestmark = pytest.mark.django_db


def test_published_feedback_reaches_the_idea_group_the_authors_and_the_leaderboard(
    idea, assigned, reviewer, author, co_author, listen, django_capture_on_commit_callbacks
):
    on_idea = listen(publish.idea_group(idea.pk))
    to_author = listen(publish.user_group(author.pk))
    to_co_author = listen(publish.user_group(co_author.pk))
    on_board = listen(publish.leaderboard_dirty_group(idea.campaign_id))

    with django_capture_on_commit_callbacks(execute=True):
        review, created = services.review_submit(
            idea_id=idea.pk,
            reviewer=reviewer,
            data=review_input(idea.campaign, [4] * 5, "Perlu kajian biaya pemeliharaan."),
        )

    comment = on_idea.receive()
    assert comment["type"] == "comment.added"
    assert comment["idea"] == idea.pk
    assert (comment["comment"]["id"], comment["comment"]["kind"], comment["comment"]["author"]) == (
        review.feedback_id,
        "reviewer",
        None,  # blind: the payload has no reader, so no name
    )
    assert "scores" not in comment["comment"] and "weighted_score" not in comment["comment"]
    expected = {
        "type": "notification.added",
        "kind": "review_feedback",
        "idea": idea.pk,
        "title": idea.title,
    }
    for inbox in (to_author, to_co_author):
        got = inbox.receive()
        assert {k: v for k, v in got.items() if k != "id"} == expected
        assert got["id"] in set(Notification.objects.values_list("pk", flat=True))
    assert on_board.receive() == {"type": "leaderboard.dirty", "campaign": idea.campaign_id}


def test_cleared_feedback_is_withdrawn_live(
    idea, assigned, reviewer, listen, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        review, _ = services.review_submit(
            idea_id=idea.pk,
            reviewer=reviewer,
            data=review_input(idea.campaign, [4] * 5, "Perlu uji coba di satu kelurahan."),
        )
    feedback_id = review.feedback_id
    on_idea = listen(publish.idea_group(idea.pk))

    with django_capture_on_commit_callbacks(execute=True):
        services.review_submit(
            idea_id=idea.pk,
            reviewer=reviewer,
            data=review_input(idea.campaign, [4] * 5, ""),
            replace=True,
        )

    idea.refresh_from_db()
    assert on_idea.receive() == {
        "type": "comment.withdrawn",
        "idea": idea.pk,
        "comment": feedback_id,
        "comment_count": 0,
        "seq": idea.live_version,
        "withdrawn": "author",
    }


def test_nothing_is_broadcast_when_the_review_is_refused(
    idea, assigned, colleague, listen, django_capture_on_commit_callbacks
):
    on_idea = listen(publish.idea_group(idea.pk))

    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuleForbidden, match="conflict_of_interest"),
    ):
        services.review_submit(
            idea_id=idea.pk,
            reviewer=colleague,
            data=review_input(idea.campaign, [4] * 5, "Bagus."),
        )

    assert callbacks == []
    with pytest.raises(TimeoutError):
        on_idea.receive(timeout=0.3)
