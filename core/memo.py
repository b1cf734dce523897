"""A process's short memory of computed values: what many requests ask within a second or two
(a large list's count, a ranking) is computed once per process, not once per request.

Nothing is shared between processes, so nothing can fail: a miss simply computes. Values are
kept for `seconds` (0 turns the memory off) and at most `size` of them.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Hashable
from typing import Any


class Memo:
    def __init__(self, *, size: int = 2_000) -> None:
        self._lock = threading.Lock()
        self._values: dict[Hashable, tuple[float, Any]] = {}
        self._size = size

    def get(self, key: Hashable, *, seconds: float) -> Any:
        """The value remembered under `key`, or None (always None while `seconds`, the memory's
        current setting, is 0)."""
        if seconds <= 0:
            return None
        found = self._values.get(key)
        if found is None or found[0] <= time.monotonic():
            return None
        return found[1]

    def put(self, key: Hashable, value: Any, *, seconds: float) -> None:
        if seconds <= 0:
            return
        now = time.monotonic()
        with self._lock:
            if len(self._values) >= self._size:
                self._values = {k: v for k, v in self._values.items() if v[0] > now}
                if len(self._values) >= self._size:
                    self._values.clear()
            self._values[key] = (now + seconds, value)

    def clear(self) -> None:
        with self._lock:
            self._values.clear()
