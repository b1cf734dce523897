"""`vote_refusal`: every reader of an idea learns whether they may vote on it now and why not,
from the same rule the vote service refuses with (ideas.rules)."""

import pytest

from ideas.models import Idea
from tests.conftest import client_for
from tests.factories import UserFactory, campaign_in_phase, make_idea

pytestmark = pytest.mark.django_db


def refusal_and_vote(client, idea):
    shown = client.get(f"/api/ideas/{idea.pk}/").json()["vote_refusal"]
    listed = {i["id"]: i for i in client.get("/api/ideas/").json()["results"]}
    if idea.pk in listed:
        assert listed[idea.pk]["vote_refusal"] == shown
    answer = client.post(f"/api/ideas/{idea.pk}/vote/")
    return shown, answer.status_code, answer.json().get("code")


def test_the_refusal_shown_is_the_one_the_vote_gets(staff, other_staff, traffic):
    voting, submission = campaign_in_phase("voting"), campaign_in_phase("submission")
    co_author = UserFactory()
    open_idea = make_idea(author=staff, category=traffic, campaign=voting, co_authors=[co_author])
    early = make_idea(author=staff, category=traffic, campaign=submission)
    finished = make_idea(author=staff, category=traffic, campaign=voting)
    Idea.objects.filter(pk=finished.pk).update(status="implemented")
    reader = client_for(other_staff)

    assert refusal_and_vote(reader, open_idea) == (None, 200, None)
    assert refusal_and_vote(reader, early) == ("voting_closed", 409, "voting_closed")
    assert refusal_and_vote(reader, finished) == ("voting_closed", 409, "voting_closed")
    assert refusal_and_vote(client_for(staff), open_idea) == ("own_idea", 403, "own_idea")
    assert refusal_and_vote(client_for(co_author), open_idea) == ("co_authored", 403, "own_idea")


def test_an_authors_draft_says_draft(staff, traffic):
    draft = make_idea(author=staff, category=traffic, draft=True)
    shown, status, code = refusal_and_vote(client_for(staff), draft)
    assert (shown, status, code) == ("draft", 409, "voting_closed")


def test_can_edit_says_what_a_patch_will_get(staff, other_staff, admin_user, traffic):
    submission, voting = campaign_in_phase("submission"), campaign_in_phase("voting")
    early = make_idea(author=staff, category=traffic, campaign=submission)
    late = make_idea(author=staff, category=traffic, campaign=voting)
    cases = [
        (staff, early, True, 200),
        (other_staff, early, False, 403),
        (staff, late, False, 409),
        (admin_user, late, True, 200),
    ]
    for person, idea, can_edit, status in cases:
        client = client_for(person)
        assert client.get(f"/api/ideas/{idea.pk}/").json()["can_edit"] is can_edit
        patched = client.patch(f"/api/ideas/{idea.pk}/", {"title": "Judul yang diperbarui"})
        assert patched.status_code == status, (person.username, idea.pk, patched.content)
