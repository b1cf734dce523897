"""Group names and best-effort sends to the channel layer, called after commit by services.

Knows no app: callers hand it plain data. A send that fails (Redis down, layer full) is logged
and dropped: the database is the truth, and every message carries absolute state, so the next
one heals any client that missed this one.
"""

from __future__ import annotations

import logging
from typing import Any

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer

logger = logging.getLogger(__name__)


def idea_group(idea_id: int) -> str:
    return f"idea.{idea_id}"


def leaderboard_group(campaign_id: int) -> str:
    return f"leaderboard.{campaign_id}"


def _group_send(group: str, message: dict[str, Any]) -> bool:
    layer = get_channel_layer()
    if layer is None:
        return False
    try:
        async_to_sync(layer.group_send)(group, message)
    except Exception:  # noqa: BLE001 - best effort by design: a push never fails a write
        logger.warning(
            "live: could not publish %s to %s", message.get("type"), group, exc_info=True
        )
        return False
    return True


def idea_tally_publish(*, idea_id: int, vote_count: int) -> bool:
    return _group_send(
        idea_group(idea_id), {"type": "tally.changed", "idea": idea_id, "vote_count": vote_count}
    )


def idea_comment_publish(*, idea_id: int, comment: dict[str, Any]) -> bool:
    return _group_send(
        idea_group(idea_id), {"type": "comment.added", "idea": idea_id, "comment": comment}
    )


def idea_status_publish(*, idea_id: int, status: str) -> bool:
    return _group_send(
        idea_group(idea_id), {"type": "status.changed", "idea": idea_id, "status": status}
    )
