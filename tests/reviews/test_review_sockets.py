"""Panel reviews on the sockets (API.md §Live), through the real ASGI application.

While the review is open the leaderboard socket shows staff and reviewers no panel score and
refuses them a ranking by panel (4403); admins and leadership get one, renewed when scores change.
A reviewer's published feedback reaches the idea's socket as a `comment` (no scores, no name in a
blind review) and the authors' /ws/notifications/ as a `review_feedback` notification."""

from datetime import timedelta

import pytest
from asgiref.sync import sync_to_async
from django.utils import timezone
from rest_framework.authtoken.models import Token

from accounts.models import User
from ideas.models import Campaign, Comment
from live.consumers import CLOSE_FORBIDDEN
from notifications.models import Notification
from reviews import services
from tests.factories import AgencyFactory, UserFactory, campaign_in_phase
from tests.reviews.conftest import (
    PERMENPAN,
    frame,
    idea_in,
    iso,
    review_input,
    socket,
    user_json,
)

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.asyncio]


def build():
    """A blind campaign under review; one idea by Budi (co-written by Putri); two panel members
    from other agencies, the first of whom has already scored it; tokens for everyone."""
    home, elsewhere, third = (
        AgencyFactory(code="DISHUB"),
        AgencyFactory(code="DSDA"),
        AgencyFactory(code="BAPPEDA"),
    )
    admin = UserFactory(full_name="Admin Inovasi", agency=home, roles=["admin"])
    leader = UserFactory(full_name="Pimpinan", agency=home, roles=["leadership"])
    author = UserFactory(full_name="Budi Santoso", agency=home)
    co_author = UserFactory(full_name="Putri Ayu Lestari", agency=third)
    staff = UserFactory(full_name="Lia Amalia", agency=third)
    first = UserFactory(full_name="Siti Rahmawati", agency=elsewhere)
    second = UserFactory(full_name="Bambang Sutrisno", agency=third)
    campaign = campaign_in_phase("review", title="Jakarta Tangguh Banjir")
    services.rubric_apply(campaign=campaign, template_key=PERMENPAN, by=admin)
    idea = idea_in(campaign, author=author, co_authors=[co_author], title="Kolam retensi")
    for person in (first, second):
        services.review_assignment_create(idea=idea, reviewer=person, by=admin)
    services.review_submit(
        idea_id=idea.pk,
        reviewer=first,
        data=review_input(campaign, [5, 4, 3, 2, 1], "Perlu data debit air."),
    )
    people = {
        "admin": admin,
        "leader": leader,
        "author": author,
        "co_author": co_author,
        "staff": staff,
        "reviewer": first,
        "second_reviewer": second,
    }
    tokens = {name: Token.objects.create(user=user).key for name, user in people.items()}
    idea.refresh_from_db()
    return campaign, idea, people, tokens


def score(idea, reviewer, values, comment, replace=False):
    review, _ = services.review_submit(
        idea_id=idea.pk,
        reviewer=reviewer,
        data=review_input(idea.campaign, values, comment),
        replace=replace,
    )
    return review


def rescore(idea, reviewer, values, comment):
    return score(idea, reviewer, values, comment, replace=True)


def leaderboard_path(campaign, by, token) -> str:
    return f"/ws/leaderboard/?campaign={campaign.pk}&by={by}&token={token}"


# --- Leaderboard -------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["staff", "reviewer", "second_reviewer", "author"])
async def test_while_open_the_vote_leaderboard_socket_shows_staff_and_reviewers_no_panel_score(
    who,
):
    campaign, idea, people, tokens = await sync_to_async(build)()

    communicator = await socket(leaderboard_path(campaign, "votes", tokens[who]))
    board = await frame(communicator)

    assert board["type"] == "leaderboard"
    assert board["entries"] == [
        {
            "rank": 1,
            "idea": board["entries"][0]["idea"],
            "vote_count": 0,
            "panel_score": None,
            "combined_score": None,
        }
    ]
    assert board["entries"][0]["idea"]["id"] == idea.pk
    await communicator.disconnect()


@pytest.mark.parametrize(
    ("who", "agency_shown"),
    [("reviewer", False), ("second_reviewer", False), ("staff", True), ("admin", True)],
)
async def test_the_leaderboard_socket_hides_agencies_from_those_who_review_the_campaign_blind(
    who, agency_shown
):
    campaign, idea, people, tokens = await sync_to_async(build)()

    communicator = await socket(leaderboard_path(campaign, "votes", tokens[who]))
    board = await frame(communicator)

    agency = board["entries"][0]["idea"]["agency"]
    assert (agency is not None) == agency_shown
    if agency_shown:
        assert agency["code"] == "DISHUB"
    await communicator.disconnect()


@pytest.mark.parametrize("by", ["panel", "combined"])
@pytest.mark.parametrize("who", ["staff", "reviewer", "second_reviewer", "author"])
async def test_while_open_a_panel_leaderboard_socket_is_closed_4403_for_staff_and_reviewers(
    who, by
):
    campaign, idea, people, tokens = await sync_to_async(build)()

    communicator = await socket(leaderboard_path(campaign, by, tokens[who]))

    assert await communicator.receive_output(timeout=5) == {
        "type": "websocket.close",
        "code": CLOSE_FORBIDDEN,
    }


@pytest.mark.parametrize("who", ["admin", "leader"])
async def test_admins_and_leadership_get_the_panel_leaderboard_socket_with_scores(who):
    campaign, idea, people, tokens = await sync_to_async(build)()

    communicator = await socket(leaderboard_path(campaign, "panel", tokens[who]))
    board = await frame(communicator)

    assert (board["type"], board["by"]) == ("leaderboard", "panel")
    assert [(e["idea"]["id"], e["panel_score"]) for e in board["entries"]] == [(idea.pk, 56.25)]
    await communicator.disconnect()


@pytest.mark.parametrize("who", ["staff", "reviewer"])
async def test_after_the_review_closes_everyone_gets_the_panel_leaderboard_socket(who):
    campaign, idea, people, tokens = await sync_to_async(build)()
    await sync_to_async(
        lambda: Campaign.objects.filter(pk=campaign.pk).update(
            review_closes=timezone.now() - timedelta(minutes=1)
        )
    )()

    communicator = await socket(leaderboard_path(campaign, "panel", tokens[who]))
    board = await frame(communicator)

    assert [(e["idea"]["id"], e["panel_score"]) for e in board["entries"]] == [(idea.pk, 56.25)]
    await communicator.disconnect()


async def test_the_admins_panel_leaderboard_socket_gets_a_new_frame_when_scores_change():
    campaign, idea, people, tokens = await sync_to_async(build)()
    communicator = await socket(leaderboard_path(campaign, "panel", tokens["admin"]))
    first = await frame(communicator)
    assert first["entries"][0]["panel_score"] == 56.25

    await sync_to_async(rescore)(idea, people["reviewer"], [5, 5, 5, 5, 5], "Data sudah cukup.")

    frames = [await frame(communicator)]
    while not await communicator.receive_nothing(timeout=0.8):
        frames.append(await frame(communicator))
    last = frames[-1]
    assert last["entries"][0]["panel_score"] == 100.0
    assert last["seq"] > first["seq"]
    await communicator.disconnect()


# --- The idea's socket -------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["staff", "second_reviewer", "author"])
async def test_the_idea_socket_carries_feedback_as_a_comment_without_scores_or_name(who):
    campaign, idea, people, tokens = await sync_to_async(build)()
    communicator = await socket(f"/ws/ideas/{idea.pk}/?token={tokens[who]}")
    snapshot = await frame(communicator)
    assert snapshot == {
        "type": "snapshot",
        "idea": idea.pk,
        "vote_count": 0,
        "comment_count": 1,
        "status": "submitted",
        "has_voted": False,
        "seq": idea.live_version,
    }

    await sync_to_async(score)(
        idea, people["second_reviewer"], [2, 2, 2, 2, 2], "Biaya pemeliharaan belum dihitung."
    )

    message = await frame(communicator)
    feedback = await sync_to_async(Comment.objects.get)(author=people["second_reviewer"])
    assert message == {
        "type": "comment",
        "idea": idea.pk,
        "comment": {
            "id": feedback.pk,
            "idea": idea.pk,
            "parent": None,
            "author": None,
            "body": "Biaya pemeliharaan belum dihitung.",
            "kind": "reviewer",
            "created_at": iso(feedback.created_at),
            "edited_at": None,
            "editable_until": iso(feedback.created_at + timedelta(seconds=900)),
            "withdrawn": None,
        },
        # Absolute: the count with this comment, and the version it made (the panel score
        # that changed after it bumps the version again, unseen here).
        "comment_count": 2,
        "seq": snapshot["seq"] + 1,
    }
    # Nothing else: the panel score that changed is not the idea socket's to tell.
    assert await communicator.receive_nothing(timeout=0.5)
    await communicator.disconnect()


async def test_without_blind_review_the_feedback_comment_names_the_reviewer():
    campaign, idea, people, tokens = await sync_to_async(build)()
    await sync_to_async(
        lambda: Campaign.objects.filter(pk=campaign.pk).update(blind_review=False)
    )()
    communicator = await socket(f"/ws/ideas/{idea.pk}/?token={tokens['author']}")
    await frame(communicator)

    await sync_to_async(score)(
        idea, people["second_reviewer"], [2, 2, 2, 2, 2], "Biaya pemeliharaan belum dihitung."
    )

    message = await frame(communicator)
    reviewer = await sync_to_async(User.objects.select_related("agency").get)(
        pk=people["second_reviewer"].pk
    )
    assert (message["type"], message["comment"]["kind"]) == ("comment", "reviewer")
    assert message["comment"]["author"] == user_json(reviewer)
    await communicator.disconnect()


async def test_revised_feedback_reaches_the_idea_socket_as_the_same_comment():
    campaign, idea, people, tokens = await sync_to_async(build)()
    communicator = await socket(f"/ws/ideas/{idea.pk}/?token={tokens['author']}")
    await frame(communicator)
    feedback = await sync_to_async(Comment.objects.get)()

    await sync_to_async(rescore)(idea, people["reviewer"], [4] * 5, "Data debit sudah cukup.")

    message = await frame(communicator)
    assert message["type"] == "comment"
    assert (message["comment"]["id"], message["comment"]["body"], message["comment"]["author"]) == (
        feedback.pk,
        "Data debit sudah cukup.",
        None,
    )
    await communicator.disconnect()


# --- Notifications -----------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["author", "co_author"])
async def test_the_authors_are_notified_of_new_feedback_on_their_own_socket(who):
    campaign, idea, people, tokens = await sync_to_async(build)()
    mine = await socket(f"/ws/notifications/?token={tokens[who]}")
    others = await socket(f"/ws/notifications/?token={tokens['staff']}")

    await sync_to_async(score)(
        idea, people["second_reviewer"], [3] * 5, "Perlu kajian dampak lingkungan."
    )

    got = await frame(mine)
    newest = Notification.objects.filter(user=people[who], kind="review_feedback").order_by("-id")
    stored = await sync_to_async(newest.first)()
    assert got == {
        "type": "notification",
        "kind": "review_feedback",
        "idea": idea.pk,
        "title": idea.title,
        "id": stored.pk,
    }
    assert await others.receive_nothing(timeout=0.5)
    await mine.disconnect()
    await others.disconnect()


async def test_a_review_without_feedback_notifies_nobody():
    campaign, idea, people, tokens = await sync_to_async(build)()
    mine = await socket(f"/ws/notifications/?token={tokens['author']}")

    await sync_to_async(score)(idea, people["second_reviewer"], [3] * 5, "")

    assert await mine.receive_nothing(timeout=0.5)
    await mine.disconnect()


async def test_the_notification_socket_is_closed_4401_without_credentials():
    communicator = await socket("/ws/notifications/")

    assert await communicator.receive_output(timeout=5) == {
        "type": "websocket.close",
        "code": 4401,
    }
