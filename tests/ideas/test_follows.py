"""Following an idea (ideas.follows): anyone who may see it follows or unfollows it through
POST/DELETE /api/ideas/{id}/follow/ (idempotent), the idea's body says `is_following`; its
authors follow it from the start and co-authors once they accept; a merge moves followers to
the original without duplicates."""

import pytest

from ideas import follows
from ideas.models import IdeaFollow
from tests.conftest import client_for
from tests.factories import UserFactory, make_idea

pytestmark = pytest.mark.django_db


@pytest.fixture
def idea(staff, traffic):
    return make_idea(author=staff, category=traffic, title="Sensor genangan di underpass")


def test_the_author_follows_their_new_idea_and_a_co_author_once_they_accept(staff, traffic):
    putri = UserFactory()
    idea = make_idea(author=staff, co_authors=[putri], category=traffic)  # accepted at once
    assert sorted(follows.follower_ids(idea)) == sorted([staff.pk, putri.pk])


def test_a_co_author_still_invited_does_not_follow(staff, traffic):
    from ideas import services

    putri = UserFactory()
    idea = services.idea_create(
        author=staff, title="T", problem="P", solution="S", category=traffic, co_authors=[putri]
    )
    assert follows.follower_ids(idea) == [staff.pk]


def test_follow_then_unfollow_through_the_api_idempotently(idea, other_staff):
    client = client_for(other_staff)
    url = f"/api/ideas/{idea.pk}/follow/"

    assert client.get(f"/api/ideas/{idea.pk}/").json()["is_following"] is False
    first = client.post(url)
    again = client.post(url)
    assert (first.status_code, first.json()) == (200, {"following": True, "follower_count": 2})
    assert again.json() == {"following": True, "follower_count": 2}
    assert client.get(f"/api/ideas/{idea.pk}/").json()["is_following"] is True
    listed = client.get("/api/ideas/").json()["results"]
    assert [row["is_following"] for row in listed if row["id"] == idea.pk] == [True]

    gone = client.delete(url)
    assert (gone.status_code, gone.json()) == (200, {"following": False, "follower_count": 1})
    assert client.delete(url).json() == {"following": False, "follower_count": 1}
    assert client.get(f"/api/ideas/{idea.pk}/").json()["is_following"] is False
    assert list(IdeaFollow.objects.values_list("user_id", flat=True)) == [idea.author_id]


def test_nobody_follows_a_draft_they_may_not_see(staff, other_staff, traffic):
    draft = make_idea(author=staff, category=traffic, draft=True)
    assert client_for(other_staff).post(f"/api/ideas/{draft.pk}/follow/").status_code == 404
    assert follows.follower_ids(draft) == [staff.pk]


def test_following_needs_a_sign_in(api_client, idea):
    assert api_client.post(f"/api/ideas/{idea.pk}/follow/").status_code == 401


def test_follow_add_is_idempotent_and_says_whether_it_was_new(idea, other_staff):
    assert follows.follow_add(idea=idea, user=other_staff) is True
    assert follows.follow_add(idea=idea, user=other_staff) is False
    assert IdeaFollow.objects.filter(idea=idea, user=other_staff).count() == 1


def test_a_merge_moves_the_followers_without_duplicates(idea, staff, other_staff, traffic):
    both, only_duplicate = UserFactory(), UserFactory()
    duplicate = make_idea(author=other_staff, category=traffic, title="Sensor banjir underpass")
    for person in (both, only_duplicate):
        follows.follow_add(idea=duplicate, user=person)
    follows.follow_add(idea=idea, user=both)

    moved = follows.follows_move(source=duplicate, target=idea)

    assert moved == 2  # other_staff (the duplicate's author) and only_duplicate
    assert sorted(follows.follower_ids(idea)) == sorted(
        [staff.pk, both.pk, other_staff.pk, only_duplicate.pk]
    )
    assert follows.follower_ids(duplicate) == []
