import pytest
from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer

from live.publish import idea_group, outbox_flush


class GroupListener:
    """A real member of a channel-layer group, to assert what services broadcast."""

    def __init__(self, group: str):
        self.layer = get_channel_layer()
        self.group = group
        self.channel = async_to_sync(self.layer.new_channel)()
        async_to_sync(self.layer.group_add)(group, self.channel)

    def receive(self, timeout: float = 3.0) -> dict:
        import asyncio

        outbox_flush()

        async def receive():
            return await asyncio.wait_for(self.layer.receive(self.channel), timeout)

        return async_to_sync(receive)()

    def close(self):
        async_to_sync(self.layer.group_discard)(self.group, self.channel)


@pytest.fixture
def listen_to_idea():
    listeners = []

    def listen(idea_id: int) -> GroupListener:
        listener = GroupListener(idea_group(idea_id))
        listeners.append(listener)
        return listener

    yield listen
    for listener in listeners:
        listener.close()
