"""One review per reviewer per idea under concurrency, proven on real PostgreSQL: twenty
identical first submissions released together, each thread on its own connection."""

from collections import Counter

import pytest
from django.db import connection

from ideas.models import Comment, Idea
from reviews.models import PanelResult, Review, Score
from tests.reviews.conftest import api, review_body
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
