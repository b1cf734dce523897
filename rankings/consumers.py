"""/ws/leaderboard/: a campaign's live ranking (API.md §Live), fed by the process's hub."""

from __future__ import annotations

from channels.db import database_sync_to_async

from accounts.roles import user_groups_load, user_groups_loaded, user_sees_panel_scores
from ideas.visibility import campaign_authors_hidden_from, panel_scores_visible_to
from live.consumers import (
    CLOSE_BAD_REQUEST,
    CLOSE_FORBIDDEN,
    CLOSE_UNAUTHENTICATED,
    LiveConsumer,
    query_params,
)
from live.hub import LatestFrame
from rankings import selectors
from rankings.hub import leaderboard_hub


async def leaderboard_room_key(user, query: dict[str, str]):
    """The room for this reader's leaderboard query (readers who may see panel scores share
    frames only with each other); None for a bad query or an unknown campaign, CLOSE_FORBIDDEN
    for a ranking by panel score the reader may not see yet."""
    by = query.get("by", "votes")
    try:
        campaign_id = int(query.get("campaign", ""))
        limit = int(query.get("limit", selectors.LEADERBOARD_LIMIT_DEFAULT))
    except (TypeError, ValueError):
        return None
    if by not in selectors.LEADERBOARD_BY or not 1 <= limit <= selectors.LEADERBOARD_LIMIT_MAX:
        return None
    found = await leaderboard_hub().campaign(campaign_id)
    if found is None:
        return None
    campaign, blind_reviewers = found
    if not user_groups_loaded(user):
        await database_sync_to_async(user_groups_load)(user)
    # Pure checks from here (the groups are loaded): no query on the event loop.
    if by != "votes" and not panel_scores_visible_to(viewer=user, campaign=campaign):
        return CLOSE_FORBIDDEN
    hide_agency = campaign_authors_hidden_from(
        viewer=user, campaign=campaign, blind_reviewers=blind_reviewers
    )
    return (campaign_id, by, limit, user_sees_panel_scores(user), hide_agency)


class LeaderboardConsumer(LiveConsumer):
    """/ws/leaderboard/?campaign={id}&by=votes&limit=N: the full ranking, then each change,
    coalesced by the process's hub to at most one frame per push interval.

    Frames come from the hub, never through the channel layer, so these sockets take no layer
    channel (no subscription, no receive task: less memory per idle socket, cheaper connects)."""

    channel_layer_alias = None

    async def connect(self):
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            await self.refuse(CLOSE_UNAUTHENTICATED)
            return
        key = await leaderboard_room_key(user, query_params(self.scope))
        if key is None or key == CLOSE_FORBIDDEN:
            await self.refuse(CLOSE_BAD_REQUEST if key is None else CLOSE_FORBIDDEN)
            return
        await self.accept()
        self.key = key
        self.watcher = LatestFrame(lambda text: self.send(text_data=text))
        await leaderboard_hub().join(key, self.watcher)

    async def disconnect(self, code):
        if hasattr(self, "key"):
            leaderboard_hub().leave(self.key, self.watcher)
            self.watcher.cancel()
