"""Each kind of notification this issue emits reaches the right people only: never the one who
acted, never one who may not see the idea (drafts, ideas hidden by moderation), once per person
and event; pushed to that person's own group (the socket tests hold the sockets to it).

The cast: Budi wrote the idea with Putri (co-author), Lia follows it, Sari wrote a comment on
it, the admin acts; Joko neither wrote nor follows it."""

import pytest
from django.db.models import F

from ideas import follows
from ideas import services as idea_services
from ideas.models import Idea
from ideas.visibility import idea_audience
from live import publish
from notifications.models import Notification, NotificationPreference
from reviews import services as review_services
from reviews.models import Panel, ReviewAssignment
from tests.conftest import client_for
from tests.factories import CampaignFactory, UserFactory, make_idea
from tests.reviews.conftest import idea_in
from voting import services as voting_services
from voting.services import is_vote_milestone

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast(traffic):
    people = {
        name: UserFactory(username=name, full_name=name.title())
        for name in ("budi", "putri", "lia", "sari", "joko")
    }
    people["admin"] = UserFactory(username="admin1", full_name="Admin", roles=["admin"])
    idea = make_idea(
        author=people["budi"],
        co_authors=[people["putri"]],
        category=traffic,
        campaign=CampaignFactory(),
        title="Sensor genangan di underpass",
    )
    follows.follow_add(idea=idea, user=people["lia"])
    Notification.objects.all().delete()  # the co-author's invitation and answer
    return idea, people


def told(kind: str | None = None) -> dict[str, list[str]]:
    """Who got which notification: {username: [kinds]}."""
    rows = Notification.objects.order_by("id").values_list("user__username", "kind")
    found: dict[str, list[str]] = {}
    for username, row_kind in rows:
        if kind is None or row_kind == kind:
            found.setdefault(username, []).append(row_kind)
    return found


def data_of(username: str, kind: str) -> dict:
    return Notification.objects.get(user__username=username, kind=kind).data


# --- vote_milestone ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("count", "milestone"),
    [(10, True), (50, True), (100, True), (500, True), (1000, True), (5000, True)]
    + [(10**6, True), (1, False), (5, False), (9, False), (11, False), (20, False)]
    + [(99, False), (150, False), (505, False), (1500, False)],
)
def test_the_milestones_are_10_50_100_500_and_so_on(count, milestone):
    assert is_vote_milestone(count) is milestone


def test_the_tenth_vote_tells_the_authors_once_even_when_it_is_withdrawn_and_cast_again(cast):
    idea, people = cast
    voters = [UserFactory() for _ in range(10)]
    for voter in voters[:9]:
        assert client_for(voter).post(f"/api/ideas/{idea.pk}/vote/").status_code == 200
    assert told("vote_milestone") == {}

    tenth = client_for(voters[9])
    assert tenth.post(f"/api/ideas/{idea.pk}/vote/").json()["vote_count"] == 10
    assert told() == {"budi": ["vote_milestone"], "putri": ["vote_milestone"]}
    assert data_of("budi", "vote_milestone") == {
        "idea": idea.pk,
        "title": "Sensor genangan di underpass",
        "votes": 10,
    }
    assert tenth.delete(f"/api/ideas/{idea.pk}/vote/").json()["vote_count"] == 9
    assert tenth.post(f"/api/ideas/{idea.pk}/vote/").json()["vote_count"] == 10
    assert told() == {"budi": ["vote_milestone"], "putri": ["vote_milestone"]}


def test_the_fiftieth_vote_is_the_next_milestone_whichever_path_counts_it(cast):
    idea, people = cast
    Idea.objects.filter(pk=idea.pk).update(vote_count=F("vote_count") + 48)
    first, second = UserFactory(), UserFactory()
    voting_services.vote_cast(idea_id=idea.pk, voter=first)  # 49: nothing
    assert told() == {}
    # The general path (the one statement on PostgreSQL answers the same; vote_cast picks it).
    voting_services._vote_cast_checked(idea_id=idea.pk, voter=second)
    assert told() == {"budi": ["vote_milestone"], "putri": ["vote_milestone"]}
    assert data_of("putri", "vote_milestone")["votes"] == 50


# --- comment_reply, comment, official_response, followed_activity ---------------------------------


def test_a_reply_tells_the_comments_author_the_ideas_authors_and_its_followers_once_each(
    cast, listen, django_capture_on_commit_callbacks
):
    idea, people = cast
    top = idea_services.comment_create(idea=idea, author=people["sari"], body="Lokasinya mana?")
    Notification.objects.all().delete()
    inboxes = {name: listen(publish.user_group(user.pk)) for name, user in people.items()}

    with django_capture_on_commit_callbacks(execute=True):
        reply = idea_services.comment_create(
            idea=idea, author=people["joko"], body="Underpass Kuningan.", parent=top
        )

    assert told() == {
        "sari": ["comment_reply"],
        "budi": ["comment"],
        "putri": ["comment"],
        "lia": ["followed_activity"],
    }
    assert data_of("sari", "comment_reply") == {
        "idea": idea.pk,
        "title": idea.title,
        "comment": reply.pk,
        "parent": top.pk,
    }
    assert data_of("lia", "followed_activity") == {
        "idea": idea.pk,
        "title": idea.title,
        "event": "comment",
        "comment": reply.pk,
    }
    for name in ("sari", "budi", "putri", "lia"):
        got = inboxes[name].receive()
        assert got["id"] == Notification.objects.get(user=people[name]).pk
        assert inboxes[name].receive_nothing()
    assert inboxes["joko"].receive_nothing() and inboxes["admin"].receive_nothing()


def test_an_author_replied_to_hears_of_it_once_and_the_replier_not_at_all(cast):
    idea, people = cast
    top = idea_services.comment_create(idea=idea, author=people["budi"], body="Terima kasih.")
    Notification.objects.all().delete()

    idea_services.comment_create(idea=idea, author=people["putri"], body="Sama-sama.", parent=top)

    assert told() == {"budi": ["comment_reply"], "lia": ["followed_activity"]}


def test_an_official_response_tells_the_authors_as_such_and_the_followers(cast):
    idea, people = cast
    follows.follow_add(idea=idea, user=people["admin"])
    comment = idea_services.comment_create(
        idea=idea, author=people["admin"], body="Akan diuji coba.", kind="official"
    )

    assert told() == {
        "budi": ["official_response"],
        "putri": ["official_response"],
        "lia": ["followed_activity"],
    }
    assert data_of("budi", "official_response") == {
        "idea": idea.pk,
        "title": idea.title,
        "comment": comment.pk,
    }
    assert data_of("lia", "followed_activity")["event"] == "official"


def test_a_status_change_tells_the_authors_and_the_followers_but_not_the_admin_who_follows(cast):
    idea, people = cast
    follows.follow_add(idea=idea, user=people["admin"])
    follows.follow_add(idea=idea, user=people["budi"])  # an author follows too: still one

    idea_services.idea_status_change(
        idea_id=idea.pk, to_status="shortlisted", changed_by=people["admin"]
    )

    assert told() == {
        "budi": ["status_changed"],
        "putri": ["status_changed"],
        "lia": ["followed_activity"],
    }
    assert data_of("lia", "followed_activity") == {
        "idea": idea.pk,
        "title": idea.title,
        "event": "status",
        "status": "shortlisted",
    }


def test_followers_are_not_told_of_an_idea_hidden_by_moderation_its_authors_are(cast):
    idea, people = cast
    idea_services.idea_status_change(
        idea_id=idea.pk, to_status="hidden", changed_by=people["admin"], note="Iklan."
    )
    assert told() == {"budi": ["status_changed"], "putri": ["status_changed"]}


def test_one_who_stopped_following_hears_nothing_more(cast):
    idea, people = cast
    follows.follow_remove(idea=idea, user=people["lia"])
    idea_services.comment_create(idea=idea, author=people["joko"], body="Bagus.")
    assert told() == {"budi": ["comment"], "putri": ["comment"]}


def test_only_authors_and_admins_may_hear_of_a_draft(cast, traffic):
    idea, people = cast
    draft = make_idea(author=people["budi"], co_authors=[people["putri"]], draft=True)
    everyone = [user.pk for user in people.values()]
    assert idea_audience(idea=draft, user_ids=everyone) == [
        people[name].pk for name in ("budi", "putri", "admin")
    ]
    assert idea_audience(idea=idea, user_ids=everyone) == everyone


def test_a_blind_reviewer_who_follows_hears_of_an_authors_comment_without_the_authors_name(
    cast, admin_user, outbox, django_capture_on_commit_callbacks
):
    idea, people = cast
    campaign = CampaignFactory(blind_review=True)
    Idea.objects.filter(pk=idea.pk).update(campaign=campaign)
    idea.refresh_from_db()
    siti = UserFactory(username="siti", full_name="Siti Rahmawati", email="siti@jakarta.go.id")
    review_services.review_assignment_create(idea=idea, reviewer=siti, by=admin_user)
    follows.follow_add(idea=idea, user=siti)
    NotificationPreference.objects.create(user=siti, kind="followed_activity", delivery="immediate")
    outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        idea_services.comment_create(idea=idea, author=people["budi"], body="Data terlampir.")

    notice = Notification.objects.get(user=siti, kind="followed_activity")
    assert "Budi" not in str(notice.data) and "Putri" not in str(notice.data)
    assert len(outbox) == 1 and "Budi" not in outbox[0].body and "Budi" not in outbox[0].subject


# --- review_assigned -----------------------------------------------------------------------------


@pytest.fixture
def under_review(review_campaign, author, co_author, traffic, reviewer, second_reviewer):
    idea = idea_in(review_campaign, author=author, co_authors=[co_author], title="Kolam retensi")
    panel, _ = Panel.objects.get_or_create(campaign=review_campaign)
    panel.members.add(reviewer, second_reviewer)
    Notification.objects.all().delete()
    return idea


def test_a_reviewer_assigned_by_hand_is_told_and_nobody_else(
    under_review, reviewer, admin_user, listen, django_capture_on_commit_callbacks
):
    mine, admins = (
        listen(publish.user_group(reviewer.pk)),
        listen(publish.user_group(admin_user.pk)),
    )
    with django_capture_on_commit_callbacks(execute=True):
        review_services.review_assignment_create(
            idea=under_review, reviewer=reviewer, by=admin_user
        )
        review_services.review_assignment_create(
            idea=under_review, reviewer=reviewer, by=admin_user
        )

    stored = Notification.objects.get()
    assert (stored.user, stored.kind, stored.data) == (
        reviewer,
        "review_assigned",
        {"idea": under_review.pk, "title": "Kolam retensi", "campaign": under_review.campaign_id},
    )
    assert mine.receive()["id"] == stored.pk and mine.receive_nothing()
    assert admins.receive_nothing()


def test_an_admin_who_assigns_themselves_is_not_told(under_review):
    admin = UserFactory(roles=["admin"])  # of another agency than the authors'
    review_services.review_assignment_create(idea=under_review, reviewer=admin, by=admin)
    assert ReviewAssignment.objects.filter(reviewer=admin).exists()
    assert not Notification.objects.exists()


def test_assigning_the_panel_tells_each_new_reviewer_once(
    under_review, reviewer, second_reviewer, admin_user
):
    review_services.review_assign(campaign=under_review.campaign, per_idea=2, by=admin_user)
    review_services.review_assign(campaign=under_review.campaign, per_idea=2, by=admin_user)

    assert sorted(Notification.objects.values_list("user__username", "kind")) == sorted(
        [(reviewer.username, "review_assigned"), (second_reviewer.username, "review_assigned")]
    )
