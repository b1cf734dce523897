"""/ws/dashboard/ through the real ASGI application: the body of /api/stats/, renewed when a
number moves, coalesced, for leadership and admins only."""

import asyncio
import json

import pytest
from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator
from django.test import override_settings
from rest_framework.authtoken.models import Token

from backend.asgi import application
from ideas import services as idea_services
from live.consumers import CLOSE_BAD_REQUEST, CLOSE_FORBIDDEN, CLOSE_UNAUTHENTICATED
from tests.factories import CampaignFactory, UserFactory, make_idea
from voting import services as votes

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.asyncio]

ORIGIN = (b"origin", b"http://127.0.0.1:8000")


async def connect(path):
    communicator = WebsocketCommunicator(application, path, headers=[ORIGIN])
    connected, _ = await communicator.connect(timeout=5)
    assert connected
    return communicator


async def frame(communicator, timeout=5):
    return json.loads(await communicator.receive_from(timeout=timeout))


async def closed_with(path) -> int:
    communicator = await connect(path)
    output = await communicator.receive_output(timeout=5)
    assert output["type"] == "websocket.close"
    return output["code"]


def build():
    campaign, other = CampaignFactory(), CampaignFactory()
    idea = make_idea(campaign=campaign, title="Sensor genangan")
    elsewhere = make_idea(campaign=other, title="Gagasan lain")
    tokens = {
        role: Token.objects.create(user=UserFactory(roles=roles)).key
        for role, roles in (("leader", ["leadership"]), ("admin", ["admin"]), ("staff", []))
    }
    return campaign, idea, elsewhere, tokens


async def test_staff_get_4403_and_signed_out_4401_and_a_bad_filter_4400():
    campaign, _idea, _elsewhere, tokens = await sync_to_async(build)()

    assert await closed_with(f"/ws/dashboard/?token={tokens['staff']}") == CLOSE_FORBIDDEN
    assert await closed_with("/ws/dashboard/") == CLOSE_UNAUTHENTICATED
    assert (
        await closed_with(f"/ws/dashboard/?campaign=999999&token={tokens['leader']}")
        == CLOSE_BAD_REQUEST
    )
    assert (
        await closed_with(f"/ws/dashboard/?campaign=x&token={tokens['admin']}") == CLOSE_BAD_REQUEST
    )


@override_settings(DASHBOARD_PUSH_INTERVAL=0.2)
async def test_the_first_frame_is_the_stats_body_and_a_vote_or_comment_renews_it():
    campaign, idea, _elsewhere, tokens = await sync_to_async(build)()
    board = await connect(f"/ws/dashboard/?campaign={campaign.pk}&token={tokens['leader']}")

    first = await frame(board)
    assert first["type"] == "dashboard"
    assert first["filters"]["campaign"] == campaign.pk
    assert (first["totals"]["ideas"], first["totals"]["votes"]) == (1, 0)
    assert {"totals", "funnel", "categories", "agencies", "regions", "timeline"} <= set(first)

    voter = await sync_to_async(UserFactory)()
    await sync_to_async(votes.vote_cast)(idea_id=idea.pk, voter=voter)
    after_vote = await frame(board)
    assert after_vote["totals"]["votes"] == 1
    assert after_vote["seq"] > first["seq"]
    assert after_vote["timeline"][-1]["votes"] == 1

    await sync_to_async(idea_services.comment_create)(idea=idea, author=voter, body="Bagus sekali")
    after_comment = await frame(board)
    assert after_comment["totals"]["comments"] == 1
    await board.disconnect()


@override_settings(DASHBOARD_PUSH_INTERVAL=0.2)
async def test_a_campaigns_dashboard_ignores_other_campaigns_but_the_whole_city_hears_them():
    campaign, _idea, elsewhere, tokens = await sync_to_async(build)()
    mine = await connect(f"/ws/dashboard/?campaign={campaign.pk}&token={tokens['admin']}")
    city = await connect(f"/ws/dashboard/?token={tokens['leader']}")
    await frame(mine)
    assert (await frame(city))["totals"]["ideas"] == 2

    voter = await sync_to_async(UserFactory)()
    await sync_to_async(votes.vote_cast)(idea_id=elsewhere.pk, voter=voter)

    assert (await frame(city))["totals"]["votes"] == 1
    assert await mine.receive_nothing(timeout=0.6)
    await mine.disconnect()
    await city.disconnect()


@override_settings(DASHBOARD_PUSH_INTERVAL=0.5)
async def test_a_storm_of_votes_is_coalesced_and_the_last_state_arrives():
    campaign, idea, _elsewhere, tokens = await sync_to_async(build)()
    board = await connect(f"/ws/dashboard/?campaign={campaign.pk}&token={tokens['leader']}")
    await frame(board)
    voters = await sync_to_async(lambda: UserFactory.create_batch(30))()

    for voter in voters:
        await sync_to_async(votes.vote_cast)(idea_id=idea.pk, voter=voter)
        await asyncio.sleep(0.02)  # ~0.6 s of votes: room for two pushes, not thirty
    frames = []
    while not frames or frames[-1]["totals"]["votes"] < 30:
        frames.append(await frame(board, timeout=3))

    assert len(frames) <= 4, [f["totals"]["votes"] for f in frames]
    assert [f["seq"] for f in frames] == sorted(f["seq"] for f in frames)
    await board.disconnect()
