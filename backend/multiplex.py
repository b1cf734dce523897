"""/ws/live/: one socket per browser tab, carrying every live subject the page shows.

The page sends JSON text frames to choose its subjects:
  {"type": "subscribe", "topic": "idea", "idea": 12}
  {"type": "subscribe", "topic": "leaderboard", "campaign": 3, "by": "votes", "limit": 50}
  {"type": "subscribe", "topic": "notifications"}
  {"type": "unsubscribe", ...the same keys}
and receives exactly the frames of the single-subject sockets (/ws/ideas/{id}/,
/ws/leaderboard/, /ws/notifications/), which it tells apart by `type` and the ids they carry:
an idea subscription answers with its `snapshot`, a leaderboard one with its first
`leaderboard`, notifications with `{"type": "subscribed", "topic": "notifications"}`. A refused
subscription answers `{"type": "error", "code", "close_code", "request"}` with the close code the
single-subject socket would have used (4400, 4403, 4404) and leaves the others running.

Each subject's rules are its own app's (ideas.consumers.IdeaView, rankings.consumers); this
module only routes, so it stands on the top floor beside backend/routing.py.
"""

from __future__ import annotations

import json

from channels.db import database_sync_to_async

from ideas.consumers import IdeaView
from live.consumers import (
    CLOSE_BAD_REQUEST,
    CLOSE_FORBIDDEN,
    CLOSE_NOT_FOUND,
    CLOSE_UNAUTHENTICATED,
    LiveConsumer,
)
from live.hub import LatestFrame
from live.publish import idea_group, user_group
from rankings.consumers import leaderboard_room_key
from rankings.hub import leaderboard_hub

# A feed page follows 20 ideas; a wall display a few leaderboards.
MAX_SUBSCRIPTIONS = 100
MAX_FRAME_BYTES = 2048
ERRORS = {
    CLOSE_BAD_REQUEST: "bad_request",
    CLOSE_FORBIDDEN: "forbidden",
    CLOSE_NOT_FOUND: "not_found",
}


def _id(value) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value < 2**63:
        return None
    return value


class MultiplexConsumer(LiveConsumer):
    async def connect(self):
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            await self.refuse(CLOSE_UNAUTHENTICATED)
            return
        self.user = user
        self.ideas: dict[int, IdeaView] = {}
        self.boards: dict[tuple, LatestFrame] = {}
        self.notifications = False
        await self.accept()

    async def disconnect(self, code):
        if not hasattr(self, "user"):
            return
        for idea_id in list(self.ideas):
            await self.channel_layer.group_discard(idea_group(idea_id), self.channel_name)
        for key, watcher in self.boards.items():
            leaderboard_hub().leave(key[0], watcher)
            watcher.cancel()
        if self.notifications:
            await self.channel_layer.group_discard(user_group(self.user.pk), self.channel_name)

    # --- What the page asks for ---------------------------------------------------------

    async def receive(self, text_data=None, bytes_data=None):
        request = None
        if text_data is not None and len(text_data) <= MAX_FRAME_BYTES:
            try:
                request = json.loads(text_data)
            except ValueError:  # RecursionError is one: a frame this small nests < 1,024
                request = None
        if not isinstance(request, dict) or request.get("type") not in (
            "subscribe",
            "unsubscribe",
        ):
            await self._error(CLOSE_BAD_REQUEST, request if isinstance(request, dict) else None)
            return
        subscribe = request["type"] == "subscribe"
        topic = request.get("topic")
        if topic == "idea":
            await (self._idea_subscribe if subscribe else self._idea_unsubscribe)(request)
        elif topic == "leaderboard":
            await (self._board_subscribe if subscribe else self._board_unsubscribe)(request)
        elif topic == "notifications":
            await self._notifications(request, subscribe)
        else:
            await self._error(CLOSE_BAD_REQUEST, request)

    def _full(self) -> bool:
        return len(self.ideas) + len(self.boards) + self.notifications >= MAX_SUBSCRIPTIONS

    async def _error(self, close_code: int, request: dict | None) -> None:
        await self.send_json(
            {
                "type": "error",
                "code": ERRORS[close_code],
                "close_code": close_code,
                "request": request,
            }
        )

    async def _idea_subscribe(self, request: dict) -> None:
        idea_id = _id(request.get("idea"))
        if idea_id is None or (idea_id not in self.ideas and self._full()):
            await self._error(CLOSE_BAD_REQUEST, request)
            return
        view = IdeaView(user=self.user, idea_id=idea_id)
        # Join before reading (as IdeaConsumer does): nothing committed after the snapshot is
        # missed, and the snapshot's seq drops what it already includes.
        await self.channel_layer.group_add(idea_group(idea_id), self.channel_name)
        snapshot = await database_sync_to_async(view.snapshot)()
        if snapshot is None:
            if idea_id not in self.ideas:
                await self.channel_layer.group_discard(idea_group(idea_id), self.channel_name)
            await self._error(CLOSE_NOT_FOUND, request)
            return
        self.ideas[idea_id] = view
        await self.send_json(snapshot)

    async def _idea_unsubscribe(self, request: dict) -> None:
        idea_id = _id(request.get("idea"))
        if self.ideas.pop(idea_id, None) is not None:
            await self.channel_layer.group_discard(idea_group(idea_id), self.channel_name)

    @staticmethod
    def _board_query(request: dict) -> dict[str, str]:
        return {name: str(request[name]) for name in ("campaign", "by", "limit") if name in request}

    async def _board_subscribe(self, request: dict) -> None:
        query = self._board_query(request)
        key = await leaderboard_room_key(self.user, query)
        if key is None or key == CLOSE_FORBIDDEN:
            await self._error(CLOSE_BAD_REQUEST if key is None else CLOSE_FORBIDDEN, request)
            return
        subscription = (key, tuple(sorted(query.items())))
        if subscription in self.boards:
            return
        if self._full():
            await self._error(CLOSE_BAD_REQUEST, request)
            return
        watcher = self.boards[subscription] = LatestFrame(lambda text: self.send(text_data=text))
        await leaderboard_hub().join(key, watcher)

    async def _board_unsubscribe(self, request: dict) -> None:
        query = tuple(sorted(self._board_query(request).items()))
        for subscription in [s for s in self.boards if s[1] == query]:
            watcher = self.boards.pop(subscription)
            leaderboard_hub().leave(subscription[0], watcher)
            watcher.cancel()

    async def _notifications(self, request: dict, subscribe: bool) -> None:
        group = user_group(self.user.pk)
        if subscribe and not self.notifications:
            await self.channel_layer.group_add(group, self.channel_name)
        elif not subscribe and self.notifications:
            await self.channel_layer.group_discard(group, self.channel_name)
        self.notifications = subscribe
        if subscribe:
            await self.send_json({"type": "subscribed", "topic": "notifications"})

    # --- Broadcasts (database-free: see live.consumers) -----------------------------------

    async def _idea_event(self, message):
        view = self.ideas.get(message["idea"])
        frame = view.frame(message) if view is not None else None
        if frame is not None:
            await self.send_json(frame)

    tally_changed = status_changed = comment_added = comment_withdrawn = _idea_event

    async def notification_added(self, message):
        if self.notifications:
            await self.send_json({**message, "type": "notification"})
