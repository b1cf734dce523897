"""Helpers shared by the test folders: a real channel-layer listener and released-together
threads for concurrency proofs."""

import asyncio
import threading

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import connections

from live import publish


class GroupListener:
    """A channel added to a group on the real channel layer: what did the services publish?"""

    def __init__(self, group: str):
        self.layer = get_channel_layer()
        self.group = group
        self.channel = async_to_sync(self.layer.new_channel)()
        async_to_sync(self.layer.group_add)(group, self.channel)

    def receive(self, timeout: float = 3.0) -> dict:
        publish.outbox_flush()

        async def receive():
            return await asyncio.wait_for(self.layer.receive(self.channel), timeout)

        return async_to_sync(receive)()

    def receive_nothing(self, timeout: float = 0.2) -> bool:
        try:
            self.receive(timeout=timeout)
        except TimeoutError:
            return True
        return False

    def close(self) -> None:
        async_to_sync(self.layer.group_discard)(self.group, self.channel)


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
