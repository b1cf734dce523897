"""On PostgreSQL a vote that changes something is one statement (voting.services): the
statement must keep every rule and give the same stored state as the checked path."""

import pytest
from django.db import connection

from ideas.services import idea_trending_score
from tests.factories import CampaignFactory, UserFactory, make_idea
from voting import services
from voting.models import Vote

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="the one-statement vote is PostgreSQL's"
    ),
]


@pytest.fixture
def idea(db):
    return make_idea(campaign=CampaignFactory())


def test_a_new_vote_and_its_withdrawal_are_one_statement_each(idea, django_assert_num_queries):
    voter = UserFactory()

    with django_assert_num_queries(1):
        cast = services.vote_cast(idea_id=idea.pk, voter=voter)
    with django_assert_num_queries(1):
        withdrawn = services.vote_withdraw(idea_id=idea.pk, voter=voter)

    assert (cast.vote_count, cast.has_voted) == (1, True)
    assert (withdrawn.vote_count, withdrawn.has_voted) == (0, False)
    assert not Vote.objects.filter(idea=idea).exists()


@pytest.mark.parametrize("votes", [1, 2, 10, 13])
def test_the_statement_stores_what_the_checked_path_would(idea, votes):
    for _ in range(votes):
        services.vote_cast(idea_id=idea.pk, voter=UserFactory())

    idea.refresh_from_db()
    assert idea.vote_count == Vote.objects.filter(idea=idea).count() == votes
    assert idea.live_version == votes
    assert idea.trending_score == pytest.approx(
        idea_trending_score(vote_count=votes, created_at=idea.created_at), abs=1e-7
    )


def test_a_repeated_vote_falls_back_to_the_checked_path_and_changes_nothing(idea):
    voter = UserFactory()
    services.vote_cast(idea_id=idea.pk, voter=voter)

    again = services.vote_cast(idea_id=idea.pk, voter=voter)

    idea.refresh_from_db()
    assert (again.vote_count, again.has_voted) == (1, True)
    assert (idea.vote_count, idea.live_version) == (1, 1)
