"""Aggregation: from reviews to the panel's verdict, worked out by hand.

Normalisation turns each score into a z-score over its own reviewer's reviews, averages an idea's
z-scores, and places the average back on 0..100 with the mean and (population) standard deviation
of every score in the campaign."""

import math
import statistics
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reviews.models import Criterion, PanelResult
from reviews.services import IdeaVerdict, aggregate, weighted_score
from tests.reviews.conftest import submit

HARSH, LENIENT = 1, 2
A, B, C = 10, 20, 30


def test_harsh_and_lenient_reviewers_of_the_same_ideas_rank_them_alike_after_normalising():
    verdicts = aggregate(
        [
            (A, HARSH, 20.0),
            (B, HARSH, 30.0),
            (C, HARSH, 40.0),
            (A, LENIENT, 60.0),
            (B, LENIENT, 70.0),
            (C, LENIENT, 80.0),
        ]
    )

    # Each reviewer: mean 30 (or 70), standard deviation sqrt(200/3); z = -sqrt(3/2), 0, +sqrt(3/2)
    # for A, B, C alike. All six scores: mean 50, standard deviation sqrt(1400/3). So A is placed
    # at 50 - sqrt(1400/3) * sqrt(3/2) = 50 - sqrt(700) = 23.5425..., C at 50 + sqrt(700).
    assert verdicts == {
        A: IdeaVerdict(
            review_count=2,
            raw_mean=40.0,
            normalised=pytest.approx(50 - math.sqrt(700)),
            spread=20.0,
        ),
        B: IdeaVerdict(review_count=2, raw_mean=50.0, normalised=pytest.approx(50.0), spread=20.0),
        C: IdeaVerdict(
            review_count=2,
            raw_mean=60.0,
            normalised=pytest.approx(50 + math.sqrt(700)),
            spread=20.0,
        ),
    }
    assert verdicts[A].normalised == pytest.approx(23.5425, abs=1e-4)
    assert verdicts[C].normalised == pytest.approx(76.4575, abs=1e-4)


def test_a_lenient_reviewer_with_a_wide_spread_has_no_more_say_than_a_harsh_narrow_one():
    # The harsh reviewer prefers C, the lenient one A, each by the same number of their own
    # standard deviations. Raw means would let the lenient, wide-ranging reviewer decide (A 55,
    # B 50, C 45); normalised, the two views cancel and the three ideas tie.
    verdicts = aggregate(
        [
            (A, HARSH, 20.0),
            (B, HARSH, 30.0),
            (C, HARSH, 40.0),
            (A, LENIENT, 90.0),
            (B, LENIENT, 70.0),
            (C, LENIENT, 50.0),
        ]
    )

    assert [verdicts[i].raw_mean for i in (A, B, C)] == [55.0, 50.0, 45.0]
    # z: harsh -1.2247, 0, +1.2247; lenient +1.2247, 0, -1.2247; averages 0: the overall mean 50.
    assert [verdicts[i].normalised for i in (A, B, C)] == pytest.approx([50.0, 50.0, 50.0])
    # Spread: |20 - 90| / 2 = 35, |30 - 70| / 2 = 20, |40 - 50| / 2 = 5.
    assert [verdicts[i].spread for i in (A, B, C)] == [35.0, 20.0, 5.0]


def test_an_idea_seen_only_by_the_harsh_reviewer_is_not_penalised_against_the_lenient_ones():
    X1, X2, X3, Y1, Y2, Y3 = 1, 2, 3, 4, 5, 6
    verdicts = aggregate(
        [
            (X1, HARSH, 20.0),
            (X2, HARSH, 30.0),
            (X3, HARSH, 40.0),
            (Y1, LENIENT, 60.0),
            (Y2, LENIENT, 70.0),
            (Y3, LENIENT, 80.0),
        ]
    )

    # Same six scores as above: mean 50, deviation sqrt(1400/3); each reviewer's best is +sqrt(3/2)
    # of their own deviations, their worst -sqrt(3/2).
    best, middle, worst = 50 + math.sqrt(700), 50.0, 50 - math.sqrt(700)
    assert {i: v.normalised for i, v in verdicts.items()} == {
        X1: pytest.approx(worst),
        X2: pytest.approx(middle),
        X3: pytest.approx(best),
        Y1: pytest.approx(worst),
        Y2: pytest.approx(middle),
        Y3: pytest.approx(best),
    }
    # The harsh reviewer's best (raw 40) now ranks above the lenient one's worst (raw 60).
    assert verdicts[X3].raw_mean < verdicts[Y1].raw_mean
    assert verdicts[X3].normalised > verdicts[Y1].normalised
    assert {(v.review_count, v.spread) for v in verdicts.values()} == {(1, 0.0)}


def test_one_review_alone_keeps_its_weighted_score():
    assert aggregate([(A, HARSH, 56.25)]) == {
        A: IdeaVerdict(review_count=1, raw_mean=56.25, normalised=56.25, spread=0.0)
    }
    assert aggregate([]) == {}


@pytest.mark.django_db
def test_submitted_reviews_are_stored_as_panel_results_and_panel_scores(
    review_campaign, idea, assigned, reviewer, second_reviewer
):
    submit(idea, reviewer, [5, 4, 3, 2, 1])  # 56.25
    submit(idea, second_reviewer, [2, 2, 2, 2, 2])  # 25.0

    result = PanelResult.objects.get(idea=idea)
    # One review each: no reviewer has a spread, so every z is 0 and the idea sits at the mean.
    assert (result.review_count, result.raw_mean, result.spread) == (
        2,
        40.625,
        pytest.approx(statistics.pstdev([56.25, 25.0])),
    )
    assert result.normalised == pytest.approx(40.625)
    idea.refresh_from_db()
    assert idea.panel_score == result.normalised


# --- Properties --------------------------------------------------------------------------------

score = st.floats(min_value=0, max_value=100, allow_nan=False, allow_infinity=False)


@st.composite
def review_triples(draw):
    pairs = draw(
        st.lists(
            st.tuples(st.integers(1, 8), st.integers(1, 5)), unique=True, min_size=1, max_size=30
        )
    )
    return [(idea, reviewer, draw(score)) for idea, reviewer in pairs]


@settings(max_examples=300, deadline=None, database=None)
@given(review_triples(), st.randoms(use_true_random=False))
def test_normalised_scores_stay_within_0_to_100_whatever_the_order_of_the_reviews(reviews, rng):
    verdicts = aggregate(reviews)
    shuffled = list(reviews)
    rng.shuffle(shuffled)

    assert aggregate(shuffled) == verdicts
    assert aggregate(list(reversed(reviews))) == verdicts
    assert set(verdicts) == {idea for idea, _, _ in reviews}
    for verdict in verdicts.values():
        assert 0 <= verdict.normalised <= 100
        assert 0 <= verdict.raw_mean <= 100
        assert verdict.spread >= 0


@st.composite
def rubric_and_values(draw):
    size = draw(st.integers(min_value=1, max_value=8))
    criteria, values = [], {}
    for pk in range(1, size + 1):
        low = draw(st.integers(min_value=-10, max_value=10))
        high = draw(st.integers(min_value=low + 1, max_value=low + 20))
        weight = Decimal(draw(st.integers(min_value=1, max_value=99999))) / 100
        criteria.append(
            Criterion(pk=pk, name=f"k{pk}", weight=weight, min_value=low, max_value=high)
        )
        values[pk] = draw(st.integers(min_value=low, max_value=high))
    return criteria, values


@settings(max_examples=300, deadline=None, database=None)
@given(rubric_and_values())
def test_weighted_score_is_within_0_to_100_for_any_values_within_the_scales(case):
    criteria, values = case

    result = weighted_score(criteria, values)

    assert 0 <= result <= 100
    assert weighted_score(criteria, {c.pk: c.min_value for c in criteria}) == 0
    assert weighted_score(criteria, {c.pk: c.max_value for c in criteria}) == 100


def test_weighted_score_places_each_value_on_its_own_scale_then_weighs_it():
    rubric = [
        Criterion(pk=1, name="Kebaruan", weight=Decimal(25), min_value=1, max_value=5),
        Criterion(pk=2, name="Efektif", weight=Decimal(75), min_value=1, max_value=10),
    ]
    # (4 - 1) / 4 = 0.75 weighted 25; (10 - 1) / 9 = 1 weighted 75: (18.75 + 75) / 100.
    assert weighted_score(rubric, {1: 4, 2: 10}) == 93.75
