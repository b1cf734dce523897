"""One hub per server process pushes coalesced leaderboards to that process's sockets.

Votes mark a campaign dirty (live.publish.leaderboard_dirty_publish): one small message per
process, whatever the vote rate. The hub recomputes each watched ranking at once when it was
idle, then at most once per push interval (settings.LEADERBOARD_PUSH_INTERVAL), encodes it once,
and hands the text to every local socket, which keeps only the newest unsent one (so a slow
client holds at most one waiting message, and the last state always arrives). No message passes
through the channel layer per socket (PERFORMANCE.md pitfalls 1-3).

Connecting is cheap, because a reconnect storm after a restart is thousands of connects at
once: a new socket gets its room's last frame (the room computes its first frame once, however
many sockets join together), and the campaign a socket asks for is read at most once per
CAMPAIGN_TTL seconds per process.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
import weakref
from dataclasses import dataclass, field
from typing import Protocol

from channels.db import database_sync_to_async
from channels.layers import get_channel_layer
from django.conf import settings

from ideas.models import Campaign
from ideas.visibility import blind_reviewers_of
from live.publish import leaderboard_dirty_group
from rankings.selectors import leaderboard_get

logger = logging.getLogger(__name__)

# A process re-joins the dirty-mark group now and then, so that a lost subscription (a Redis
# restart) heals by itself.
GROUP_REFRESH_SECONDS = 60
# How long a process trusts its copy of a campaign (existence, review dates, blind reviewers)
# for new sockets.
CAMPAIGN_TTL = 5.0


def push_interval() -> float:
    return settings.LEADERBOARD_PUSH_INTERVAL


class LeaderboardWatcher(Protocol):
    def offer_leaderboard(self, text: str, seq: int) -> None: ...


# campaign, by, limit, sees panel scores, reviews the campaign blind (agencies hidden)
RoomKey = tuple[int, str, int, bool, bool]


@dataclass(eq=False)
class Room:
    key: RoomKey
    watchers: set = field(default_factory=set)
    dirty: asyncio.Event = field(default_factory=asyncio.Event)
    task: asyncio.Task | None = None
    last_fingerprint: str | None = None
    last_frame: tuple[str, int] | None = None  # the newest text pushed, and its seq


@database_sync_to_async
def leaderboard_message(
    campaign_id: int, by: str, limit: int, sees_panel: bool, hide_agency: bool
) -> tuple[str, str, int] | None:
    """A fingerprint of what the leaderboard shows (all but the time), its frame, its seq."""
    campaign = Campaign.objects.filter(pk=campaign_id).first()
    if campaign is None:
        return None
    body = leaderboard_get(
        campaign=campaign, by=by, limit=limit, sees_panel=sees_panel, hide_agency=hide_agency
    )
    fingerprint = json.dumps([body["seq"], body["entries"]])
    # Compact: this frame goes to every watching socket several times a second.
    text = json.dumps({"type": "leaderboard", **body}, ensure_ascii=False, separators=(",", ":"))
    return fingerprint, text, body["seq"]


@database_sync_to_async
def _campaign_get(campaign_id: int) -> tuple[Campaign, frozenset[int]] | None:
    """The campaign and who reviews it blind (one read for every socket that connects)."""
    campaign = Campaign.objects.filter(pk=campaign_id).first()
    if campaign is None:
        return None
    return campaign, blind_reviewers_of(campaign=campaign)


class LeaderboardHub:
    def __init__(self) -> None:
        self.rooms: dict[RoomKey, Room] = {}
        self.channel: str | None = None
        self.subscribed: dict[int, float] = {}  # campaign -> when the hub last joined its group
        self.listener: asyncio.Task | None = None
        self.campaigns: dict[int, tuple[float, tuple[Campaign, frozenset[int]]]] = {}
        self.campaign_reads: dict[int, asyncio.Future] = {}

    async def campaign(self, campaign_id: int) -> tuple[Campaign, frozenset[int]] | None:
        """The campaign and its blind reviewers' ids (None if there is no such campaign), read
        at most once per CAMPAIGN_TTL: sockets connecting together share one read. Only
        campaigns that exist are remembered, so asking for made-up ids fills no memory."""
        cached = self.campaigns.get(campaign_id)
        if cached is not None and time.monotonic() - cached[0] < CAMPAIGN_TTL:
            return cached[1]
        reading = self.campaign_reads.get(campaign_id)
        if reading is None:
            reading = self.campaign_reads[campaign_id] = asyncio.ensure_future(
                _campaign_get(campaign_id)
            )
            reading.add_done_callback(lambda _: self.campaign_reads.pop(campaign_id, None))
        found = await asyncio.shield(reading)
        if found is not None:
            self.campaigns[campaign_id] = (time.monotonic(), found)
        return found

    async def join(self, key: RoomKey, watcher: LeaderboardWatcher) -> None:
        """Add the socket to its room and offer it the room's last frame at once; a new room
        computes its first frame right away and offers it to everyone who joined meanwhile."""
        room = self.rooms.get(key)
        if room is None:
            room = self.rooms[key] = Room(key=key)
            room.dirty.set()
            room.task = asyncio.create_task(self._push_loop(room))
        room.watchers.add(watcher)
        if room.last_frame is not None:
            watcher.offer_leaderboard(*room.last_frame)
        await self._subscribe(key[0])

    def leave(self, key: RoomKey, watcher: LeaderboardWatcher) -> None:
        room = self.rooms.get(key)
        if room is None:
            return
        room.watchers.discard(watcher)
        if not room.watchers:
            room.task.cancel()
            del self.rooms[key]

    def mark_dirty(self, campaign_id: int) -> None:
        for key, room in self.rooms.items():
            if key[0] == campaign_id:
                room.dirty.set()

    async def _subscribe(self, campaign_id: int) -> None:
        layer = get_channel_layer()
        if self.channel is None:
            self.channel = await layer.new_channel()
            self.listener = asyncio.create_task(self._listen())
        joined = self.subscribed.get(campaign_id)
        if joined is None or time.monotonic() - joined > GROUP_REFRESH_SECONDS:
            await layer.group_add(leaderboard_dirty_group(campaign_id), self.channel)
            self.subscribed[campaign_id] = time.monotonic()

    async def _listen(self) -> None:
        layer = get_channel_layer()
        while True:
            try:
                message = await layer.receive(self.channel)
            except asyncio.CancelledError:
                raise
            except Exception:  # noqa: BLE001 - keep listening through a layer hiccup
                logger.warning("leaderboard hub: receive failed", exc_info=True)
                await asyncio.sleep(1)
                continue
            if message.get("type") == "leaderboard.dirty":
                self.mark_dirty(message["campaign"])

    async def _push_loop(self, room: Room) -> None:
        campaign_id = room.key[0]
        while True:
            await room.dirty.wait()
            room.dirty.clear()
            started = time.monotonic()
            try:
                message = await leaderboard_message(*room.key)
            except Exception:  # noqa: BLE001 - a failed read is retried on the next mark
                logger.warning("leaderboard hub: could not compute %s", room.key, exc_info=True)
                message = None
            if message is not None and message[0] != room.last_fingerprint:
                room.last_fingerprint, text, seq = message
                room.last_frame = (text, seq)
                for watcher in list(room.watchers):
                    watcher.offer_leaderboard(text, seq)
            await asyncio.sleep(max(0.0, push_interval() - (time.monotonic() - started)))
            await self._subscribe(campaign_id)


_hubs: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, LeaderboardHub] = (
    weakref.WeakKeyDictionary()
)


def leaderboard_hub() -> LeaderboardHub:
    """The hub of the running event loop (one per server process)."""
    loop = asyncio.get_running_loop()
    hub = _hubs.get(loop)
    if hub is None:
        hub = _hubs[loop] = LeaderboardHub()
    return hub
