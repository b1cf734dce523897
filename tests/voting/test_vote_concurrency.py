"""One vote per person per idea under any concurrency, proven on real PostgreSQL.

Threads are released together by a barrier, each on its own database connection, and send
their requests through the full API stack. To see these tests fail without the guard, run
them with GAGASAN_UNGUARDED_VOTES=1: the unique constraint is dropped for the test and the
checked path's row lock is turned into a plain read (see `unguarded` below). The one-statement
vote (PostgreSQL's hot path) relies on the constraint through ON CONFLICT, so it then stores
duplicates: 1,000 votes for 50 people, and counts that drift from the votes when toggling.
"""

import os
import random
from collections import Counter

import pytest
from django.db import connection, connections
from django.db.models import QuerySet

from tests.conftest import client_for
from tests.factories import CampaignFactory, UserFactory, make_idea
from tests.support import run_together
from voting.models import Vote
from voting.throttles import VoteRateThrottle

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="concurrency is proven on PostgreSQL (set DATABASE_URL); SQLite serialises writers",
    ),
]

RUNS = int(os.environ.get("GAGASAN_CONCURRENCY_RUNS", "20"))
UNGUARDED = os.environ.get("GAGASAN_UNGUARDED_VOTES") == "1"


@pytest.fixture(autouse=True)
def one_connection_per_thread(monkeypatch):
    """Keep each thread's connection across its requests (as a pooled worker would), instead of
    reconnecting per request: 1,000 reconnects would outrun PostgreSQL's 100 connections."""
    monkeypatch.setitem(connections.settings["default"], "CONN_MAX_AGE", None)


@pytest.fixture(autouse=True)
def no_throttle(monkeypatch):
    """Each person sends hundreds of votes here, far past the per-person rate."""
    monkeypatch.setattr(VoteRateThrottle, "THROTTLE_RATES", {"vote": None})


@pytest.fixture(autouse=True)
def unguarded(monkeypatch):
    """With GAGASAN_UNGUARDED_VOTES=1: no unique constraint and no row lock, to show that the
    tests below catch their absence. Restored afterwards."""
    if not UNGUARDED:
        yield
        return
    constraint = next(
        c for c in Vote._meta.constraints if c.name == "voting_vote_one_per_voter_per_idea"
    )
    with connection.schema_editor() as editor:
        editor.remove_constraint(Vote, constraint)
    monkeypatch.setattr(QuerySet, "select_for_update", lambda self, **kwargs: self)
    yield
    Vote.objects.all().delete()
    with connection.schema_editor() as editor:
        editor.add_constraint(Vote, constraint)


def stored(idea):
    idea.refresh_from_db()
    return idea.vote_count, Vote.objects.filter(idea=idea).count()


def test_a_thousand_simultaneous_votes_from_fifty_people_store_fifty_every_time():
    # 50 threads (PostgreSQL allows 100 connections), one per person, each with its own
    # connection, released together, each sending its 20 votes back to back: 1,000 requests.
    voters = UserFactory.create_batch(50)
    campaign = CampaignFactory()
    for run in range(RUNS):
        idea = make_idea(campaign=campaign, title=f"Gagasan serentak nomor {run}")
        url = f"/api/ideas/{idea.pk}/vote/"

        def twenty_votes(voter, url=url):
            client = client_for(voter)
            return [client.post(url).status_code for _ in range(20)]

        results = run_together([lambda v=v: twenty_votes(v) for v in voters])

        statuses = Counter(status for result in _unwrap(results) for status in result)
        assert statuses == {200: 1000}, f"run {run}: {statuses}"
        assert stored(idea) == (50, 50), f"run {run}"
        assert Vote.objects.filter(idea=idea).values("voter").distinct().count() == 50


def test_a_hundred_people_toggling_their_votes_end_with_the_count_equal_to_the_votes():
    # 100 people on 50 connections: each thread toggles for two people, interleaved.
    voters = UserFactory.create_batch(100)
    idea = make_idea(campaign=CampaignFactory())
    url = f"/api/ideas/{idea.pk}/vote/"
    rng = random.Random(91)
    plans = [[rng.random() < 0.6 for _ in range(8)] for _ in voters]

    def toggle_pair(pair):
        clients = [client_for(voters[i]) for i in pair]
        answers = []
        for step in range(8):
            for client, i in zip(clients, pair, strict=True):
                response = client.post(url) if plans[i][step] else client.delete(url)
                answers.append((response.status_code, response.json()["vote_count"]))
        return answers

    results = run_together([lambda p=(i, i + 50): toggle_pair(p) for i in range(50)])

    answers = [answer for result in _unwrap(results) for answer in result]
    assert len(answers) == 800
    assert {status for status, _ in answers} == {200}
    assert min(count for _, count in answers) >= 0
    expected = sum(1 for plan in plans if plan[-1])  # each person's last act decides
    assert stored(idea) == (expected, expected)


def _unwrap(results):
    errors = [r for r in results if isinstance(r, Exception)]
    assert not errors, errors[:3]
    return results
