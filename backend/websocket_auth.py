"""WebSocket gatekeeping: an explicit Origin allow-list, and `?token=` or the session cookie."""

from __future__ import annotations

import asyncio
import copy
import logging
import weakref
from importlib import import_module
from types import SimpleNamespace
from urllib.parse import parse_qsl, urlsplit

from channels.db import database_sync_to_async
from django.conf import settings
from django.contrib.auth import get_user
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.db import close_old_connections
from django.http.cookie import parse_cookie
from django.http.request import split_domain_port, validate_host
from django.utils import timezone

from accounts.authentication import remembered, token_key_valid
from accounts.roles import user_groups_loaded, users_groups_load
from backend.sessions import session_key_valid

logger = logging.getLogger(__name__)


class OriginAllowList:
    """Refuse (before accepting) a browser socket from another site: its Origin must be the
    socket's own origin (scheme, host and port of the request, with the host in ALLOWED_HOSTS,
    as Django's CSRF origin check decides it) or listed exactly in WEBSOCKET_ALLOWED_ORIGINS.

    Browsers always send Origin, so a missing one means a non-browser client (a mobile app,
    a dashboard script), which still has to authenticate. No suffix matching: "evil-jakarta.go.id"
    must never pass for "jakarta.go.id", nor `null`, nor an origin with a path or user info.
    """

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] == "websocket":
            headers = dict(scope.get("headers", []))
            origin = headers.get(b"origin")
            if origin is not None:
                origin = origin.decode("latin-1")
                if origin not in allowed_origins() and not same_origin(scope, headers, origin):
                    await send({"type": "websocket.close", "code": 4403})
                    return
        return await self.app(scope, receive, send)


def allowed_origins() -> frozenset[str]:
    return frozenset(settings.WEBSOCKET_ALLOWED_ORIGINS)


DEFAULT_PORTS = {"http": 80, "https": 443}


def _request_scheme(scope, headers) -> str:
    """http or https, as the page that opened the socket was served: the server's own scheme,
    or a proxy's header only where SECURE_PROXY_SSL_HEADER says to trust it."""
    scheme = "https" if scope.get("scheme") in ("wss", "https") else "http"
    trusted = settings.SECURE_PROXY_SSL_HEADER
    if trusted:
        header, value = trusted
        name = header.removeprefix("HTTP_").replace("_", "-").lower().encode("latin-1")
        forwarded = headers.get(name, b"").decode("latin-1").split(",")[0].strip()
        if forwarded:
            scheme = "https" if forwarded == value else "http"
    return scheme


def same_origin(scope, headers, origin: str) -> bool:
    try:
        parts = urlsplit(origin)
        origin_port = parts.port
    except ValueError:
        return False
    if (
        parts.scheme not in DEFAULT_PORTS
        or not parts.hostname
        or parts.username is not None
        or parts.password is not None
        or parts.path
        or parts.query
        or parts.fragment
    ):
        return False
    host = headers.get(b"host", b"").decode("latin-1").lower()
    domain, port = split_domain_port(host)
    if not domain or not validate_host(domain, settings.ALLOWED_HOSTS):
        return False
    scheme = _request_scheme(scope, headers)
    origin_port = origin_port or DEFAULT_PORTS[parts.scheme]
    request_port = int(port) if port else DEFAULT_PORTS[scheme]
    return (parts.scheme, parts.hostname, origin_port) == (scheme, domain, request_port)


def _off_the_serialising_thread(read):
    """Run a connect-time read on the loop's executor, not on the one thread that serialises
    Channels' database calls: a restart reconnects thousands of sockets at once. The read closes
    its connection itself: Channels closes connections around the call from outside asgiref's
    copied context, where a pool thread's connection is not visible (asgiref 3.13)."""

    def closing(*args):
        try:
            return read(*args)
        finally:
            close_old_connections()

    return database_sync_to_async(closing, thread_sensitive=False)


@_off_the_serialising_thread
def _users_for_tokens_read(keys: list[str]) -> dict:
    """The active users of these tokens (one query for the lot), remembered like the API's
    token users."""
    from rest_framework.authtoken.models import Token

    tokens = list(Token.objects.select_related("user").filter(key__in=keys, user__is_active=True))
    users = {token.key: token.user for token in tokens}
    users_groups_load(list(users.values()))
    for token in tokens:
        remembered.put(token.key, token.user, token)
    return users


class _SessionSnapshot(dict):
    """A session's data, read once for a socket. Django's get_user may rotate the key (a
    secret-key fallback matched) or flush the session (the password changed): a socket only
    reads, so it leaves both to the person's next HTTP request."""

    def cycle_key(self) -> None:
        return None

    def flush(self) -> None:
        self.clear()


def _sessions_load(keys: list[str]) -> dict[str, dict]:
    """The data of the sessions that exist and have not expired; one query with the database
    engine (Django's default), one read per session with any other."""
    engine = import_module(settings.SESSION_ENGINE).SessionStore
    if issubclass(engine, DatabaseSessionStore):
        rows = engine.get_model_class().objects.filter(
            session_key__in=keys, expire_date__gt=timezone.now()
        )
        return {row.session_key: engine().decode(row.session_data) for row in rows}
    return {key: data for key in keys if (data := engine(key).load())}


@_off_the_serialising_thread
def _users_for_sessions_read(keys: list[str]) -> dict:
    """The users signed in with these sessions, as Django's own get_user finds them (their
    backend, active, and the password unchanged since they signed in)."""
    users = {}
    for key, data in _sessions_load(keys).items():
        user = get_user(SimpleNamespace(session=_SessionSnapshot(data)))
        if user.is_authenticated:
            users[key] = user
    users_groups_load(list(users.values()))
    return users


class _BatchedReads:
    """The credential lookups of sockets connecting together, answered by one read per batch:
    a restart reconnects thousands of sockets within seconds, and a read per socket made the
    storm wait on the database. A lone connect waits BATCH_WINDOW at most. `read` maps keys to
    users (with their groups loaded, so the consumers' role checks need no query); a key it
    leaves out is anonymous, and the consumers close with 4401."""

    BATCH_WINDOW = 0.002

    def __init__(self, read) -> None:
        self.read = read
        self.waiting: dict[str, list[asyncio.Future]] = {}
        self.reader: asyncio.Task | None = None

    async def user(self, key: str):
        answer = asyncio.get_running_loop().create_future()
        self.waiting.setdefault(key, []).append(answer)
        if self.reader is None:
            self.reader = asyncio.ensure_future(self._read())
        return await answer

    async def _read(self) -> None:
        try:
            await asyncio.sleep(self.BATCH_WINDOW)
            while self.waiting:  # what arrived during a read is the next batch
                batch, self.waiting = self.waiting, {}
                users = await self._read_batch(list(batch))
                for key, answers in batch.items():
                    for answer in answers:
                        if not answer.done():
                            user = users.get(key)
                            answer.set_result(copy.copy(user) if user else AnonymousUser())
        finally:
            self.reader = None

    async def _read_batch(self, keys: list[str]) -> dict:
        """One read for the batch; if it fails, one read per key, so that a key that breaks a
        read (sent by anyone) leaves only its own socket anonymous, not the whole batch."""
        try:
            return await self.read(keys)
        except Exception:  # noqa: BLE001 - isolated below, key by key
            logger.warning("sockets: a batch of %d credential reads failed", len(keys))
        users = {}
        for key in keys:
            try:
                users.update(await self.read([key]))
            except Exception:  # noqa: BLE001 - this socket is anonymous (4401)
                logger.warning("sockets: a credential read failed", exc_info=True)
        return users


# One pair of batchers per event loop (one per server process).
_batchers: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, dict[str, _BatchedReads]] = (
    weakref.WeakKeyDictionary()
)


def _batcher(kind: str) -> _BatchedReads:
    loop = asyncio.get_running_loop()
    batchers = _batchers.get(loop)
    if batchers is None:
        batchers = _batchers[loop] = {
            "token": _BatchedReads(lambda keys: _users_for_tokens_read(keys)),
            "session": _BatchedReads(lambda keys: _users_for_sessions_read(keys)),
        }
    return batchers[kind]


async def _user_for_token(key: str):
    found = remembered.get(key)
    if found is not None and user_groups_loaded(found[0]):
        return found[0]
    return await _batcher("token").user(key)


class SocketAuthMiddleware:
    """`?token=<key>` authenticates the socket; without one, the session cookie does; without
    either the user is anonymous (and the consumers close with 4401). Lookups of sockets
    connecting together are batched (_BatchedReads)."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        token = dict(parse_qsl(scope.get("query_string", b"").decode("latin-1"))).get("token")
        if token:
            # A key that cannot be a token (a NUL, say) is anonymous without a query.
            user = await _user_for_token(token) if token_key_valid(token) else AnonymousUser()
        else:
            cookie = dict(scope.get("headers", [])).get(b"cookie", b"")
            session_key = parse_cookie(cookie.decode("latin-1")).get(settings.SESSION_COOKIE_NAME)
            if session_key_valid(session_key):
                user = await _batcher("session").user(session_key)
            else:
                user = AnonymousUser()
        return await self.app(dict(scope, user=user), receive, send)
