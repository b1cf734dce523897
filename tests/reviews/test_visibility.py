"""Who sees panel scores (API.md §Panel reviews, §Leaderboard), endpoint by endpoint.

While the review phase is open no reviewer sees another's scores and staff see none; admins and
leadership see panel scores at any time. Once the review has closed, everyone sees panel scores
and leadership see every review."""

from datetime import timedelta

import pytest
from django.utils import timezone

from ideas.models import Campaign, Idea
from reviews import services
from reviews.models import PanelResult
from tests.factories import UserFactory
from tests.reviews.conftest import (
    api,
    feedback_json,
    idea_in,
    iso,
    page,
    refusal,
    review_json,
    submit,
    user_json,
)

pytestmark = pytest.mark.django_db

HIDDEN = ["reviewer", "second_reviewer", "plain_staff", "author"]  # may not see panel scores
SEEING = ["admin_user", "leader"]  # may, at any time
PANEL_HIDDEN_DETAIL = "Panel scores are not public yet."
RANKING_HIDDEN_DETAIL = "Rankings by panel score are shown once the review phase has closed."


@pytest.fixture
def plain_staff(db):
    return UserFactory(username="lia", full_name="Lia Amalia")


@pytest.fixture
def scored(review_campaign, idea, author, reviewer, second_reviewer, admin_user, traffic):
    """Two ideas, both reviewed by both panel members. The panel prefers the older idea, so the
    panel's order differs from newest-first (the order without panel scores)."""
    newer = idea_in(
        review_campaign, author=UserFactory(), category=traffic, title="Pompa air portabel"
    )
    for target in (idea, newer):
        for person in (reviewer, second_reviewer):
            services.review_assignment_create(idea=target, reviewer=person, by=admin_user)
    reviews = {
        "first_on_idea": submit(idea, reviewer, [5] * 5, "Sangat layak.", "nilai tertinggi"),
        "second_on_idea": submit(idea, second_reviewer, [4] * 5, "Layak.", "rapi"),
        "first_on_newer": submit(newer, reviewer, [2] * 5, "Kurang data.", "lemah"),
        "second_on_newer": submit(newer, second_reviewer, [3] * 5, "Cukup.", "sedang"),
    }
    idea.refresh_from_db()
    newer.refresh_from_db()
    assert idea.panel_score > newer.panel_score
    return idea, newer, reviews


def close_review(campaign: Campaign) -> None:
    Campaign.objects.filter(pk=campaign.pk).update(
        review_closes=timezone.now() - timedelta(minutes=1)
    )


def panel_result_json(idea) -> dict:
    result = PanelResult.objects.get(idea=idea)
    return {
        "review_count": result.review_count,
        "raw_mean": result.raw_mean,
        "normalised": result.normalised,
        "spread": result.spread,
    }


# --- GET /api/ideas/{id}/reviews/ --------------------------------------------------------------


def test_while_open_a_reviewer_sees_their_own_scores_and_only_the_others_feedback(
    scored, second_reviewer
):
    idea, _newer, reviews = scored

    response = api(second_reviewer).get(f"/api/ideas/{idea.pk}/reviews/")

    assert response.status_code == 200, response.content
    assert response.json() == page(
        [
            feedback_json(reviews["first_on_idea"], named=False),
            review_json(reviews["second_on_idea"]),
        ]
    )


@pytest.mark.parametrize("who", ["plain_staff", "author", "leader"])
def test_while_open_staff_authors_and_leadership_see_only_the_published_feedback(
    request, who, scored
):
    idea, _newer, reviews = scored

    response = api(request.getfixturevalue(who)).get(f"/api/ideas/{idea.pk}/reviews/")

    assert response.status_code == 200, response.content
    assert response.json() == page(
        [
            feedback_json(reviews["first_on_idea"], named=False),
            feedback_json(reviews["second_on_idea"], named=False),
        ]
    )


def test_admins_see_every_review_in_full_at_any_time(scored, admin_user):
    idea, _newer, reviews = scored

    response = api(admin_user).get(f"/api/ideas/{idea.pk}/reviews/")

    assert response.json() == page(
        [review_json(reviews["first_on_idea"]), review_json(reviews["second_on_idea"])]
    )


# --- Ideas: detail and list --------------------------------------------------------------------


@pytest.mark.parametrize("who", HIDDEN)
def test_while_open_the_idea_shows_no_panel_score_to_reviewers_or_staff(request, who, scored):
    idea, newer, _ = scored
    client = api(request.getfixturevalue(who))

    for target in (idea, newer):
        response = client.get(f"/api/ideas/{target.pk}/")
        assert response.status_code == 200, response.content
        assert response.json()["panel_score"] is None


@pytest.mark.parametrize("who", SEEING)
def test_the_idea_shows_its_panel_score_to_admins_and_leadership_while_open(request, who, scored):
    idea, newer, _ = scored
    client = api(request.getfixturevalue(who))

    assert client.get(f"/api/ideas/{idea.pk}/").json()["panel_score"] == idea.panel_score
    assert client.get(f"/api/ideas/{newer.pk}/").json()["panel_score"] == newer.panel_score


@pytest.mark.parametrize("who", HIDDEN)
def test_while_open_the_idea_list_neither_shows_nor_orders_by_panel_scores(request, who, scored):
    idea, newer, _ = scored
    client = api(request.getfixturevalue(who))

    for params in ({"campaign": idea.campaign_id}, {"ordering": "-score"}):
        response = client.get("/api/ideas/", params)
        assert response.status_code == 200, response.content
        rows = [(row["id"], row["panel_score"]) for row in response.json()["results"]]
        # Newest first: the panel's preference for the older idea must not show through.
        assert rows == [(newer.pk, None), (idea.pk, None)]


@pytest.mark.parametrize("who", SEEING)
def test_the_idea_list_orders_by_panel_score_for_admins_and_leadership(request, who, scored):
    idea, newer, _ = scored

    response = api(request.getfixturevalue(who)).get("/api/ideas/", {"ordering": "-score"})

    rows = [(row["id"], row["panel_score"]) for row in response.json()["results"]]
    assert rows == [(idea.pk, idea.panel_score), (newer.pk, newer.panel_score)]


# --- Leaderboard -------------------------------------------------------------------------------


@pytest.mark.parametrize("who", HIDDEN)
def test_while_open_the_vote_leaderboard_shows_reviewers_and_staff_no_panel_scores(
    request, who, scored
):
    idea, _newer, _ = scored

    response = api(request.getfixturevalue(who)).get(
        "/api/leaderboard/", {"campaign": idea.campaign_id, "by": "votes"}
    )

    assert response.status_code == 200, response.content
    assert {(e["panel_score"], e["combined_score"]) for e in response.json()["entries"]} == {
        (None, None)
    }


@pytest.mark.parametrize("by", ["panel", "combined"])
@pytest.mark.parametrize("who", HIDDEN)
def test_while_open_rankings_by_panel_are_403_for_reviewers_and_staff(request, who, by, scored):
    idea, _newer, _ = scored

    response = api(request.getfixturevalue(who)).get(
        "/api/leaderboard/", {"campaign": idea.campaign_id, "by": by}
    )

    assert response.status_code == 403, response.content
    assert response.json() == refusal("panel_scores_hidden", RANKING_HIDDEN_DETAIL)


@pytest.mark.parametrize("by", ["votes", "panel", "combined"])
@pytest.mark.parametrize("who", SEEING)
def test_admins_and_leadership_get_every_leaderboard_with_panel_scores(request, who, by, scored):
    idea, newer, _ = scored

    response = api(request.getfixturevalue(who)).get(
        "/api/leaderboard/", {"campaign": idea.campaign_id, "by": by}
    )

    assert response.status_code == 200, response.content
    entries = {e["idea"]["id"]: e for e in response.json()["entries"]}
    assert entries[idea.pk]["panel_score"] == idea.panel_score
    assert entries[newer.pk]["panel_score"] == newer.panel_score
    # No votes: the combined score is the panel's share of the panel score.
    assert entries[idea.pk]["combined_score"] == pytest.approx(0.7 * idea.panel_score, abs=0.01)
    if by != "votes":
        assert [e["idea"]["id"] for e in response.json()["entries"]] == [idea.pk, newer.pk]


# --- Panel result and progress -----------------------------------------------------------------


@pytest.mark.parametrize("who", HIDDEN)
def test_while_open_the_panel_result_is_403_for_reviewers_and_staff(request, who, scored):
    idea, _newer, _ = scored

    response = api(request.getfixturevalue(who)).get(f"/api/ideas/{idea.pk}/panel-result/")

    assert response.status_code == 403, response.content
    assert response.json() == refusal("panel_scores_hidden", PANEL_HIDDEN_DETAIL)


@pytest.mark.parametrize("who", SEEING)
def test_admins_and_leadership_get_the_panel_result_while_open(request, who, scored):
    idea, _newer, _ = scored

    response = api(request.getfixturevalue(who)).get(f"/api/ideas/{idea.pk}/panel-result/")

    assert response.status_code == 200, response.content
    assert response.json() == panel_result_json(idea)
    assert response.json()["review_count"] == 2
    assert response.json()["raw_mean"] == 87.5  # (100 + 75) / 2


@pytest.mark.parametrize("who", HIDDEN)
def test_panel_progress_is_403_for_reviewers_and_staff(request, who, scored):
    idea, _newer, _ = scored

    response = api(request.getfixturevalue(who)).get(
        f"/api/campaigns/{idea.campaign_id}/panel/progress/"
    )

    assert response.status_code == 403, response.content
    assert response.json() == refusal("not_admin", "Only admins and leadership see panel progress.")


@pytest.mark.parametrize("who", SEEING)
def test_panel_progress_shows_admins_and_leadership_who_reviewed_what_but_no_scores(
    request, who, scored, reviewer, second_reviewer
):
    idea, newer, _ = scored

    response = api(request.getfixturevalue(who)).get(
        f"/api/campaigns/{idea.campaign_id}/panel/progress/"
    )

    assert response.status_code == 200, response.content
    due = {
        (a.idea_id, a.reviewer_id): iso(a.due_at)
        for a in idea.review_assignments.all() | newer.review_assignments.all()
    }

    def row(person):
        return {
            "reviewer": user_json(person),
            "assigned": 2,
            "reviewed": 2,
            "overdue": 0,
            "ideas": [
                {"idea": i.pk, "reviewed": True, "due_at": due[(i.pk, person.pk)]}
                for i in (idea, newer)
            ],
        }

    def in_order(rows):
        # The contract orders neither the reviewers nor each one's ideas.
        rows = [{**r, "ideas": sorted(r["ideas"], key=lambda i: i["idea"])} for r in rows]
        return sorted(rows, key=lambda r: r["reviewer"]["id"])

    body = response.json()
    assert set(body) == {"campaign", "reviewers"}
    assert body["campaign"] == idea.campaign_id
    assert in_order(body["reviewers"]) == in_order([row(reviewer), row(second_reviewer)])


# --- After the review has closed ---------------------------------------------------------------


@pytest.mark.parametrize("who", [*HIDDEN, *SEEING])
def test_after_the_review_closes_everyone_sees_panel_scores(request, who, scored):
    idea, newer, _ = scored
    close_review(idea.campaign)
    client = api(request.getfixturevalue(who))

    assert client.get(f"/api/ideas/{idea.pk}/").json()["panel_score"] == idea.panel_score
    listed = client.get("/api/ideas/", {"ordering": "-score"}).json()["results"]
    assert [(row["id"], row["panel_score"]) for row in listed] == [
        (idea.pk, idea.panel_score),
        (newer.pk, newer.panel_score),
    ]
    board = client.get("/api/leaderboard/", {"campaign": idea.campaign_id, "by": "panel"})
    assert board.status_code == 200, board.content
    assert [(e["idea"]["id"], e["panel_score"]) for e in board.json()["entries"]] == [
        (idea.pk, idea.panel_score),
        (newer.pk, newer.panel_score),
    ]
    result = client.get(f"/api/ideas/{idea.pk}/panel-result/")
    assert (result.status_code, result.json()) == (200, panel_result_json(idea))


def test_after_the_review_closes_leadership_see_every_review_in_full(scored, leader):
    idea, _newer, reviews = scored
    close_review(idea.campaign)

    response = api(leader).get(f"/api/ideas/{idea.pk}/reviews/")

    assert response.json() == page(
        [review_json(reviews["first_on_idea"]), review_json(reviews["second_on_idea"])]
    )


@pytest.mark.parametrize("who", ["plain_staff", "author"])
def test_after_the_review_closes_staff_still_see_only_the_feedback(request, who, scored):
    idea, _newer, reviews = scored
    close_review(idea.campaign)

    response = api(request.getfixturevalue(who)).get(f"/api/ideas/{idea.pk}/reviews/")

    assert response.json() == page(
        [
            feedback_json(reviews["first_on_idea"], named=False),
            feedback_json(reviews["second_on_idea"], named=False),
        ]
    )


def test_reviews_of_a_draft_are_404_to_those_who_may_not_see_it(scored, plain_staff):
    idea, _newer, _ = scored
    Idea.objects.filter(pk=idea.pk).update(status=Idea.Status.DRAFT)

    response = api(plain_staff).get(f"/api/ideas/{idea.pk}/reviews/")

    assert response.status_code == 404
