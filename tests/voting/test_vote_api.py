import time

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings

from ideas.models import Idea
from tests.conftest import client_for
from tests.factories import CampaignFactory, UserFactory, campaign_in_phase, make_idea
from voting.models import Vote
from voting.throttles import VoteRateThrottle

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign(db):
    return CampaignFactory()


@pytest.fixture
def idea(campaign, other_staff):
    return make_idea(author=other_staff, campaign=campaign)


def vote_url(idea):
    return f"/api/ideas/{idea.pk}/vote/"


def stored(idea):
    idea.refresh_from_db()
    return idea.vote_count, Vote.objects.filter(idea=idea).count()


def test_vote_is_counted_once_however_often_it_is_sent(staff_client, staff, idea):
    first = staff_client.post(vote_url(idea))
    second = staff_client.post(vote_url(idea))

    assert first.status_code == second.status_code == 200
    assert first.json() == second.json() == {"vote_count": 1, "has_voted": True}
    assert stored(idea) == (1, 1)
    assert staff_client.get(f"/api/ideas/{idea.pk}/").json()["has_voted"] is True


def test_withdrawal_is_idempotent_too(staff_client, idea):
    staff_client.post(vote_url(idea))

    first = staff_client.delete(vote_url(idea))
    second = staff_client.delete(vote_url(idea))

    assert first.json() == second.json() == {"vote_count": 0, "has_voted": False}
    assert stored(idea) == (0, 0)


def test_withdrawing_a_vote_never_cast_leaves_the_count_at_zero(staff_client, idea):
    response = staff_client.delete(vote_url(idea))

    assert response.json() == {"vote_count": 0, "has_voted": False}
    assert stored(idea) == (0, 0)


def test_votes_of_several_people_add_up(idea):
    voters = UserFactory.create_batch(3)
    for voter in voters:
        client_for(voter).post(vote_url(idea))

    assert stored(idea) == (3, 3)


@pytest.mark.parametrize("who", ["author", "co_author"])
def test_own_or_co_authored_idea_is_refused_with_own_idea(campaign, who):
    author, co_author = UserFactory(), UserFactory()
    idea = make_idea(author=author, campaign=campaign, co_authors=[co_author])
    voter = author if who == "author" else co_author

    response = client_for(voter).post(vote_url(idea))

    assert response.status_code == 403
    assert response.json()["code"] == "own_idea"
    assert stored(idea) == (0, 0)


@pytest.mark.parametrize("phase", ["upcoming", "submission", "review", "closed"])
def test_outside_the_voting_phase_votes_are_refused_with_voting_closed(staff_client, phase):
    campaign = campaign_in_phase(phase)
    idea = make_idea(campaign=None)
    Idea.objects.filter(pk=idea.pk).update(campaign=campaign)

    response = staff_client.post(vote_url(idea))

    assert response.status_code == 409
    assert response.json()["code"] == "voting_closed"
    assert stored(idea) == (0, 0)


def test_withdrawal_after_voting_closed_is_refused_and_keeps_the_vote(staff_client, idea):
    staff_client.post(vote_url(idea))
    Idea.objects.filter(pk=idea.pk).update(campaign=campaign_in_phase("review"))

    response = staff_client.delete(vote_url(idea))

    assert response.status_code == 409
    assert stored(idea) == (1, 1)


@pytest.mark.parametrize("status", ["rejected", "merged", "accepted", "implemented"])
def test_ideas_out_of_play_take_no_votes(staff_client, idea, status):
    Idea.objects.filter(pk=idea.pk).update(status=status)

    response = staff_client.post(vote_url(idea))

    assert response.status_code == 409
    assert response.json()["code"] == "voting_closed"


def test_someone_elses_draft_cannot_be_voted_for_or_even_seen(staff_client, campaign):
    draft = make_idea(campaign=campaign, draft=True)

    assert staff_client.post(vote_url(draft)).status_code == 404
    assert staff_client.post("/api/ideas/999999/vote/").status_code == 404


def test_anonymous_vote_is_401(api_client, idea):
    assert api_client.post(vote_url(idea)).status_code == 401
    assert api_client.delete(vote_url(idea)).status_code == 401
    assert stored(idea) == (0, 0)


def test_a_vote_is_broadcast_as_absolute_state_after_commit(
    staff_client, idea, listen_to_idea, django_capture_on_commit_callbacks
):
    listener = listen_to_idea(idea.pk)

    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(vote_url(idea))

    assert listener.receive() == {
        "type": "tally.changed",
        "idea": idea.pk,
        "vote_count": 1,
        "seq": 1,
    }


def test_a_repeated_vote_broadcasts_nothing(staff_client, idea, django_capture_on_commit_callbacks):
    staff_client.post(vote_url(idea))

    with django_capture_on_commit_callbacks() as callbacks:
        staff_client.post(vote_url(idea))

    assert callbacks == []


def test_vote_runs_a_fixed_small_number_of_queries(
    staff_client, idea, django_assert_max_num_queries
):
    # The locked read, the insert, the counter update and the day's activity row (the
    # dashboard's rollup), inside the transaction's savepoint.
    with django_assert_max_num_queries(6):
        assert staff_client.post(vote_url(idea)).status_code == 200


def test_throttle_counts_per_person_not_per_office_ip(campaign, monkeypatch):
    monkeypatch.setattr(VoteRateThrottle, "THROTTLE_RATES", {"vote": "3/min"})
    ideas = [make_idea(campaign=campaign, title=f"Gagasan uji {i}") for i in range(5)]
    busy, colleague = UserFactory(), UserFactory()
    office_ip = {"REMOTE_ADDR": "10.31.0.7"}

    answers = [client_for(busy).post(vote_url(idea), **office_ip).status_code for idea in ideas]
    colleague_answer = client_for(colleague).post(vote_url(ideas[4]), **office_ip)

    assert answers == [200, 200, 200, 429, 429]
    refused = client_for(busy).post(vote_url(ideas[4]), **office_ip)
    assert refused.json()["code"] == "throttled"
    assert int(refused["Retry-After"]) > 0
    assert colleague_answer.status_code == 200
    assert Vote.objects.filter(voter=busy).count() == 3


DEAD_REDIS = "redis://127.0.0.1:1/0"


@override_settings(
    REDIS_URL=DEAD_REDIS,
    CACHES={
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": DEAD_REDIS,
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    },
    CHANNEL_LAYERS={
        "default": {
            "BACKEND": "channels_redis.pubsub.RedisPubSubChannelLayer",
            "CONFIG": {"hosts": [{"address": DEAD_REDIS, "socket_connect_timeout": 0.2}]},
        }
    },
)
def test_votes_go_through_quickly_when_redis_is_down(
    staff_client, idea, django_capture_on_commit_callbacks
):
    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(vote_url(idea))
    elapsed = time.monotonic() - started

    assert response.status_code == 200
    assert response.json() == {"vote_count": 1, "has_voted": True}
    assert stored(idea) == (1, 1)
    # Not a timing benchmark: a generous bound that a blocking publish (2 s timeout per send)
    # or a throttle waiting on the dead cache would still exceed.
    assert elapsed < 1.5


def test_votes_reconcile_reports_and_repairs_a_drifted_count(staff_client, idea, capsys):
    staff_client.post(vote_url(idea))
    Idea.objects.filter(pk=idea.pk).update(vote_count=7)

    with pytest.raises(CommandError) as refused:
        call_command("votes_reconcile")
    assert f"idea {idea.pk}: stored 7, votes 1" in capsys.readouterr().out
    assert refused.value.returncode == 1

    call_command("votes_reconcile", "--fix")
    assert "repaired to 1" in capsys.readouterr().out
    assert stored(idea) == (1, 1)

    call_command("votes_reconcile")
    assert "All vote counts agree" in capsys.readouterr().out
