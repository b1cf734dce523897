"""Helpers shared by the test folders: a real channel-layer listener and released-together
threads for concurrency proofs."""

import asyncio
import threading

from channels.layers import get_channel_layer
from django.db import connections

from live import publish


class _LoopThread:
    """One event loop running in a background thread for the whole test session.

    The pub/sub layer keeps its subscriptions per event loop, so a listener must make all its
    calls on one loop that keeps running between them (async_to_sync would give each call a
    fresh loop, and the subscription would go with it)."""

    def __init__(self):
        self.loop = asyncio.new_event_loop()
        threading.Thread(target=self.loop.run_forever, name="test-listener", daemon=True).start()

    def run(self, coroutine, timeout: float):
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(timeout + 5)


_listener_loop: _LoopThread | None = None


def _on_listener_loop(coroutine, timeout: float = 5.0):
    global _listener_loop
    if _listener_loop is None:
        _listener_loop = _LoopThread()
    return _listener_loop.run(coroutine, timeout)


class GroupListener:
    """A channel added to a group on the real channel layer: what did the services publish?"""

    def __init__(self, group: str):
        self.layer = get_channel_layer()
        self.group = group
        self.channel = _on_listener_loop(self.layer.new_channel())
        _on_listener_loop(self.layer.group_add(group, self.channel))

    def receive(self, timeout: float = 3.0) -> dict:
        publish.outbox_flush()
        return _on_listener_loop(
            asyncio.wait_for(self.layer.receive(self.channel), timeout), timeout
        )

    def receive_nothing(self, timeout: float = 0.2) -> bool:
        try:
            self.receive(timeout=timeout)
        except TimeoutError:
            return True
        return False

    def close(self) -> None:
        _on_listener_loop(self.layer.group_discard(self.group, self.channel))


def run_together(tasks):
    """Run each callable in its own thread (so on its own database connection), all released
    at once by a barrier; return each result, or the exception it raised."""
    barrier = threading.Barrier(len(tasks))
    results = [None] * len(tasks)

    def worker(index, task):
        try:
            barrier.wait()
            results[index] = task()
        except Exception as exc:  # noqa: BLE001 - reported as the result, asserted by the test
            results[index] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(i, t)) for i, t in enumerate(tasks)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results
