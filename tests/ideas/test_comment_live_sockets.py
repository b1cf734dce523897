"""Comment frames on /ws/ideas/{id}/ through the real ASGI application: every one (new, reply,
edited, deleted, taken down) carries the comment or its id, the idea's absolute
`comment_count` and a `seq` that grows, so that no page drifts."""

import json

import pytest
from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator
from rest_framework.authtoken.models import Token

from backend.asgi import application
from ideas import comments, services
from tests.factories import CampaignFactory, UserFactory, make_idea

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.asyncio]

ORIGIN = (b"origin", b"http://127.0.0.1:8000")


def setup():
    idea = make_idea(author=UserFactory(), campaign=CampaignFactory())
    people = {name: UserFactory() for name in ("asker", "answerer", "watcher")}
    people["admin"] = UserFactory(roles=["admin"])
    return idea, people, Token.objects.create(user=people["watcher"]).key


async def receive(communicator):
    return json.loads(await communicator.receive_from(timeout=5))


async def test_every_comment_frame_carries_the_count_and_a_growing_seq():
    idea, people, token = await sync_to_async(setup)()
    communicator = WebsocketCommunicator(
        application, f"/ws/ideas/{idea.pk}/?token={token}", headers=[ORIGIN]
    )
    assert (await communicator.connect(timeout=5))[0]
    snapshot = await receive(communicator)
    seqs = [snapshot["seq"]]

    question = await sync_to_async(services.comment_create)(
        idea=idea, author=people["asker"], body="Berapa biayanya?"
    )
    new = await receive(communicator)
    assert (new["type"], new["comment"]["id"], new["comment"]["parent"]) == (
        "comment",
        question.pk,
        None,
    )
    assert new["comment_count"] == 1
    seqs.append(new["seq"])

    reply = await sync_to_async(services.comment_create)(
        idea=idea, author=people["answerer"], body="Sekitar 2 miliar.", parent=question
    )
    replied = await receive(communicator)
    assert (replied["comment"]["id"], replied["comment"]["parent"]) == (reply.pk, question.pk)
    assert replied["comment_count"] == 2
    seqs.append(replied["seq"])

    await sync_to_async(comments.comment_edit)(
        comment_id=reply.pk, editor=people["answerer"], body="Sekitar 2,5 miliar."
    )
    edited = await receive(communicator)
    assert edited["type"] == "comment"
    assert (edited["comment"]["id"], edited["comment"]["body"]) == (reply.pk, "Sekitar 2,5 miliar.")
    assert edited["comment"]["edited_at"] is not None
    assert edited["comment_count"] == 2  # an edit changes no count, but still moves seq
    seqs.append(edited["seq"])

    await sync_to_async(comments.comment_delete)(comment_id=question.pk, user=people["asker"])
    deleted = await receive(communicator)
    assert deleted == {
        "type": "comment_withdrawn",
        "idea": idea.pk,
        "comment": question.pk,
        "comment_count": 1,
        "seq": deleted["seq"],
        "withdrawn": "author",
    }
    seqs.append(deleted["seq"])

    await sync_to_async(services.comment_moderate)(
        comment_id=reply.pk, by=people["admin"], reason="Data belum benar."
    )
    taken_down = await receive(communicator)
    assert (taken_down["type"], taken_down["comment"], taken_down["withdrawn"]) == (
        "comment_withdrawn",
        reply.pk,
        "moderation",
    )
    assert taken_down["comment_count"] == 0
    seqs.append(taken_down["seq"])

    assert seqs == sorted(set(seqs)), seqs  # strictly growing
    await sync_to_async(idea.refresh_from_db)()
    assert seqs[-1] == idea.live_version
    await communicator.disconnect()


async def test_a_reconnecting_page_gets_the_count_and_seq_the_frames_left():
    idea, people, token = await sync_to_async(setup)()
    question = await sync_to_async(services.comment_create)(
        idea=idea, author=people["asker"], body="Pertanyaan"
    )
    await sync_to_async(services.comment_create)(
        idea=idea, author=people["answerer"], body="Jawaban", parent=question
    )
    await sync_to_async(comments.comment_delete)(comment_id=question.pk, user=people["asker"])

    communicator = WebsocketCommunicator(
        application, f"/ws/ideas/{idea.pk}/?token={token}", headers=[ORIGIN]
    )
    assert (await communicator.connect(timeout=5))[0]
    snapshot = await receive(communicator)

    await sync_to_async(idea.refresh_from_db)()
    assert (snapshot["comment_count"], snapshot["seq"]) == (1, idea.live_version)
    await communicator.disconnect()
