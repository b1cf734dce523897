"""WebSocket gatekeeping: an explicit Origin allow-list, and `?token=` beside the session cookie."""

from __future__ import annotations

from urllib.parse import parse_qsl

from channels.db import database_sync_to_async
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db import close_old_connections

from accounts.authentication import remembered
from accounts.roles import user_groups_load, user_groups_loaded


class OriginAllowList:
    """Refuse (before accepting) a browser socket whose Origin is not listed exactly.

    Browsers always send Origin, so a missing one means a non-browser client (a mobile app,
    a dashboard script), which still has to authenticate. No suffix matching: "evil-jakarta.go.id"
    must never pass for "jakarta.go.id".
    """

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] == "websocket":
            origin = dict(scope.get("headers", [])).get(b"origin")
            if origin is not None and origin.decode("latin-1") not in allowed_origins():
                await send({"type": "websocket.close", "code": 4403})
                return
        return await self.app(scope, receive, send)


def allowed_origins() -> frozenset[str]:
    return frozenset(settings.WEBSOCKET_ALLOWED_ORIGINS)


def _user_for_token_read(key: str):
    """The token's active user with their groups loaded (two queries), so the consumers' role
    checks need no further database call; remembered like the API's token users."""
    from rest_framework.authtoken.models import Token

    try:
        token = Token.objects.select_related("user").filter(key=key).first()
        if token is None or not token.user.is_active:
            return AnonymousUser()
        user_groups_load(token.user)
        remembered.put(key, token.user, token)
        return token.user
    finally:
        # Channels closes connections around the call from outside asgiref's copied context,
        # where a pool thread's connection is not visible (asgiref 3.13); close it from inside.
        close_old_connections()


# Not thread-sensitive: connects read on several threads at once rather than queueing on the
# one thread that serialises Channels' database calls (a restart reconnects thousands at once).
_user_for_token_read_async = database_sync_to_async(_user_for_token_read, thread_sensitive=False)


async def _user_for_token(key: str):
    found = remembered.get(key)
    if found is not None and user_groups_loaded(found[0]):
        return found[0]
    return await _user_for_token_read_async(key)


class TokenAuthMiddleware:
    """`?token=<key>` authenticates the socket; without one, `otherwise` (the session stack)
    does. A token skips the session lookup altogether: a reconnect storm of scripted clients
    and wall displays costs one database hop per socket, not two."""

    def __init__(self, app, *, otherwise):
        self.app = app
        self.otherwise = otherwise

    async def __call__(self, scope, receive, send):
        token = dict(parse_qsl(scope.get("query_string", b"").decode("latin-1"))).get("token")
        if not token:
            return await self.otherwise(scope, receive, send)
        scope = dict(scope, user=await _user_for_token(token))
        return await self.app(scope, receive, send)
