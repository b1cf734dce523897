"""POST/PUT /api/ideas/{id}/reviews/ (API.md §Panel reviews): the scoring rules."""

import pytest

from ideas.models import Comment
from reviews import services
from reviews.models import PanelResult, Review, Score
from tests.factories import UserFactory, campaign_in_phase, make_idea
from tests.reviews.conftest import (
    PERMENPAN,
    api,
    criteria_of,
    idea_in,
    iso,
    refusal,
    review_body,
    review_json,
    user_json,
)

pytestmark = pytest.mark.django_db


def stored() -> tuple:
    """Everything a review writes: reviews, scores, feedback comments, panel results."""
    return (
        list(Review.objects.values_list("idea_id", "reviewer_id", "weighted_score", "comment")),
        list(Score.objects.order_by("id").values_list("review_id", "criterion_id", "value")),
        list(Comment.objects.values_list("idea_id", "author_id", "body", "kind")),
        list(PanelResult.objects.values_list("idea_id", "review_count", "normalised")),
    )


def url(idea) -> str:
    return f"/api/ideas/{idea.pk}/reviews/"


def test_assigned_reviewer_submits_a_review_and_gets_it_back_whole(idea, assigned, reviewer):
    body = review_body(
        idea.campaign,
        [5, 4, 3, 2, 1],
        comment="Gagasan kuat; perlu data debit air.",
        private_note="Mirip usulan tahun lalu dari Jakarta Timur.",
    )

    response = api(reviewer).post(url(idea), body)

    assert response.status_code == 201, response.content
    review = Review.objects.get()
    criteria = criteria_of(idea.campaign)
    assert response.json() == {
        "id": review.pk,
        "idea": idea.pk,
        "reviewer": user_json(reviewer),
        "scores": [
            {"criterion": c.pk, "value": v} for c, v in zip(criteria, [5, 4, 3, 2, 1], strict=True)
        ],
        # (25 * 4/4 + 20 * 3/4 + 25 * 2/4 + 15 * 1/4 + 15 * 0) / 100 weight
        "weighted_score": 56.25,
        "comment": "Gagasan kuat; perlu data debit air.",
        "private_note": "Mirip usulan tahun lalu dari Jakarta Timur.",
        "created_at": iso(review.created_at),
        "updated_at": iso(review.updated_at),
    }
    assert review.scores.count() == 5
    feedback = Comment.objects.get()
    assert (feedback.author, feedback.body, feedback.kind, review.feedback) == (
        reviewer,
        "Gagasan kuat; perlu data debit air.",
        "reviewer",
        feedback,
    )


@pytest.mark.parametrize(
    ("values", "message"),
    [
        pytest.param([6, 4, 3, 2, 1], "“Kebaruan” is scored from 1 to 5.", id="above-max"),
        pytest.param([5, 4, 0, 2, 1], "“Bermanfaat” is scored from 1 to 5.", id="below-min"),
    ],
)
def test_a_value_outside_its_scale_is_400_naming_scores_and_stores_nothing(
    idea, assigned, reviewer, values, message
):
    response = api(reviewer).post(url(idea), review_body(idea.campaign, values, "Catatan."))

    assert response.status_code == 400, response.content
    assert response.json() == {"scores": [message]}
    assert stored() == ([], [], [], [])


def test_a_missing_criterion_is_400_naming_scores_and_stores_nothing(idea, assigned, reviewer):
    body = review_body(idea.campaign, [5, 4, 3, 2, 1])
    body["scores"] = body["scores"][:3]

    response = api(reviewer).post(url(idea), body)

    assert response.status_code == 400, response.content
    assert response.json() == {
        "scores": ["Every criterion must be scored; missing: Mudah direplikasi, Berkelanjutan."]
    }
    assert stored() == ([], [], [], [])


def test_a_criterion_of_another_campaign_is_400_naming_scores(idea, assigned, reviewer, admin_user):
    other = campaign_in_phase("review")
    services.rubric_apply(campaign=other, template_key=PERMENPAN, by=admin_user)
    body = review_body(idea.campaign, [3, 3, 3, 3, 3])
    foreign = criteria_of(other)[0].pk
    body["scores"].append({"criterion": foreign, "value": 3})

    response = api(reviewer).post(url(idea), body)

    assert response.status_code == 400, response.content
    assert response.json() == {"scores": [f"Not a criterion of this campaign: {foreign}."]}
    assert stored() == ([], [], [], [])


@pytest.mark.parametrize(
    "scores",
    [
        pytest.param([], id="empty"),
        pytest.param("lima", id="not-a-list"),
        pytest.param([{"criterion": 1}], id="no-value"),
        pytest.param([{"criterion": 1, "value": "lima"}], id="value-not-a-number"),
        pytest.param([{"criterion": 1, "value": 10**30}], id="value-overflows"),
        pytest.param([{"criterion": 1, "value": 3}, {"criterion": 1, "value": 4}], id="twice"),
    ],
)
def test_malformed_scores_are_400_naming_scores_and_store_nothing(idea, assigned, reviewer, scores):
    response = api(reviewer).post(url(idea), {"scores": scores})

    assert response.status_code == 400, response.content
    assert set(response.json()) == {"scores"}
    assert stored() == ([], [], [], [])


def test_a_second_post_is_409_review_exists_and_changes_nothing(idea, assigned, reviewer):
    assert (
        api(reviewer).post(url(idea), review_body(idea.campaign, [3] * 5, "Awal.")).status_code
        == 201
    )
    before = stored()

    response = api(reviewer).post(url(idea), review_body(idea.campaign, [5] * 5, "Ubah."))

    assert response.status_code == 409, response.content
    assert response.json() == refusal(
        "review_exists", "You have already reviewed this idea; change your review instead."
    )
    assert stored() == before


def test_put_replaces_the_review_while_open_and_updates_the_feedback(
    idea, assigned, reviewer, author
):
    first = api(reviewer).post(
        url(idea), review_body(idea.campaign, [3] * 5, "Perlu data debit.", "catatan awal")
    )
    assert first.status_code == 201, first.content
    feedback_id = Comment.objects.get().pk

    response = api(reviewer).put(
        url(idea), review_body(idea.campaign, [5, 5, 5, 1, 1], "Data debit sudah cukup.", "ok")
    )

    assert response.status_code == 200, response.content
    review = Review.objects.get()
    assert response.json() == review_json(review)
    # (25 + 20 + 25) / 100
    assert response.json()["weighted_score"] == 70.0
    assert [s["value"] for s in response.json()["scores"]] == [5, 5, 5, 1, 1]
    assert (review.comment, review.private_note) == ("Data debit sudah cukup.", "ok")
    assert Score.objects.count() == 5
    assert list(Comment.objects.values_list("pk", "body")) == [
        (feedback_id, "Data debit sudah cukup.")
    ]
    comments = api(author).get(f"/api/ideas/{idea.pk}/comments/").json()
    assert [c["body"] for c in comments["results"]] == ["Data debit sudah cukup."]
    assert PanelResult.objects.get(idea=idea).raw_mean == 70.0


def test_put_with_bad_scores_is_400_and_leaves_the_review_as_it_was(idea, assigned, reviewer):
    api(reviewer).post(url(idea), review_body(idea.campaign, [3] * 5, "Awal."))
    before = stored()

    response = api(reviewer).put(url(idea), review_body(idea.campaign, [9] * 5, "Ubah."))

    assert response.status_code == 400, response.content
    assert set(response.json()) == {"scores"}
    assert stored() == before


@pytest.mark.parametrize("phase", ["voting", "closed"])
@pytest.mark.parametrize("method", ["post", "put"])
def test_outside_the_review_phase_scoring_is_409_review_closed(
    phase, method, author, reviewer, admin_user, traffic
):
    campaign = campaign_in_phase(phase)
    services.rubric_apply(campaign=campaign, template_key=PERMENPAN, by=admin_user)
    idea = idea_in(campaign, author=author, category=traffic)
    services.review_assignment_create(idea=idea, reviewer=reviewer, by=admin_user)

    response = getattr(api(reviewer), method)(url(idea), review_body(campaign, [4] * 5, "Bagus."))

    assert response.status_code == 409, response.content
    assert response.json() == refusal("review_closed", "The review phase is not open.")
    assert stored() == ([], [], [], [])


def test_idea_outside_any_campaign_cannot_be_reviewed(author, reviewer):
    idea = make_idea(author=author)

    response = api(reviewer).post(url(idea), {"scores": [{"criterion": 1, "value": 3}]})

    assert response.status_code == 409, response.content
    assert response.json() == refusal("review_closed", "The review phase is not open.")
    assert stored() == ([], [], [], [])


def test_a_reviewer_not_assigned_to_the_idea_gets_403_not_assigned(idea, assigned):
    stranger = UserFactory(full_name="Lia Amalia")

    response = api(stranger).post(url(idea), review_body(idea.campaign, [4] * 5, "Bagus."))

    assert response.status_code == 403, response.content
    assert response.json() == refusal("not_assigned", "This idea is not in your review queue.")
    assert stored() == ([], [], [], [])


@pytest.mark.parametrize("method", ["post", "put", "get"])
def test_anonymous_gets_401(idea, assigned, method):
    response = getattr(api(), method)(url(idea), review_body(idea.campaign, [4] * 5))

    assert response.status_code == 401, response.content
    assert response.json() == {
        "detail": "Authentication credentials were not provided.",
        "code": "not_authenticated",
    }
    assert stored() == ([], [], [], [])


def test_reviewing_an_idea_that_does_not_exist_is_404(reviewer, review_campaign):
    response = api(reviewer).post(
        "/api/ideas/999999/reviews/", review_body(review_campaign, [3] * 5)
    )

    assert response.status_code == 404, response.content


def test_put_with_the_comment_cleared_withdraws_the_published_feedback(
    idea, assigned, reviewer, author
):
    api(reviewer).post(url(idea), review_body(idea.campaign, [3] * 5, "Perlu data debit."))

    response = api(reviewer).put(url(idea), review_body(idea.campaign, [3] * 5, ""))

    assert response.status_code == 200, response.content
    assert response.json()["comment"] == ""
    idea.refresh_from_db()
    assert api(author).get(f"/api/ideas/{idea.pk}/comments/").json() == {
        "count": 0,
        "next": None,
        "previous": None,
        "results": [],
        "comment_count": 0,
        "seq": idea.live_version,
    }
    assert api(author).get(url(idea)).json()["results"] == []
    idea.refresh_from_db()
    assert idea.comment_count == 0
