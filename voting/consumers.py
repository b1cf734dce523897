"""WebSocket consumers: connect, send a snapshot, forward. No writes, no rules (STYLE.md).

Broadcast events carry everything they show, so their handlers skip Channels' per-message
thread hop to close database connections (PERFORMANCE.md pitfall 1): see `dispatch`.
"""

from __future__ import annotations

import asyncio
import json
from urllib.parse import parse_qsl

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer
from django.core.exceptions import ObjectDoesNotExist

from accounts.roles import (
    user_groups_load,
    user_groups_loaded,
    user_is_admin,
    user_sees_panel_scores,
)
from ideas import selectors as idea_selectors
from live.publish import idea_group, user_group
from voting import selectors
from voting.leaderboard_hub import leaderboard_hub

CLOSE_UNAUTHENTICATED = 4401
CLOSE_NOT_FOUND = 4404
CLOSE_BAD_REQUEST = 4400
CLOSE_FORBIDDEN = 4403

# Handlers that never touch the ORM; they run without the thread hop.
DATABASE_FREE_EVENTS = frozenset(
    {
        "tally.changed",
        "comment.added",
        "comment.withdrawn",
        "status.changed",
        "notification.added",
    }
)


class LiveConsumer(AsyncWebsocketConsumer):
    async def dispatch(self, message):
        if message["type"] in DATABASE_FREE_EVENTS:
            await getattr(self, message["type"].replace(".", "_"))(message)
            return
        await super().dispatch(message)

    async def refuse(self, code: int) -> None:
        """Accept only to close with an application code, before any data is sent."""
        await self.accept()
        await self.close(code=code)

    async def send_json(self, content: dict) -> None:
        await self.send(text_data=json.dumps(content, ensure_ascii=False, separators=(",", ":")))

    async def receive(self, text_data=None, bytes_data=None):
        # Sockets only listen; writes go over HTTP.
        return


class IdeaConsumer(LiveConsumer):
    """/ws/ideas/{id}/: a snapshot, then tallies, comments and status changes of one idea, and
    `comment_withdrawn` (the id of a comment taken back) beside API.md's message types."""

    async def connect(self):
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            await self.refuse(CLOSE_UNAUTHENTICATED)
            return
        self.idea_id = int(self.scope["url_route"]["kwargs"]["idea_id"])
        self.group = idea_group(self.idea_id)
        # Join before reading, so that nothing committed after the snapshot is missed; the
        # sequence number drops anything the snapshot already includes.
        await self.channel_layer.group_add(self.group, self.channel_name)
        snapshot = await self._snapshot(user)
        if snapshot is None:
            await self.channel_layer.group_discard(self.group, self.channel_name)
            await self.refuse(CLOSE_NOT_FOUND)
            return
        self.seq = snapshot["seq"]
        await self.accept()
        await self.send_json(snapshot)

    async def disconnect(self, code):
        if hasattr(self, "group"):
            await self.channel_layer.group_discard(self.group, self.channel_name)

    @database_sync_to_async
    def _snapshot(self, user) -> dict | None:
        try:
            idea = idea_selectors.idea_get(idea_id=self.idea_id, user=user)
        except ObjectDoesNotExist:
            return None
        return {
            "type": "snapshot",
            "idea": idea.pk,
            "vote_count": idea.vote_count,
            "comment_count": idea.comment_count,
            "status": idea.status,
            "has_voted": idea.has_voted,
            "seq": idea.live_version,
        }

    def _is_new(self, message) -> bool:
        if message["seq"] < self.seq:
            return False
        self.seq = message["seq"]
        return True

    async def tally_changed(self, message):
        if self._is_new(message):
            await self.send_json(
                {
                    "type": "tally",
                    "idea": message["idea"],
                    "vote_count": message["vote_count"],
                    "seq": message["seq"],
                }
            )

    async def status_changed(self, message):
        if self._is_new(message):
            await self.send_json(
                {
                    "type": "status",
                    "idea": message["idea"],
                    "status": message["status"],
                    "seq": message["seq"],
                }
            )

    async def comment_added(self, message):
        await self.send_json(
            {"type": "comment", "idea": message["idea"], "comment": message["comment"]}
        )

    async def comment_withdrawn(self, message):
        # An extension of API.md §Live: the comment with this id is no longer published.
        await self.send_json(
            {"type": "comment_withdrawn", "idea": message["idea"], "comment": message["comment"]}
        )


class LeaderboardConsumer(LiveConsumer):
    """/ws/leaderboard/?campaign={id}&by=votes&limit=N: the full ranking, then each change,
    coalesced by the process's hub to at most one frame per push interval.

    Frames come from the hub, never through the channel layer, so these sockets take no layer
    channel (no subscription, no receive task: less memory per idle socket, cheaper connects)."""

    channel_layer_alias = None

    async def connect(self):
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            await self.refuse(CLOSE_UNAUTHENTICATED)
            return
        key = await self._room_key(user)
        if key is None or key == CLOSE_FORBIDDEN:
            await self.refuse(CLOSE_BAD_REQUEST if key is None else CLOSE_FORBIDDEN)
            return
        await self.accept()
        self.key = key
        self.pending: str | None = None
        self.offered_seq = -1
        self.wakeup = asyncio.Event()
        self.sender = asyncio.create_task(self._send_latest())
        await leaderboard_hub().join(key, self)

    async def disconnect(self, code):
        if hasattr(self, "key"):
            leaderboard_hub().leave(self.key, self)
            self.sender.cancel()

    def offer_leaderboard(self, text: str, seq: int) -> None:
        """Keep only the newest unsent frame: a slow client never builds a backlog, and an
        older ranking (smaller seq) never replaces a newer one."""
        if seq < self.offered_seq:
            return
        self.offered_seq = seq
        self.pending = text
        self.wakeup.set()

    async def _send_latest(self) -> None:
        while True:
            await self.wakeup.wait()
            self.wakeup.clear()
            text, self.pending = self.pending, None
            if text is not None:
                await self.send(text_data=text)

    async def _room_key(self, user):
        """The room: sockets that may see panel scores share frames only with each other."""
        query = _query_params(self.scope)
        by = query.get("by", "votes")
        try:
            campaign_id = int(query.get("campaign", ""))
            limit = int(query.get("limit", selectors.LEADERBOARD_LIMIT_DEFAULT))
        except ValueError:
            return None
        if by not in selectors.LEADERBOARD_BY or not 1 <= limit <= selectors.LEADERBOARD_LIMIT_MAX:
            return None
        found = await leaderboard_hub().campaign(campaign_id)
        if found is None:
            return None
        campaign, blind_reviewers = found
        if not user_groups_loaded(user):
            await database_sync_to_async(user_groups_load)(user)
        sees_panel = user_sees_panel_scores(user)
        if by != "votes" and not (sees_panel or selectors.panel_scores_public(campaign)):
            return CLOSE_FORBIDDEN
        blind = user.pk in blind_reviewers and not user_is_admin(user)
        return (campaign_id, by, limit, sees_panel, blind)


def _query_params(scope) -> dict[str, str]:
    return dict(parse_qsl(scope.get("query_string", b"").decode("latin-1")))


class NotificationConsumer(LiveConsumer):
    """/ws/notifications/: the signed-in person's own notifications as they happen."""

    async def connect(self):
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            await self.refuse(CLOSE_UNAUTHENTICATED)
            return
        self.group = user_group(user.pk)
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()

    async def disconnect(self, code):
        if hasattr(self, "group"):
            await self.channel_layer.group_discard(self.group, self.channel_name)

    async def notification_added(self, message):
        await self.send_json({**message, "type": "notification"})
