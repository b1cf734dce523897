"""A process's short memory of computed values: what many requests ask within a second or two
(a large list's count, a ranking) is computed once per process, not once per request.

Nothing is shared between processes, so nothing can fail: a miss simply computes. Values are
kept for `seconds` (0 turns the memory off) and at most `size` of them. `get_or_compute` also
keeps a herd from computing the same slow value at once (the dashboard's whole-city numbers
take seconds at the province's scale).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Hashable
from typing import Any

# How long after its expiry a value may still be answered while another thread renews it.
STALE_GRACE_SECONDS = 30.0


class Memo:
    def __init__(self, *, size: int = 2_000) -> None:
        self._lock = threading.Lock()
        self._values: dict[Hashable, tuple[float, Any]] = {}
        self._size = size
        self._renewing: dict[Hashable, threading.Event] = {}

    def get(self, key: Hashable, *, seconds: float) -> Any:
        """The value remembered under `key`, or None (always None while `seconds`, the memory's
        current setting, is 0)."""
        if seconds <= 0:
            return None
        found = self._values.get(key)
        if found is None or found[0] <= time.monotonic():
            return None
        return found[1]

    def get_or_compute(self, key: Hashable, compute: Callable[[], Any], *, seconds: float) -> Any:
        """The remembered value, else `compute()`'s, remembered; one computation per key at a
        time in this process. While one thread computes, the others answer the expired value if
        it expired less than STALE_GRACE_SECONDS ago, or wait for the new one: a cold or
        expired memo under a herd of requests costs one computation, not one per request."""
        if seconds <= 0:
            return compute()
        now = time.monotonic()
        found = self._values.get(key)
        if found is not None and found[0] > now:
            return found[1]
        with self._lock:
            renewal = self._renewing.get(key)
            mine = renewal is None
            if mine:
                renewal = self._renewing[key] = threading.Event()
        if not mine:
            if found is not None and found[0] + STALE_GRACE_SECONDS > now:
                return found[1]
            renewal.wait()
            again = self._values.get(key)
            return again[1] if again is not None else compute()
        try:
            value = compute()
            self.put(key, value, seconds=seconds)
            return value
        finally:
            with self._lock:
                del self._renewing[key]
            renewal.set()

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
