"""Merging a duplicate into its original (POST /api/ideas/{id}/merge/, ideas.merge with the
votes' part in voting.merge): votes counted once, counts reconciled, lineage, notifications,
refusals, and a merge under concurrent votes on PostgreSQL."""

import os
import random
import time

import pytest
from django.core.management import call_command
from django.db import connection, connections

from core.errors import RuleConflict
from ideas import merge
from ideas.activity import activity_mismatches
from ideas.follows import follow_add, follower_ids
from ideas.models import Comment, Idea, IdeaStatusChange
from ideas.services import comment_create
from live.publish import leaderboard_dirty_group
from notifications.models import Notification
from tests.conftest import client_for
from tests.factories import CampaignFactory, UserFactory, campaign_in_phase, make_idea
from tests.support import run_together
from voting.merge import votes_move
from voting.models import Vote
from voting.services import vote_cast, vote_count_mismatches


@pytest.fixture
def campaign(db):
    return CampaignFactory()


@pytest.fixture
def pair(campaign, staff, other_staff, traffic):
    """(the duplicate, the original), same campaign, different authors."""
    original = make_idea(
        author=other_staff, category=traffic, campaign=campaign, title="Sirene banjir Ciliwung"
    )
    duplicate = make_idea(
        author=staff, category=traffic, campaign=campaign, title="Sirene peringatan banjir"
    )
    return duplicate, original


def merge_url(idea):
    return f"/api/ideas/{idea.pk}/merge/"


def reconciled():
    assert vote_count_mismatches() == []
    assert activity_mismatches() == []
    call_command("votes_reconcile")  # raises CommandError on any mismatch


@pytest.mark.django_db
def test_a_person_who_voted_for_both_counts_once(admin_user, pair):
    duplicate, original = pair
    both, only_dup, only_orig = UserFactory.create_batch(3)
    for voter in (both, only_dup):
        vote_cast(idea_id=duplicate.pk, voter=voter)
    for voter in (both, only_orig):
        vote_cast(idea_id=original.pk, voter=voter)

    response = client_for(admin_user).post(
        merge_url(duplicate), {"into": original.pk, "note": "Sama persis."}, format="json"
    )

    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["id"], body["status"], body["merged_into"]) == (
        duplicate.pk,
        "merged",
        original.pk,
    )
    assert sorted(Vote.objects.filter(idea=original).values_list("voter_id", flat=True)) == sorted(
        [both.pk, only_dup.pk, only_orig.pk]
    )
    assert not Vote.objects.filter(idea=duplicate).exists()
    original.refresh_from_db()
    duplicate.refresh_from_db()
    assert (original.vote_count, duplicate.vote_count) == (3, 0)
    reconciled()


@pytest.mark.django_db
def test_comments_co_authors_and_followers_move_and_counts_reconcile(
    admin_user, pair, other_agency, traffic
):
    duplicate, original = pair
    co_author = UserFactory(agency=other_agency)
    duplicate.co_authors.add(co_author)
    commenter, follower = UserFactory.create_batch(2)
    first = comment_create(idea=duplicate, author=commenter, body="Setuju sekali.")
    reply = comment_create(idea=duplicate, author=follower, body="Saya juga.", parent=first)
    comment_create(idea=original, author=commenter, body="Bagus.")
    follow_add(idea=duplicate, user=follower)

    merge.idea_merge(idea_id=duplicate.pk, into_id=original.pk, by=admin_user)

    assert set(Comment.objects.filter(idea=original)) >= {first, reply}
    reply.refresh_from_db()
    assert (reply.idea_id, reply.parent_id) == (original.pk, first.pk)
    original.refresh_from_db()
    duplicate.refresh_from_db()
    assert (original.comment_count, duplicate.comment_count) == (3, 0)
    assert co_author in original.co_authors.all()
    assert follower.pk in follower_ids(original)
    assert follower.pk not in follower_ids(duplicate)
    reconciled()


@pytest.mark.django_db
def test_a_voter_who_becomes_a_co_author_of_the_original_loses_that_vote(admin_user, pair):
    duplicate, original = pair
    co_author = UserFactory()
    duplicate.co_authors.add(co_author)
    vote_cast(idea_id=original.pk, voter=co_author)  # allowed: not yet the original's co-author
    voter = UserFactory()
    vote_cast(idea_id=duplicate.pk, voter=voter)
    # The original's own author voted for the duplicate: that vote cannot follow.
    vote_cast(idea_id=duplicate.pk, voter=original.author)

    merge.idea_merge(idea_id=duplicate.pk, into_id=original.pk, by=admin_user)

    assert list(Vote.objects.filter(idea=original).values_list("voter_id", flat=True)) == [voter.pk]
    original.refresh_from_db()
    assert original.vote_count == 1
    reconciled()


@pytest.mark.django_db
def test_counts_reconcile_across_categories_and_agencies(admin_user, campaign, flooding, traffic):
    """The rollup's keys differ (category and lead agency): each vote and comment leaves the
    duplicate's key on its own day and joins the original's."""
    original = make_idea(author=UserFactory(), category=flooding, campaign=campaign)
    duplicate = make_idea(author=UserFactory(), category=traffic, campaign=campaign)
    for voter in UserFactory.create_batch(4):
        vote_cast(idea_id=duplicate.pk, voter=voter)
    vote_cast(idea_id=original.pk, voter=UserFactory())
    comment_create(idea=duplicate, author=UserFactory(), body="Perlu data.")

    merge.idea_merge(idea_id=duplicate.pk, into_id=original.pk, by=admin_user)

    original.refresh_from_db()
    assert (original.vote_count, original.comment_count) == (5, 1)
    reconciled()


@pytest.mark.django_db
def test_the_status_trail_records_the_merge_with_its_note_and_target(admin_user, pair):
    duplicate, original = pair

    client_for(admin_user).post(
        merge_url(duplicate), {"into": original.pk, "note": "Gagasan yang sama."}, format="json"
    )

    change = IdeaStatusChange.objects.filter(idea=duplicate).last()
    assert (change.from_status, change.to_status, change.note, change.merged_into_id) == (
        "submitted",
        "merged",
        "Gagasan yang sama.",
        original.pk,
    )
    assert change.changed_by == admin_user


@pytest.mark.django_db
def test_the_lineage_is_in_the_api_on_both_ideas(admin_user, staff, pair, campaign, traffic):
    duplicate, original = pair
    second = make_idea(author=UserFactory(), category=traffic, campaign=campaign, title="Lagi")
    merge.idea_merge(idea_id=duplicate.pk, into_id=original.pk, by=admin_user)
    merge.idea_merge(idea_id=second.pk, into_id=original.pk, by=admin_user)
    client = client_for(staff)

    assert client.get(f"/api/ideas/{duplicate.pk}/").json()["merged_into"] == original.pk
    assert client.get(f"/api/ideas/{duplicate.pk}/lineage/").json() == {
        "merged_into": {"id": original.pk, "title": original.title},
        "merged_from": [],
    }
    lineage = client.get(f"/api/ideas/{original.pk}/lineage/").json()
    assert lineage["merged_into"] is None
    assert [(row["id"], row["title"]) for row in lineage["merged_from"]] == [
        (duplicate.pk, duplicate.title),
        (second.pk, second.title),
    ]
    assert all(row["merged_at"].endswith("+07:00") for row in lineage["merged_from"])
    assert client.get("/api/ideas/424242/lineage/").status_code == 404


@pytest.mark.django_db
def test_authors_co_authors_and_voters_of_the_duplicate_are_told_not_the_admin(admin_user, pair):
    duplicate, original = pair
    co_author, voter, outsider = UserFactory.create_batch(3)
    duplicate.co_authors.add(co_author)
    vote_cast(idea_id=duplicate.pk, voter=voter)
    vote_cast(idea_id=duplicate.pk, voter=admin_user)
    vote_cast(idea_id=original.pk, voter=outsider)
    Notification.objects.all().delete()

    merge.idea_merge(idea_id=duplicate.pk, into_id=original.pk, by=admin_user)

    told = Notification.objects.filter(kind="idea_merged")
    assert sorted(told.values_list("user_id", flat=True)) == sorted(
        [duplicate.author_id, co_author.pk, voter.pk]
    )
    assert told.first().data == {
        "idea": duplicate.pk,
        "title": duplicate.title,
        "into": original.pk,
        "into_title": original.title,
    }


@pytest.mark.django_db
def test_the_new_tallies_and_the_status_are_published_after_commit(
    admin_user, pair, listen, listen_to_idea, django_capture_on_commit_callbacks
):
    duplicate, original = pair
    for voter in UserFactory.create_batch(2):
        vote_cast(idea_id=duplicate.pk, voter=voter)
    vote_cast(idea_id=original.pk, voter=UserFactory())
    on_duplicate, on_original = listen_to_idea(duplicate.pk), listen_to_idea(original.pk)
    leaderboard = listen(leaderboard_dirty_group(original.campaign_id))

    with django_capture_on_commit_callbacks(execute=True):
        merge.idea_merge(idea_id=duplicate.pk, into_id=original.pk, by=admin_user)

    tally = on_original.receive()
    assert (tally["type"], tally["vote_count"]) == ("tally.changed", 3)
    first, second = on_duplicate.receive(), on_duplicate.receive()
    assert (first["type"], first["vote_count"]) == ("tally.changed", 0)
    assert (second["type"], second["status"]) == ("status.changed", "merged")
    assert second["seq"] > first["seq"]
    assert leaderboard.receive()["type"] == "leaderboard.dirty"


def _refused(client, source, into):
    return client.post(merge_url(source), {"into": into}, format="json")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "case",
    [
        "itself",
        "into_merged",
        "already_merged",
        "draft",
        "hidden_target",
        "across_campaigns",
        "accepted",
    ],
)
def test_refusals_are_409_with_a_code_and_change_nothing(admin_user, pair, campaign, traffic, case):
    duplicate, original = pair
    into = original.pk
    if case == "itself":
        into, code = duplicate.pk, "merge_into_itself"
    elif case == "into_merged":
        third = make_idea(author=UserFactory(), category=traffic, campaign=campaign)
        merge.idea_merge(idea_id=original.pk, into_id=third.pk, by=admin_user)
        code = "merge_into_merged"
    elif case == "already_merged":
        third = make_idea(author=UserFactory(), category=traffic, campaign=campaign)
        merge.idea_merge(idea_id=duplicate.pk, into_id=third.pk, by=admin_user)
        code = "already_merged"
    elif case == "draft":
        Idea.objects.filter(pk=duplicate.pk).update(status=Idea.Status.DRAFT)
        code = "merge_not_published"
    elif case == "hidden_target":
        Idea.objects.filter(pk=original.pk).update(status=Idea.Status.HIDDEN)
        code = "merge_not_published"
    elif case == "across_campaigns":
        elsewhere = make_idea(
            author=UserFactory(), category=traffic, campaign=campaign_in_phase("voting")
        )
        into, code = elsewhere.pk, "merge_across_campaigns"
    else:
        Idea.objects.filter(pk=duplicate.pk).update(status=Idea.Status.ACCEPTED)
        code = "invalid_transition"
    voter = UserFactory()
    Vote.objects.create(idea=duplicate, voter=voter)
    before = list(Idea.objects.order_by("pk").values())
    votes_before = list(Vote.objects.order_by("pk").values())

    response = _refused(client_for(admin_user), duplicate, into)

    assert response.status_code == 409, response.content
    assert response.json()["code"] == code
    assert list(Idea.objects.order_by("pk").values()) == before
    assert list(Vote.objects.order_by("pk").values()) == votes_before


@pytest.mark.django_db
def test_only_admins_merge(staff, pair):
    duplicate, original = pair

    response = _refused(client_for(staff), duplicate, original.pk)

    assert response.status_code == 403
    assert response.json()["code"] == "not_admin"
    duplicate.refresh_from_db()
    assert duplicate.status == "submitted"


@pytest.mark.django_db
@pytest.mark.parametrize("body", [{}, {"into": "abc"}, {"into": 0}, {"into": 10**30}])
def test_a_bad_body_is_400_naming_into(admin_user, pair, body):
    response = client_for(admin_user).post(merge_url(pair[0]), body, format="json")

    assert response.status_code == 400
    assert list(response.json()) == ["into"]


@pytest.mark.django_db
def test_a_missing_idea_is_404(admin_user, pair):
    response = client_for(admin_user).post(
        "/api/ideas/424242/merge/", {"into": pair[1].pk}, format="json"
    )
    assert response.status_code == 404
    assert _refused(client_for(admin_user), pair[0], 424242).status_code == 404


@pytest.mark.django_db
def test_the_status_endpoint_merges_the_same_way(admin_user, pair):
    duplicate, original = pair
    voter = UserFactory()
    vote_cast(idea_id=duplicate.pk, voter=voter)

    response = client_for(admin_user).post(
        f"/api/ideas/{duplicate.pk}/status/",
        {"status": "merged", "merged_into": original.pk, "note": "Duplikat."},
        format="json",
    )

    assert response.status_code == 200, response.content
    assert list(Vote.objects.filter(idea=original).values_list("voter_id", flat=True)) == [voter.pk]
    reconciled()


def test_votes_move_is_registered_as_a_merge_step():
    assert votes_move in merge._merge_steps


# --- Concurrency (PostgreSQL) ------------------------------------------------------------------

UNGUARDED = os.environ.get("GAGASAN_UNGUARDED_MERGE") == "1"
RUNS = int(os.environ.get("GAGASAN_CONCURRENCY_RUNS", "5"))


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrency is proven on PostgreSQL")
def test_a_merge_under_concurrent_votes_on_both_ideas_loses_and_doubles_nothing(monkeypatch):
    """Threads vote for both ideas (in random order) while an admin merges one into the other.
    Afterwards every vote that was accepted counts once, for the original; the duplicate holds
    none; every count reconciles. A merge step that sleeps widens the window between moving the
    votes and closing the duplicate. With GAGASAN_UNGUARDED_MERGE=1 the merge locks neither
    row, and the test fails: votes accepted for the duplicate during the merge stay on it."""
    monkeypatch.setitem(connections.settings["default"], "CONN_MAX_AGE", None)
    slow = [votes_move, lambda **_: time.sleep(0.2)]
    monkeypatch.setattr(merge, "_merge_steps", slow)
    if UNGUARDED:
        monkeypatch.setattr(
            merge,
            "_both_locked",
            lambda a, b: (Idea.objects.get(pk=a), Idea.objects.get(pk=b)),
        )
    admin = UserFactory(roles=["admin"])
    voters = UserFactory.create_batch(24)
    campaign = CampaignFactory()
    for run in range(RUNS):
        original = make_idea(author=UserFactory(), campaign=campaign, title=f"Asli {run}")
        duplicate = make_idea(author=UserFactory(), campaign=campaign, title=f"Duplikat {run}")
        early = voters[:6]  # voted before the merge began
        for voter in early:
            vote_cast(idea_id=duplicate.pk, voter=voter)
        rng = random.Random(run)

        def votes_of(voter, order, rng=rng):
            def task():
                accepted = []
                for idea in order:
                    time.sleep(rng.random() * 0.15)
                    try:
                        vote_cast(idea_id=idea.pk, voter=voter)
                        accepted.append(idea.pk)
                    except RuleConflict as refused:
                        assert refused.code == "voting_closed"
                return accepted

            return task

        tasks = [votes_of(voter, rng.sample([original, duplicate], 2)) for voter in voters[6:]]
        tasks.append(
            lambda o=original, d=duplicate: merge.idea_merge(idea_id=d.pk, into_id=o.pk, by=admin)
        )
        results = run_together(tasks)

        errors = [r for r in results if isinstance(r, Exception)]
        assert not errors, errors
        supporters = {v.pk for v in early}
        for voter, accepted in zip(voters[6:], results[:-1], strict=True):
            if accepted:
                supporters.add(voter.pk)
        on_original = list(Vote.objects.filter(idea=original).values_list("voter_id", flat=True))
        assert Vote.objects.filter(idea=duplicate).count() == 0, f"run {run}: votes left behind"
        assert sorted(on_original) == sorted(supporters), f"run {run}"
        original.refresh_from_db()
        assert original.vote_count == len(supporters)
        assert vote_count_mismatches() == []
        assert activity_mismatches() == []
