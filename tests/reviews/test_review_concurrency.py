"""One review per reviewer per idea under concurrency, proven on real PostgreSQL: twenty
identical first submissions released together, each thread on its own connection."""

from collections import Counter

import pytest
from django.db import connection

from ideas.models import Comment, Idea
from reviews import services
from reviews.models import PanelResult, Review, Score
from tests.factories import AgencyFactory, UserFactory
from tests.reviews.conftest import api, idea_in, review_body
from tests.support import run_together

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="concurrency is proven on PostgreSQL (set DATABASE_URL); SQLite serialises writers",
    ),
]

THREADS = 20


def test_twenty_simultaneous_identical_submissions_store_one_review_and_answer_409_to_the_rest(
    idea, assigned, reviewer
):
    body = review_body(idea.campaign, [5, 4, 3, 2, 1], "Perlu uji coba di Kampung Melayu.")
    url = f"/api/ideas/{idea.pk}/reviews/"

    def post():
        response = api(reviewer).post(url, body)
        return response.status_code, response.json().get("code")

    results = run_together([post] * THREADS)

    assert not [r for r in results if isinstance(r, Exception)], results
    assert Counter(results) == {(201, None): 1, (409, "review_exists"): THREADS - 1}
    review = Review.objects.get()
    assert (review.idea_id, review.reviewer_id, review.weighted_score) == (
        idea.pk,
        reviewer.pk,
        56.25,
    )
    assert sorted(Score.objects.values_list("value", flat=True)) == [1, 2, 3, 4, 5]
    assert Score.objects.filter(review=review).count() == 5
    assert list(Comment.objects.values_list("body", "kind")) == [
        ("Perlu uji coba di Kampung Melayu.", "reviewer")
    ]
    assert Idea.objects.get(pk=idea.pk).comment_count == 1
    assert PanelResult.objects.get(idea=idea).review_count == 1


REVIEWERS = 8
ROUNDS = 3


def test_reviews_submitted_together_all_count_in_the_stored_panel_results(
    review_campaign, admin_user, traffic, author
):
    """Every submission recomputes the whole campaign (normalisation spans every reviewer).
    Without the per-campaign lock the recomputes interleave: run without it, PostgreSQL
    reported a deadlock on the ideas' rows (the submission failed), and a recompute that
    reads before another commits stores verdicts without that review."""
    from reviews.services import aggregate

    ideas = [
        idea_in(review_campaign, author=author, category=traffic, title=f"Pompa banjir {n}")
        for n in range(2)
    ]
    reviewers = [
        UserFactory(username=f"panel{n}", agency=AgencyFactory(code=f"PNL{n}"))
        for n in range(REVIEWERS * ROUNDS)
    ]
    for person in reviewers:
        for idea in ideas:
            services.review_assignment_create(idea=idea, reviewer=person, by=admin_user)

    for round_ in range(ROUNDS):
        batch = reviewers[round_ * REVIEWERS : (round_ + 1) * REVIEWERS]
        values = [1 + (n + round_) % 5 for n in range(REVIEWERS)]
        results = run_together(
            [
                lambda person=person, idea=ideas[n % 2], value=values[n]: (
                    api(person)
                    .post(
                        f"/api/ideas/{idea.pk}/reviews/",
                        review_body(review_campaign, [value] * 5),
                    )
                    .status_code
                )
                for n, person in enumerate(batch)
            ]
        )
        assert results == [201] * REVIEWERS

        rows = list(Review.objects.values_list("idea_id", "reviewer_id", "weighted_score"))
        expected = aggregate(rows)
        stored = {r.idea_id: (r.review_count, r.normalised) for r in PanelResult.objects.all()}
        assert stored == {
            idea_id: (verdict.review_count, verdict.normalised)
            for idea_id, verdict in expected.items()
        }, f"round {round_}"
        assert {i.pk: i.panel_score for i in Idea.objects.filter(pk__in=[x.pk for x in ideas])} == {
            idea_id: verdict.normalised for idea_id, verdict in expected.items()
        }
