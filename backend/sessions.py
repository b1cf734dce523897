"""Django's database sessions, with keys checked before any lookup.

A session cookie is whatever a client sends: `sessionid="abc\\000"` unquotes to a key with a NUL,
which PostgreSQL refuses (a 500 on every endpoint). Django makes keys of 32 characters from
[a-z0-9]; anything else is no session at all.
"""

import re

from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore

SESSION_KEY = re.compile(r"[a-z0-9]{8,40}")


def session_key_valid(key) -> bool:
    return isinstance(key, str) and SESSION_KEY.fullmatch(key) is not None


class SessionStore(DatabaseSessionStore):
    def _validate_session_key(self, key):
        return session_key_valid(key)
