"""One hub per server process pushes coalesced leaderboards to that process's sockets
(live.hub.CoalescingHub: the rooms, the push loop, the dirty-mark listener).

Votes, status changes and reviews mark a campaign dirty (live.publish.leaderboard_dirty_publish):
one small message per process, whatever the vote rate. The hub recomputes each watched ranking
at most once per push interval (settings.LEADERBOARD_PUSH_INTERVAL). The campaign a socket asks
for is read at most once per CAMPAIGN_TTL seconds per process, so a reconnect storm costs one
read per campaign.
"""

from __future__ import annotations

import asyncio
import json
import time
import weakref

from channels.db import database_sync_to_async
from django.conf import settings

from ideas.models import Campaign
from ideas.visibility import blind_reviewers_of
from live.hub import CoalescingHub, hub_of_loop
from live.publish import leaderboard_dirty_group
from rankings.selectors import leaderboard_get

# How long a process trusts its copy of a campaign (existence, review dates, blind reviewers)
# for new sockets.
CAMPAIGN_TTL = 5.0


# campaign, by, limit, sees panel scores, reviews the campaign blind (agencies hidden)
RoomKey = tuple[int, str, int, bool, bool]


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


class LeaderboardHub(CoalescingHub):
    name = "leaderboard hub"

    def __init__(self) -> None:
        super().__init__()
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

    async def frame(self, key: RoomKey):
        return await leaderboard_message(*key)

    def group_of(self, key: RoomKey) -> str:
        return leaderboard_dirty_group(key[0])

    def marked(self, key: RoomKey, message: dict) -> bool:
        return message.get("type") == "leaderboard.dirty" and message.get("campaign") == key[0]

    def push_interval(self) -> float:
        return settings.LEADERBOARD_PUSH_INTERVAL


_hubs: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, LeaderboardHub] = (
    weakref.WeakKeyDictionary()
)


def leaderboard_hub() -> LeaderboardHub:
    """The hub of the running event loop (one per server process)."""
    return hub_of_loop(_hubs, LeaderboardHub)
