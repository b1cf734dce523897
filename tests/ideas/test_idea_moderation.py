"""Hiding an abusive idea (status `hidden`, with the reason as the trail's note): it leaves
every feed, count and ranking for everyone but its authors and admins, stays in the trail, and
its authors are told why."""

import pytest

from core.errors import RuleConflict
from ideas import services
from ideas.models import IdeaStatusChange
from notifications.models import Notification
from tests.conftest import client_for
from tests.factories import campaign_in_phase, make_idea
from voting.services import vote_cast

pytestmark = pytest.mark.django_db


@pytest.fixture
def hidden_case(staff, other_staff, admin_user, traffic):
    campaign = campaign_in_phase("voting")
    abusive = make_idea(author=staff, category=traffic, campaign=campaign, title="Ide kasar")
    fine = make_idea(author=staff, category=traffic, campaign=campaign, title="Ide baik")
    for idea in (abusive, fine):
        vote_cast(idea_id=idea.pk, voter=other_staff)
    return campaign, abusive, fine


def titles(client, path="/api/ideas/"):
    body = client.get(path).json()
    return body["count"], [i["title"] for i in body["results"]]


def test_a_hidden_idea_leaves_feeds_counts_and_rankings_but_not_its_authors_view(
    hidden_case, staff, other_staff, admin_client, admin_user
):
    campaign, abusive, fine = hidden_case
    reader = client_for(other_staff)
    assert titles(reader)[0] == 2

    moved = admin_client.post(
        f"/api/ideas/{abusive.pk}/status/", {"status": "hidden", "note": "Bahasa kasar."}
    )
    assert moved.status_code == 200

    assert titles(reader) == (1, ["Ide baik"])
    assert reader.get(f"/api/ideas/{abusive.pk}/").status_code == 404
    assert reader.post(f"/api/ideas/{abusive.pk}/vote/").status_code == 404
    board = reader.get(f"/api/leaderboard/?campaign={campaign.pk}").json()
    assert [e["idea"]["title"] for e in board["entries"]] == ["Ide baik"]
    assert client_for(staff).get(f"/api/ideas/{abusive.pk}/").json()["status"] == "hidden"
    assert titles(client_for(staff))[0] == 2
    assert titles(admin_client)[0] == 2
    trail = IdeaStatusChange.objects.filter(idea=abusive).latest("created_at")
    assert (trail.to_status, trail.note, trail.changed_by_id) == (
        "hidden",
        "Bahasa kasar.",
        admin_user.pk,
    )
    told = Notification.objects.get(user=staff, kind="status_changed", data__status="hidden")
    assert told.data["note"] == "Bahasa kasar."


def test_hiding_needs_a_reason_and_changes_nothing_without_one(hidden_case, admin_client):
    _campaign, abusive, _fine = hidden_case
    refused = admin_client.post(f"/api/ideas/{abusive.pk}/status/", {"status": "hidden"})
    assert refused.status_code == 400 and "note" in refused.json()
    abusive.refresh_from_db()
    assert abusive.status == "submitted"


def test_a_hidden_idea_takes_no_comment_but_an_official_one(hidden_case, admin_user, other_staff):
    _campaign, abusive, _fine = hidden_case
    services.idea_status_change(
        idea_id=abusive.pk, to_status="hidden", changed_by=admin_user, note="Bahasa kasar."
    )
    abusive.refresh_from_db()
    with pytest.raises(RuleConflict) as refused:
        services.comment_create(idea=abusive, author=other_staff, body="Halo")
    assert refused.value.code == "not_published"
    services.comment_create(idea=abusive, author=admin_user, body="Disembunyikan.", kind="official")
