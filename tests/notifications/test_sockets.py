"""Each kind this issue emits reaches its recipient's own sockets, through the real ASGI
application: /ws/notifications/ and the `notifications` topic of /ws/live/; the socket of
someone not concerned (here the one who acted, or a bystander) gets nothing."""

import json

import pytest
from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator
from rest_framework.authtoken.models import Token

from backend.asgi import application
from ideas import follows
from ideas import services as idea_services
from notifications.models import Notification
from reviews import services as review_services
from reviews.models import Panel
from tests.factories import CampaignFactory, UserFactory, campaign_in_phase, make_idea
from voting import services as voting_services

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.asyncio]
ORIGIN = (b"origin", b"http://127.0.0.1:8000")


async def connected(path: str) -> WebsocketCommunicator:
    communicator = WebsocketCommunicator(application, path, headers=[ORIGIN])
    ok, _ = await communicator.connect(timeout=5)
    assert ok
    return communicator


async def frame(communicator, timeout: float = 5) -> dict:
    return json.loads(await communicator.receive_from(timeout=timeout))


def build():
    people = {name: UserFactory(username=name) for name in ("budi", "lia", "sari", "joko")}
    people["admin"] = UserFactory(username="adm", roles=["admin"])
    idea = make_idea(author=people["budi"], campaign=CampaignFactory(), title="Sensor banjir")
    follows.follow_add(idea=idea, user=people["lia"])
    tokens = {name: Token.objects.create(user=user).key for name, user in people.items()}
    return idea, people, tokens


def prepare(kind: str, idea, people) -> dict:
    """What must exist before the cause (and before the sockets open)."""
    if kind == "comment_reply":
        top = idea_services.comment_create(idea=idea, author=people["sari"], body="Di mana?")
        Notification.objects.all().delete()
        return {"parent": top}
    return {}


def cause(kind: str, idea, people, parent=None) -> str:
    """Do what sends `kind`; answers who is told of it."""
    if kind == "vote_milestone":
        for _ in range(10):
            voting_services.vote_cast(idea_id=idea.pk, voter=UserFactory())
        return "budi"
    if kind == "comment_reply":
        idea_services.comment_create(idea=idea, author=people["joko"], body="Sini.", parent=parent)
        return "sari"
    if kind == "official_response":
        idea_services.comment_create(
            idea=idea, author=people["admin"], body="Disetujui.", kind="official"
        )
        return "budi"
    if kind == "followed_activity":
        idea_services.idea_status_change(
            idea_id=idea.pk, to_status="in_review", changed_by=people["admin"]
        )
        return "lia"
    raise AssertionError(kind)


def stored_frames(user) -> list[dict]:
    return [
        {"type": "notification", "kind": n.kind, "id": n.pk, **n.data}
        for n in Notification.objects.filter(user=user).order_by("id")
    ]


@pytest.mark.parametrize(
    "kind", ["vote_milestone", "comment_reply", "official_response", "followed_activity"]
)
async def test_each_kind_reaches_its_recipients_socket_only(kind):
    idea, people, tokens = await sync_to_async(build)()
    before = await sync_to_async(prepare)(kind, idea, people)
    sockets = {name: await connected(f"/ws/notifications/?token={tokens[name]}") for name in people}

    recipient = await sync_to_async(cause)(kind, idea, people, **before)

    for name, communicator in sockets.items():
        expected = await sync_to_async(stored_frames)(people[name])
        if name == recipient:
            assert [f["kind"] for f in expected] == [kind]
        got = [await frame(communicator) for _ in expected]
        assert got == expected, name
        assert await communicator.receive_nothing(timeout=0.2), name
    for communicator in sockets.values():
        await communicator.disconnect()


async def test_a_review_assignment_reaches_the_reviewers_live_socket_only():
    def setup():
        admin = UserFactory(roles=["admin"])
        reviewer, other = UserFactory(), UserFactory()
        campaign = campaign_in_phase("review")
        idea = make_idea(author=UserFactory(), title="Kolam retensi")
        type(idea).objects.filter(pk=idea.pk).update(campaign=campaign)
        idea.refresh_from_db()
        Panel.objects.create(campaign=campaign).members.add(reviewer)
        keys = [Token.objects.create(user=u).key for u in (reviewer, other, admin)]
        return idea, admin, reviewer, keys

    idea, admin, reviewer, keys = await sync_to_async(setup)()
    sockets = [await connected(f"/ws/live/?token={key}") for key in keys]
    for communicator in sockets:
        await communicator.send_to(
            text_data=json.dumps({"type": "subscribe", "topic": "notifications"})
        )
        assert await frame(communicator) == {"type": "subscribed", "topic": "notifications"}

    await sync_to_async(review_services.review_assignment_create)(
        idea=idea, reviewer=reviewer, by=admin
    )

    got = await frame(sockets[0])
    assert (got["type"], got["kind"], got["idea"], got["campaign"]) == (
        "notification",
        "review_assigned",
        idea.pk,
        idea.campaign_id,
    )
    assert await sockets[1].receive_nothing(timeout=0.3)
    assert await sockets[2].receive_nothing(timeout=0.3)
    for communicator in sockets:
        await communicator.disconnect()
