"""/ws/live/: one socket carrying a page's ideas, leaderboard and notifications
(backend.multiplex), with the same frames as the single-subject sockets."""

import json

import pytest
from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator
from rest_framework.authtoken.models import Token

from backend.asgi import application
from ideas import services as idea_services
from tests.factories import CampaignFactory, UserFactory, make_idea
from voting import services as vote_services

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.asyncio]

ORIGIN = (b"origin", b"http://127.0.0.1:8000")


def two_ideas():
    campaign = CampaignFactory()
    author = UserFactory()
    reader = UserFactory()
    first = make_idea(author=author, campaign=campaign, title="Sensor banjir di Kampung Melayu")
    second = make_idea(author=author, campaign=campaign, title="Jalur sepeda Sudirman-Thamrin")
    token = Token.objects.create(user=reader).key
    return campaign, first, second, author, reader, token


async def live(token: str | None) -> WebsocketCommunicator:
    path = "/ws/live/" + (f"?token={token}" if token else "")
    communicator = WebsocketCommunicator(application, path, headers=[ORIGIN])
    connected, code = await communicator.connect(timeout=5)
    assert connected, code
    return communicator


async def ask(communicator, **request) -> None:
    await communicator.send_to(text_data=json.dumps(request))


async def receive(communicator, timeout=5) -> dict:
    return json.loads(await communicator.receive_from(timeout=timeout))


async def test_without_credentials_the_socket_is_closed_with_4401():
    communicator = await live(None)
    assert await communicator.receive_output(timeout=5) == {"type": "websocket.close", "code": 4401}


async def test_one_socket_carries_two_ideas_the_leaderboard_and_the_notifications():
    campaign, first, second, author, reader, token = await sync_to_async(two_ideas)()
    communicator = await live(token)

    await ask(communicator, type="subscribe", topic="idea", idea=first.pk)
    assert (await receive(communicator))["idea"] == first.pk
    await ask(communicator, type="subscribe", topic="idea", idea=second.pk)
    assert await receive(communicator) == {
        "type": "snapshot",
        "idea": second.pk,
        "vote_count": 0,
        "comment_count": 0,
        "status": "submitted",
        "has_voted": False,
        "seq": 0,
    }
    await ask(communicator, type="subscribe", topic="leaderboard", campaign=campaign.pk)
    board = await receive(communicator)
    assert (board["type"], board["campaign"], len(board["entries"])) == (
        "leaderboard",
        campaign.pk,
        2,
    )
    await ask(communicator, type="subscribe", topic="notifications")
    assert await receive(communicator) == {"type": "subscribed", "topic": "notifications"}

    await sync_to_async(vote_services.vote_cast)(idea_id=second.pk, voter=reader)
    frames = [await receive(communicator), await receive(communicator)]
    tally = next(f for f in frames if f["type"] == "tally")
    ranking = next(f for f in frames if f["type"] == "leaderboard")
    assert tally == {"type": "tally", "idea": second.pk, "vote_count": 1, "seq": 1}
    assert ranking["entries"][0]["idea"]["id"] == second.pk
    assert ranking["entries"][0]["vote_count"] == 1

    # Someone comments on the reader's own idea: the notification comes on the same socket.
    own = await sync_to_async(make_idea)(author=reader, campaign=campaign)
    comment = await sync_to_async(idea_services.comment_create)(
        idea=own, author=author, body="Ide bagus, kami siap membantu."
    )
    notification = await receive(communicator)
    while notification["type"] == "leaderboard":  # the new idea joined the ranking
        notification = await receive(communicator)
    assert {k: v for k, v in notification.items() if k != "id"} == {
        "type": "notification",
        "kind": "comment",
        "idea": own.pk,
        "comment": comment.pk,
        "title": own.title,
    }
    assert isinstance(notification["id"], int)
    await communicator.disconnect()


async def test_after_unsubscribing_an_idea_its_frames_stop_and_the_others_go_on():
    campaign, first, second, author, reader, token = await sync_to_async(two_ideas)()
    communicator = await live(token)
    for idea in (first, second):
        await ask(communicator, type="subscribe", topic="idea", idea=idea.pk)
        await receive(communicator)

    await ask(communicator, type="unsubscribe", topic="idea", idea=first.pk)
    await sync_to_async(vote_services.vote_cast)(idea_id=first.pk, voter=reader)
    await sync_to_async(vote_services.vote_cast)(idea_id=second.pk, voter=reader)

    assert await receive(communicator) == {
        "type": "tally",
        "idea": second.pk,
        "vote_count": 1,
        "seq": 1,
    }
    assert await communicator.receive_nothing(timeout=0.3)
    await communicator.disconnect()


@pytest.mark.parametrize(
    ("request_body", "code", "close_code"),
    [
        ({"type": "subscribe", "topic": "idea", "idea": 987654321}, "not_found", 4404),
        ({"type": "subscribe", "topic": "idea", "idea": "1"}, "bad_request", 4400),
        ({"type": "subscribe", "topic": "idea", "idea": True}, "bad_request", 4400),
        ({"type": "subscribe", "topic": "leaderboard", "campaign": 987654321}, "bad_request", 4400),
        ({"type": "subscribe", "topic": "weather"}, "bad_request", 4400),
        ({"type": "publish", "topic": "idea", "idea": 1}, "bad_request", 4400),
    ],
)
async def test_a_refused_subscription_is_answered_and_the_socket_stays_usable(
    request_body, code, close_code
):
    campaign, first, second, author, reader, token = await sync_to_async(two_ideas)()
    communicator = await live(token)

    await ask(communicator, **request_body)
    assert await receive(communicator) == {
        "type": "error",
        "code": code,
        "close_code": close_code,
        "request": request_body,
    }
    await ask(communicator, type="subscribe", topic="idea", idea=first.pk)
    assert (await receive(communicator))["idea"] == first.pk
    await communicator.disconnect()


@pytest.mark.parametrize("text", ["not json", "[" * 5000, json.dumps({"x": "y" * 5000}), "[]"])
async def test_frames_that_are_not_requests_are_answered_as_bad_requests(text):
    campaign, first, second, author, reader, token = await sync_to_async(two_ideas)()
    communicator = await live(token)

    await communicator.send_to(text_data=text)

    assert await receive(communicator) == {
        "type": "error",
        "code": "bad_request",
        "close_code": 4400,
        "request": None,
    }
    await communicator.disconnect()


async def test_a_ranking_by_panel_score_is_refused_while_the_review_is_open():
    campaign, first, second, author, reader, token = await sync_to_async(two_ideas)()
    communicator = await live(token)
    request = {"type": "subscribe", "topic": "leaderboard", "campaign": campaign.pk, "by": "panel"}

    await ask(communicator, **request)

    assert await receive(communicator) == {
        "type": "error",
        "code": "forbidden",
        "close_code": 4403,
        "request": request,
    }
    await communicator.disconnect()
