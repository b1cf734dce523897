"""One hub per server process pushes coalesced dashboards to that process's sockets
(live.hub.CoalescingHub: the rooms, the push loop, the dirty-mark listener).

Every write that moves a number of the dashboard marks its campaign dirty in one group
(live.publish.dashboard_dirty_publish; votes, status changes and reviews through
leaderboard_dirty_publish). A room is a filter set in a language; a mark touches the rooms of
its campaign and those of all campaigns. Each room recomputes at most once per
DASHBOARD_PUSH_INTERVAL seconds, whatever the write rate, and pushes only when a number changed.
"""

from __future__ import annotations

import asyncio
import json
import weakref

from channels.db import database_sync_to_async
from django.conf import settings
from django.utils import translation

from dashboard.stats import StatsFilters, stats_compute, stats_remember
from live.hub import CoalescingHub, hub_of_loop
from live.publish import DASHBOARD_DIRTY_GROUP

# the filters, the reader's language (category names are in it)
RoomKey = tuple[StatsFilters, str]


def _reloaded(filters: StatsFilters) -> StatsFilters | None:
    """The filters read again (a headcount may have changed); None if one is gone."""
    fresh = {}
    for name in ("campaign", "category", "agency", "region"):
        value = getattr(filters, name)
        if value is not None:
            value = type(value).objects.filter(pk=value.pk).first()
            if value is None:
                return None
        fresh[name] = value
    return StatsFilters(**fresh)


@database_sync_to_async
def dashboard_message(filters: StatsFilters, language: str) -> tuple[str, str, int] | None:
    """A fingerprint of the numbers (all but the time), the frame, its seq."""
    filters = _reloaded(filters)
    if filters is None:
        return None
    with translation.override(language):
        body = stats_compute(filters)
        stats_remember(filters, body)  # what /api/stats/ answers next is at least this fresh
    numbers = {k: v for k, v in body.items() if k not in ("seq", "generated_at")}
    fingerprint = json.dumps(numbers, sort_keys=True, default=str)
    text = json.dumps({"type": "dashboard", **body}, ensure_ascii=False, separators=(",", ":"))
    return fingerprint, text, body["seq"]


class DashboardHub(CoalescingHub):
    name = "dashboard hub"

    async def frame(self, key: RoomKey):
        return await dashboard_message(*key)

    def group_of(self, key: RoomKey) -> str:
        return DASHBOARD_DIRTY_GROUP

    def marked(self, key: RoomKey, message: dict) -> bool:
        campaign = key[0].campaign
        return message.get("type") == "dashboard.dirty" and (
            campaign is None or message.get("campaign") == campaign.pk
        )

    def push_interval(self) -> float:
        return settings.DASHBOARD_PUSH_INTERVAL


_hubs: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, DashboardHub] = (
    weakref.WeakKeyDictionary()
)


def dashboard_hub() -> DashboardHub:
    """The hub of the running event loop (one per server process)."""
    return hub_of_loop(_hubs, DashboardHub)
