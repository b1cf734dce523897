"""The sockets through the real ASGI application (origin check, auth, routing, consumers)."""

import asyncio
import json
from datetime import timedelta

import pytest
from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client, override_settings
from django.utils import timezone
from rest_framework.authtoken.models import Token

from backend import websocket_auth
from backend.asgi import application
from ideas import services as idea_services
from rankings import hub as leaderboard_hub
from tests.factories import CampaignFactory, UserFactory, make_idea
from voting import services

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.asyncio]

ORIGIN = (b"origin", b"http://127.0.0.1:8000")


def setup_idea():
    campaign = CampaignFactory()
    author = UserFactory()
    voter = UserFactory()
    watcher = UserFactory()
    idea = make_idea(author=author, campaign=campaign)
    return campaign, idea, voter, watcher, Token.objects.create(user=watcher).key


async def connect(path, headers=(ORIGIN,)):
    communicator = WebsocketCommunicator(application, path, headers=list(headers))
    connected, code = await communicator.connect(timeout=5)
    return communicator, connected, code


async def receive(communicator, timeout=5):
    return json.loads(await communicator.receive_from(timeout=timeout))


async def test_idea_socket_sends_a_snapshot_then_each_vote_as_absolute_state():
    campaign, idea, voter, watcher, token = await sync_to_async(setup_idea)()
    communicator, connected, _ = await connect(f"/ws/ideas/{idea.pk}/?token={token}")
    assert connected

    snapshot = await receive(communicator)
    assert snapshot == {
        "type": "snapshot",
        "idea": idea.pk,
        "vote_count": 0,
        "comment_count": 0,
        "status": "submitted",
        "has_voted": False,
        "seq": 0,
    }

    await sync_to_async(services.vote_cast)(idea_id=idea.pk, voter=voter)
    assert await receive(communicator) == {
        "type": "tally",
        "idea": idea.pk,
        "vote_count": 1,
        "seq": 1,
    }
    await sync_to_async(services.vote_withdraw)(idea_id=idea.pk, voter=voter)
    assert (await receive(communicator))["vote_count"] == 0
    await communicator.disconnect()


async def test_idea_socket_carries_comments_and_status_changes():
    campaign, idea, voter, watcher, token = await sync_to_async(setup_idea)()
    admin = await sync_to_async(UserFactory)(roles=["admin"])
    communicator, connected, _ = await connect(f"/ws/ideas/{idea.pk}/?token={token}")
    await receive(communicator)

    await sync_to_async(idea_services.comment_create)(
        idea=idea, author=voter, body="<b>Setuju</b>, perlu uji coba di Tebet."
    )
    comment = await receive(communicator)
    assert comment["type"] == "comment"
    assert comment["comment"]["body"] == "<b>Setuju</b>, perlu uji coba di Tebet."
    assert comment["comment"]["author"]["id"] == voter.pk

    await sync_to_async(idea_services.idea_status_change)(
        idea_id=idea.pk, to_status="shortlisted", changed_by=admin, note="Masuk 10 besar"
    )
    status = await receive(communicator)
    assert (status["type"], status["status"]) == ("status", "shortlisted")
    await communicator.disconnect()


async def test_unauthenticated_socket_is_closed_with_4401_before_any_data():
    campaign, idea, *_ = await sync_to_async(setup_idea)()
    for path in (
        f"/ws/ideas/{idea.pk}/",
        f"/ws/ideas/{idea.pk}/?token=not-a-token",
        f"/ws/leaderboard/?campaign={campaign.pk}",
    ):
        communicator, connected, _ = await connect(path)
        assert connected  # accepted only to carry the close code
        closed = await communicator.receive_output(timeout=5)
        assert closed == {"type": "websocket.close", "code": 4401}
        await communicator.wait()


async def test_socket_from_a_foreign_origin_is_refused():
    campaign, idea, voter, watcher, token = await sync_to_async(setup_idea)()
    for origin in (b"http://evil.example", b"http://127.0.0.1:8000.evil.example"):
        communicator, connected, code = await connect(
            f"/ws/ideas/{idea.pk}/?token={token}", headers=[(b"origin", origin)]
        )
        assert not connected
        assert code == 4403


@override_settings(WEBSOCKET_ALLOWED_ORIGINS=["https://gagasan.jakarta.go.id"])
async def test_allow_list_is_exact_not_a_domain_suffix():
    campaign, idea, voter, watcher, token = await sync_to_async(setup_idea)()
    path = f"/ws/ideas/{idea.pk}/?token={token}"
    good, connected, _ = await connect(path, [(b"origin", b"https://gagasan.jakarta.go.id")])
    assert connected
    await good.disconnect()
    _, connected, _ = await connect(path, [(b"origin", b"https://x.gagasan.jakarta.go.id")])
    assert not connected


async def test_idea_socket_is_told_when_a_published_comment_is_taken_back():
    campaign, idea, voter, watcher, token = await sync_to_async(setup_idea)()
    comment = await sync_to_async(idea_services.comment_create)(
        idea=idea, author=voter, body="Setuju, perlu segera."
    )
    communicator, connected, _ = await connect(f"/ws/ideas/{idea.pk}/?token={token}")
    assert (await receive(communicator))["comment_count"] == 1

    await sync_to_async(idea_services.comment_withdraw)(comment_id=comment.pk)

    await sync_to_async(idea.refresh_from_db)()
    assert await receive(communicator) == {
        "type": "comment_withdrawn",
        "idea": idea.pk,
        "comment": comment.pk,
        "comment_count": 0,
        "seq": idea.live_version,
        "withdrawn": "author",
    }
    await communicator.disconnect()


def batch_sizes(monkeypatch, read: str) -> list[int]:
    """The sizes of the batches that websocket_auth's `read` (a credential lookup) is given."""
    sizes = []
    real = getattr(websocket_auth, read)

    async def counting(keys):
        sizes.append(len(keys))
        return await real(keys)

    monkeypatch.setattr(websocket_auth, read, counting)
    return sizes


async def test_sockets_connecting_together_read_their_tokens_in_a_few_batches(monkeypatch):
    """A reconnect storm must not cost a database read per socket."""
    batches = batch_sizes(monkeypatch, "_users_for_tokens_read")

    def build():
        campaign = CampaignFactory()
        idea = make_idea(campaign=campaign)
        tokens = [Token.objects.create(user=UserFactory()).key for _ in range(20)]
        return idea, tokens

    idea, tokens = await sync_to_async(build)()
    paths = [f"/ws/ideas/{idea.pk}/?token={t}" for t in [*tokens, "not-a-token"]]
    sockets = await asyncio.gather(*(connect(path) for path in paths))
    answers = [await communicator.receive_output(timeout=5) for communicator, _, _ in sockets]

    # The malformed key is anonymous without a read (accounts.authentication.token_key_valid).
    assert sum(batches) == 20
    assert len(batches) <= 3
    assert [json.loads(a["text"])["type"] for a in answers[:20]] == ["snapshot"] * 20
    assert answers[20] == {"type": "websocket.close", "code": 4401}
    for communicator, _, _ in sockets[:20]:
        await communicator.disconnect()


def signed_in_cookie(user) -> tuple[bytes, bytes]:
    """A browser's session cookie for the user, as Django's own login makes it."""
    client = Client()
    client.force_login(user)
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    return (b"cookie", f"csrftoken=x; {settings.SESSION_COOKIE_NAME}={key}".encode())


async def test_browser_sockets_connecting_together_read_their_sessions_in_a_few_batches(
    monkeypatch,
):
    batches = batch_sizes(monkeypatch, "_users_for_sessions_read")
    campaign, idea, *_ = await sync_to_async(setup_idea)()
    cookies = await sync_to_async(lambda: [signed_in_cookie(UserFactory()) for _ in range(12)])()

    sockets = await asyncio.gather(
        *(connect(f"/ws/ideas/{idea.pk}/", headers=(ORIGIN, c)) for c in cookies)
    )

    assert [(await receive(communicator))["type"] for communicator, _, _ in sockets] == [
        "snapshot"
    ] * 12
    assert sum(batches) == 12
    assert len(batches) <= 3
    for communicator, _, _ in sockets:
        await communicator.disconnect()


async def test_a_browser_session_cookie_opens_the_idea_socket():
    campaign, idea, voter, watcher, _ = await sync_to_async(setup_idea)()
    cookie = await sync_to_async(signed_in_cookie)(watcher)

    communicator, connected, _ = await connect(f"/ws/ideas/{idea.pk}/", headers=(ORIGIN, cookie))

    assert connected
    assert (await receive(communicator))["type"] == "snapshot"
    await communicator.disconnect()


@pytest.mark.parametrize("ended_by", ["logout", "password_change", "deactivation", "expiry"])
async def test_an_ended_session_is_closed_with_4401(ended_by):
    campaign, idea, voter, watcher, _ = await sync_to_async(setup_idea)()
    cookie = await sync_to_async(signed_in_cookie)(watcher)

    def end_session():
        if ended_by == "logout":
            Session.objects.all().delete()
        elif ended_by == "password_change":
            watcher.set_password("kata-sandi-baru-2026")
            watcher.save()
        elif ended_by == "deactivation":
            watcher.is_active = False
            watcher.save()
        else:
            Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))

    await sync_to_async(end_session)()
    communicator, connected, _ = await connect(f"/ws/ideas/{idea.pk}/", headers=(ORIGIN, cookie))

    assert await communicator.receive_output(timeout=5) == {
        "type": "websocket.close",
        "code": 4401,
    }


async def test_socket_for_an_unknown_idea_is_closed_with_4404():
    *_, token = await sync_to_async(setup_idea)()
    communicator, connected, _ = await connect(f"/ws/ideas/999999/?token={token}")
    assert await communicator.receive_output(timeout=5) == {
        "type": "websocket.close",
        "code": 4404,
    }


async def test_leaderboard_socket_ranks_by_votes_and_ends_on_the_database_numbers():
    def build():
        campaign = CampaignFactory()
        ideas = [make_idea(campaign=campaign, title=f"Gagasan nomor {i}") for i in range(3)]
        voters = [UserFactory() for _ in range(5)]
        watcher = UserFactory()
        return campaign, ideas, voters, Token.objects.create(user=watcher).key

    campaign, ideas, voters, token = await sync_to_async(build)()
    communicator, connected, _ = await connect(
        f"/ws/leaderboard/?campaign={campaign.pk}&token={token}"
    )
    first = await receive(communicator)
    assert first["type"] == "leaderboard"
    assert [e["vote_count"] for e in first["entries"]] == [0, 0, 0]
    assert [e["rank"] for e in first["entries"]] == [1, 1, 1]

    # A burst of votes: the hub coalesces them; the last frame shows the final numbers.
    for voter in voters:
        await sync_to_async(services.vote_cast)(idea_id=ideas[2].pk, voter=voter)
    for voter in voters[:2]:
        await sync_to_async(services.vote_cast)(idea_id=ideas[1].pk, voter=voter)

    frames = []
    while not await communicator.receive_nothing(timeout=1.0):
        frames.append(await receive(communicator))
    assert 1 <= len(frames) <= 4, "seven votes in a burst must be coalesced into a few frames"
    last = frames[-1]
    assert [(e["idea"]["id"], e["vote_count"], e["rank"]) for e in last["entries"]] == [
        (ideas[2].pk, 5, 1),
        (ideas[1].pk, 2, 2),
        (ideas[0].pk, 0, 3),
    ]
    assert last["seq"] > first["seq"]
    assert [f["seq"] for f in frames] == sorted(f["seq"] for f in frames)
    await communicator.disconnect()


async def test_sockets_joining_together_share_one_read_and_latecomers_get_the_last_frame(
    monkeypatch,
):
    """A reconnect storm must not recompute the ranking per socket: the room computes once and
    hands every socket, early or late, its last frame."""
    computed, campaign_reads = [], []
    real_compute, real_read = leaderboard_hub.leaderboard_message, leaderboard_hub._campaign_get

    async def counting_compute(*key):
        computed.append(key)
        return await real_compute(*key)

    async def counting_read(campaign_id):
        campaign_reads.append(campaign_id)
        return await real_read(campaign_id)

    monkeypatch.setattr(leaderboard_hub, "leaderboard_message", counting_compute)
    monkeypatch.setattr(leaderboard_hub, "_campaign_get", counting_read)

    def build():
        campaign = CampaignFactory()
        make_idea(campaign=campaign, title="Gagasan bersama")
        return campaign, Token.objects.create(user=UserFactory()).key

    campaign, token = await sync_to_async(build)()
    path = f"/ws/leaderboard/?campaign={campaign.pk}&token={token}"
    early = await asyncio.gather(*(connect(path) for _ in range(10)))
    frames = [await receive(communicator) for communicator, _, _ in early]
    late, connected, _ = await connect(path)
    assert connected
    frames.append(await receive(late))

    assert len(computed) == 1
    assert campaign_reads == [campaign.pk]
    assert {f["seq"] for f in frames} == {0}
    assert all(f["entries"][0]["idea"]["title"] == "Gagasan bersama" for f in frames)
    for communicator, _, _ in [*early, (late, None, None)]:
        await communicator.disconnect()


async def test_leaderboard_socket_with_a_bad_campaign_is_closed_with_4400():
    *_, token = await sync_to_async(setup_idea)()
    for query in ("campaign=abc", "campaign=999999", "", "campaign=1&by=nonsense"):
        communicator, connected, _ = await connect(f"/ws/leaderboard/?{query}&token={token}")
        assert await communicator.receive_output(timeout=5) == {
            "type": "websocket.close",
            "code": 4400,
        }
