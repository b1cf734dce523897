"""The base of every socket: connect, send a snapshot, forward. No writes, no rules
(STYLE.md); each app's consumers.py holds its own, and backend/routing.py lists them.

Broadcast events carry everything they show, so their handlers skip Channels' per-message
thread hop to close database connections (PERFORMANCE.md pitfall 1): see `dispatch`.
"""

from __future__ import annotations

import json
from urllib.parse import parse_qsl

from channels.generic.websocket import AsyncWebsocketConsumer

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
    """Listens only: every write goes over HTTP."""

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


def query_params(scope) -> dict[str, str]:
    return dict(parse_qsl(scope.get("query_string", b"").decode("latin-1")))
