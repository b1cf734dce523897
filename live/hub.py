"""A hub per server process pushes coalesced frames to that process's sockets; it knows no app.

Writes mark a subject dirty with one small message per process (live.publish, through the
channel layer), whatever the write rate. The hub recomputes each watched room at once when it
was idle, then at most once per push interval, encodes the frame once, and hands the text to
every local socket, which keeps only the newest unsent one (LatestFrame: a slow client holds at
most one waiting message, and the last state always arrives). No message passes through the
channel layer per socket (PERFORMANCE.md pitfalls 1-3).

Connecting is cheap, because a reconnect storm after a restart is thousands of connects at
once: a new socket gets its room's last frame, and a room computes its first frame once,
however many sockets join together.

An app's hub (rankings.hub, dashboard.hub) subclasses CoalescingHub with what its rooms show
(`frame`), which dirty-mark group a room listens to (`group_of`) and which rooms a mark touches
(`marked`).
"""

from __future__ import annotations

import asyncio
import logging
import time
import weakref
from collections.abc import Hashable
from dataclasses import dataclass, field
from typing import Any, Protocol

from channels.layers import get_channel_layer

logger = logging.getLogger(__name__)

# A process re-joins its dirty-mark groups now and then, so that a lost subscription (a Redis
# restart) heals by itself.
GROUP_REFRESH_SECONDS = 60


class Watcher(Protocol):
    def offer(self, text: str, seq: int) -> None: ...


@dataclass(eq=False)
class Room:
    key: Hashable
    watchers: set = field(default_factory=set)
    dirty: asyncio.Event = field(default_factory=asyncio.Event)
    task: asyncio.Task | None = None
    last_fingerprint: str | None = None
    last_frame: tuple[str, int] | None = None  # the newest text pushed, and its seq


class CoalescingHub:
    """Rooms of sockets that show the same thing, each recomputed on a dirty mark at most once
    per `push_interval()` seconds and pushed only when its fingerprint changed."""

    name = "hub"

    def __init__(self) -> None:
        self.rooms: dict[Hashable, Room] = {}
        self.channel: str | None = None
        self.subscribed: dict[str, float] = {}  # group -> when the hub last joined it
        self.listener: asyncio.Task | None = None

    # What a subclass says -------------------------------------------------------------------

    async def frame(self, key) -> tuple[str, str, int] | None:
        """A fingerprint of what the room shows (all but the time), its frame, its seq; None
        when there is nothing to show (the subject is gone)."""
        raise NotImplementedError

    def group_of(self, key) -> str:
        """The dirty-mark group whose messages may change this room."""
        raise NotImplementedError

    def marked(self, key, message: dict[str, Any]) -> bool:
        """Whether this dirty mark may change this room."""
        raise NotImplementedError

    def push_interval(self) -> float:
        raise NotImplementedError

    # The machinery --------------------------------------------------------------------------

    async def join(self, key, watcher: Watcher) -> None:
        """Add the socket to its room and offer it the room's last frame at once; a new room
        computes its first frame right away and offers it to everyone who joined meanwhile."""
        room = self.rooms.get(key)
        if room is None:
            room = self.rooms[key] = Room(key=key)
            room.dirty.set()
            room.task = asyncio.create_task(self._push_loop(room))
        room.watchers.add(watcher)
        if room.last_frame is not None:
            watcher.offer(*room.last_frame)
        await self._subscribe(self.group_of(key))

    def leave(self, key, watcher: Watcher) -> None:
        room = self.rooms.get(key)
        if room is None:
            return
        room.watchers.discard(watcher)
        if not room.watchers:
            room.task.cancel()
            del self.rooms[key]

    def mark_dirty(self, message: dict[str, Any]) -> None:
        for key, room in self.rooms.items():
            if self.marked(key, message):
                room.dirty.set()

    async def _subscribe(self, group: str) -> None:
        layer = get_channel_layer()
        if self.channel is None:
            self.channel = await layer.new_channel()
            self.listener = asyncio.create_task(self._listen())
        joined = self.subscribed.get(group)
        if joined is None or time.monotonic() - joined > GROUP_REFRESH_SECONDS:
            await layer.group_add(group, self.channel)
            self.subscribed[group] = time.monotonic()

    async def _listen(self) -> None:
        layer = get_channel_layer()
        while True:
            try:
                message = await layer.receive(self.channel)
            except asyncio.CancelledError:
                raise
            except Exception:  # noqa: BLE001 - keep listening through a layer hiccup
                logger.warning("%s: receive failed", self.name, exc_info=True)
                await asyncio.sleep(1)
                continue
            self.mark_dirty(message)

    async def _push_loop(self, room: Room) -> None:
        while True:
            await room.dirty.wait()
            room.dirty.clear()
            started = time.monotonic()
            try:
                message = await self.frame(room.key)
            except Exception:  # noqa: BLE001 - a failed read is retried on the next mark
                logger.warning("%s: could not compute %s", self.name, room.key, exc_info=True)
                message = None
            if message is not None and message[0] != room.last_fingerprint:
                room.last_fingerprint, text, seq = message
                room.last_frame = (text, seq)
                for watcher in list(room.watchers):
                    watcher.offer(text, seq)
            await asyncio.sleep(max(0.0, self.push_interval() - (time.monotonic() - started)))
            await self._subscribe(self.group_of(room.key))


def hub_of_loop(hubs: weakref.WeakKeyDictionary, make):
    """The hub of the running event loop (one per server process) from `hubs`, made on first
    use with `make()`."""
    loop = asyncio.get_running_loop()
    hub = hubs.get(loop)
    if hub is None:
        hub = hubs[loop] = make()
    return hub


class LatestFrame:
    """A hub watcher that keeps only the newest unsent frame and sends it with `send(text)`:
    a slow client never builds a backlog, and an older frame (smaller seq) never replaces a
    newer one."""

    def __init__(self, send) -> None:
        self.send = send
        self.pending: str | None = None
        self.offered_seq = -1
        self.wakeup = asyncio.Event()
        self.sender = asyncio.create_task(self._send_latest())

    def offer(self, text: str, seq: int) -> None:
        if seq < self.offered_seq:
            return
        self.offered_seq = seq
        self.pending = text
        self.wakeup.set()

    def cancel(self) -> None:
        self.sender.cancel()

    async def _send_latest(self) -> None:
        while True:
            await self.wakeup.wait()
            self.wakeup.clear()
            text, self.pending = self.pending, None
            if text is not None:
                await self.send(text)
