"""Token authentication with a short memory: the vote path is the hottest request we serve,
and DRF's token lookup (one ORM query per request) was a quarter of its CPU.

Each process remembers a token's user for TOKEN_CACHE_SECONDS (settings); a token deleted or a
user deactivated in the admin stops working within that time. Every request gets its own copy
of the user, so nothing one request sets on it leaks into another. Sockets authenticated by
token share the memory (backend.websocket_auth), which makes a reconnect storm cheap.
"""

from __future__ import annotations

import copy
import re
import threading
import time

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from rest_framework.authentication import TokenAuthentication
from rest_framework.exceptions import AuthenticationFailed

MAX_REMEMBERED = 10_000
# What DRF issues: 40 hex digits. Anything else is refused before a lookup, so a header
# holding a NUL or a megabyte never reaches the database (PostgreSQL refuses NUL in text).
TOKEN_KEY = re.compile(r"[0-9a-fA-F]{40}")


def token_key_valid(key: str) -> bool:
    return TOKEN_KEY.fullmatch(key) is not None


class _Remembered:
    """Token key -> (expiry, user, token), for TOKEN_CACHE_SECONDS; hands out copies."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._users: dict[str, tuple[float, object, object]] = {}

    def get(self, key: str):
        """(a copy of the user, the token), or None if not remembered (or too long ago)."""
        found = self._users.get(key)
        if found is None or found[0] < time.monotonic():
            return None
        return copy.copy(found[1]), found[2]

    def put(self, key: str, user, token) -> None:
        if settings.TOKEN_CACHE_SECONDS <= 0:
            return
        with self._lock:
            if len(self._users) >= MAX_REMEMBERED:
                now = time.monotonic()
                self._users = {k: v for k, v in self._users.items() if v[0] >= now}
                if len(self._users) >= MAX_REMEMBERED:
                    self._users.clear()
            self._users[key] = (time.monotonic() + settings.TOKEN_CACHE_SECONDS, user, token)

    def clear(self) -> None:
        with self._lock:
            self._users.clear()


remembered = _Remembered()


class CachedTokenAuthentication(TokenAuthentication):
    def authenticate_credentials(self, key):
        if not token_key_valid(key):
            raise AuthenticationFailed(_("Invalid token."))
        found = remembered.get(key)
        if found is None:
            user, token = super().authenticate_credentials(key)
            remembered.put(key, user, token)
            found = copy.copy(user), token
        return found
