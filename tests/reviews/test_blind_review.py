"""Blind review (Campaign.blind_review, on by default): a reviewer judges the idea, not who wrote
it, and the authors read the feedback without learning who gave it. With blind review off, names
are shown both ways."""

from datetime import timedelta

import pytest

from ideas.models import Campaign, Comment
from reviews.models import ReviewAssignment
from tests.factories import UserFactory
from tests.reviews.conftest import (
    agency_json,
    api,
    feedback_json,
    idea_in,
    iso,
    page,
    submit,
    user_json,
)

pytestmark = pytest.mark.django_db


def see_names(campaign) -> None:
    Campaign.objects.filter(pk=campaign.pk).update(blind_review=False)


def assignment_json(assignment, *, reviewed: bool, blind: bool, category_name: str) -> dict:
    idea = assignment.idea
    return {
        "id": assignment.pk,
        "idea": {
            "id": idea.pk,
            "title": idea.title,
            "campaign": idea.campaign_id,
            "category": {"slug": idea.category.slug, "name": category_name},
            "author": None if blind else user_json(idea.author),
            "agency": None if blind else agency_json(idea.agency),
        },
        "reviewer": user_json(assignment.reviewer),
        "due_at": iso(assignment.due_at),
        "reviewed": reviewed,
    }


def comment_json(comment, *, named: bool) -> dict:
    """The feedback as the comment list shows it."""
    return {
        "id": comment.pk,
        "idea": comment.idea_id,
        "parent": None,
        "author": user_json(comment.author) if named else None,
        "body": comment.body,
        "kind": comment.kind,
        "created_at": iso(comment.created_at),
        "edited_at": None,
        "editable_until": iso(comment.created_at + timedelta(seconds=900)),
        "withdrawn": None,
    }


def comment_page(results: list, idea) -> dict:
    """The comment list's page: its comments, and the idea's comment count and live seq."""
    idea.refresh_from_db()
    return {**page(results), "comment_count": idea.comment_count, "seq": idea.live_version}


# --- What the reviewer sees of the idea --------------------------------------------------------


def test_a_blind_reviewer_sees_no_author_co_author_or_agency_on_the_idea(idea, assigned, reviewer):
    response = api(reviewer).get(f"/api/ideas/{idea.pk}/")

    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["author"], body["co_authors"], body["agency"]) == (None, [], None)
    assert (body["id"], body["title"]) == (idea.pk, "Kolam retensi di bantaran Ciliwung")


def test_a_blind_reviewer_sees_no_author_in_the_idea_list_but_others_ideas_keep_theirs(
    idea, assigned, reviewer, review_campaign, traffic
):
    unassigned = idea_in(review_campaign, author=UserFactory(), category=traffic)

    response = api(reviewer).get("/api/ideas/", {"campaign": review_campaign.pk})

    assert response.status_code == 200, response.content
    rows = {row["id"]: row for row in response.json()["results"]}
    assert (rows[idea.pk]["author"], rows[idea.pk]["co_authors"], rows[idea.pk]["agency"]) == (
        None,
        [],
        None,
    )
    assert rows[unassigned.pk]["author"] == user_json(unassigned.author)
    assert rows[unassigned.pk]["agency"] == agency_json(unassigned.agency)


def test_a_blind_reviewers_queue_shows_no_author_or_agency(idea, assigned, reviewer, traffic):
    assignment = ReviewAssignment.objects.get(reviewer=reviewer)

    response = api(reviewer).get("/api/reviews/assignments/")

    assert response.status_code == 200, response.content
    assert response.json() == page(
        [assignment_json(assignment, reviewed=False, blind=True, category_name=traffic.name_en)]
    )

    submit(idea, reviewer, [3] * 5)
    response = api(reviewer).get("/api/reviews/assignments/")
    assert response.json() == page(
        [assignment_json(assignment, reviewed=True, blind=True, category_name=traffic.name_en)]
    )


def test_a_queue_holds_only_the_callers_own_assignments(idea, assigned, author):
    response = api(author).get("/api/reviews/assignments/")

    assert response.json() == page([])


# --- What the authors see of the reviewer ------------------------------------------------------


@pytest.mark.parametrize("who", ["author", "co_author"])
def test_the_authors_read_blind_feedback_without_the_reviewers_name(
    request, who, idea, assigned, reviewer
):
    review = submit(idea, reviewer, [4] * 5, "Lengkapi kajian biaya.", "jangan dibagikan")
    client = api(request.getfixturevalue(who))

    reviews = client.get(f"/api/ideas/{idea.pk}/reviews/")
    comments = client.get(f"/api/ideas/{idea.pk}/comments/")

    assert reviews.json() == page([feedback_json(review, named=False)])
    assert comments.json() == comment_page([comment_json(Comment.objects.get(), named=False)], idea)


def test_the_reviewer_and_admins_still_see_who_wrote_blind_feedback(
    idea, assigned, reviewer, admin_user
):
    submit(idea, reviewer, [4] * 5, "Lengkapi kajian biaya.")
    feedback = Comment.objects.get()

    for reader in (reviewer, admin_user):
        comments = api(reader).get(f"/api/ideas/{idea.pk}/comments/")
        assert comments.json() == comment_page([comment_json(feedback, named=True)], idea)


# --- Blind review off --------------------------------------------------------------------------


def test_without_blind_review_the_reviewer_sees_who_wrote_the_idea(
    idea, assigned, reviewer, author, co_author, traffic
):
    see_names(idea.campaign)
    assignment = ReviewAssignment.objects.get(reviewer=reviewer)
    client = api(reviewer)

    detail = client.get(f"/api/ideas/{idea.pk}/").json()
    listed = {row["id"]: row for row in client.get("/api/ideas/").json()["results"]}
    queue = client.get("/api/reviews/assignments/").json()

    for row in (detail, listed[idea.pk]):
        assert (row["author"], row["co_authors"], row["agency"]) == (
            user_json(author),
            [user_json(co_author)],
            agency_json(author.agency),
        )
    assert queue == page(
        [assignment_json(assignment, reviewed=False, blind=False, category_name=traffic.name_en)]
    )


def test_without_blind_review_the_authors_see_the_reviewers_name(idea, assigned, reviewer, author):
    see_names(idea.campaign)
    review = submit(idea, reviewer, [4] * 5, "Lengkapi kajian biaya.")
    client = api(author)

    reviews = client.get(f"/api/ideas/{idea.pk}/reviews/")
    comments = client.get(f"/api/ideas/{idea.pk}/comments/")

    assert reviews.json() == page([feedback_json(review, named=True)])
    assert comments.json() == comment_page([comment_json(Comment.objects.get(), named=True)], idea)


# --- Other doors to the same facts -------------------------------------------------------------


def test_a_blind_reviewer_cannot_read_the_author_off_the_status_history(idea, assigned, reviewer):
    response = api(reviewer).get(f"/api/ideas/{idea.pk}/status-history/")

    assert response.status_code == 200, response.content
    assert [row["changed_by"] for row in response.json()["results"]] == [None]


@pytest.mark.parametrize("field", ["agency", "author"])
def test_a_blind_reviewer_cannot_find_out_the_author_or_agency_by_filtering_the_list(
    field, idea, assigned, reviewer, author, other_agency, second_reviewer
):
    true_value = {"agency": author.agency_id, "author": author.pk}[field]
    false_value = {"agency": other_agency.pk, "author": second_reviewer.pk}[field]
    client = api(reviewer)

    def found(value) -> bool:
        response = client.get("/api/ideas/", {field: value})
        assert response.status_code == 200, response.content
        return idea.pk in {row["id"] for row in response.json()["results"]}

    # Whatever the answer, it must not depend on who really wrote the idea.
    assert found(true_value) == found(false_value)


def test_a_blind_reviewer_sees_no_agency_on_the_leaderboard_but_others_do(
    idea, assigned, reviewer, author
):
    url = f"/api/leaderboard/?campaign={idea.campaign_id}"

    for_reviewer = api(reviewer).get(url).json()["entries"]
    for_author = api(author).get(url).json()["entries"]

    assert [e["idea"]["agency"] for e in for_reviewer] == [None]
    assert [e["idea"]["agency"] for e in for_author] == [agency_json(author.agency)]


def test_without_blind_review_the_reviewer_sees_agencies_on_the_leaderboard(
    idea, assigned, reviewer, author
):
    see_names(idea.campaign)

    entries = api(reviewer).get(f"/api/leaderboard/?campaign={idea.campaign_id}").json()["entries"]

    assert [e["idea"]["agency"] for e in entries] == [agency_json(author.agency)]
