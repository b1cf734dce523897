"""Group names and best-effort sends to the channel layer, called after commit by services.

Knows no app: callers hand it plain data. A send that fails (Redis down, layer full) is logged
and dropped: the database is the truth, and every message carries absolute state with a `seq`,
so the next one heals any client that missed this one.

Kinds of group: `idea.<id>` holds the sockets watching one idea (small; tallies go straight
there); `user.<id>` a person's own sockets; `leaderboard.dirty.<campaign>` and
`dashboard.dirty` hold one listener per server process, which recomputes and pushes rankings
(rankings.hub) or dashboards (dashboard.hub) to its own sockets at most a few times a second.
A vote therefore costs at most two small messages per process, whatever the number of sockets.

With Redis (channels_redis.pubsub, settings.CHANNEL_LAYERS) sends go through the outbox below,
which publishes to the layer's group channels itself, pipelined, from a background thread.
"""

from __future__ import annotations

import logging
import math
import queue
import threading
import time
from functools import partial
from typing import Any

import redis
from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from channels_redis.pubsub import RedisPubSubChannelLayer
from django.conf import settings
from django.db import transaction

logger = logging.getLogger(__name__)


def idea_group(idea_id: int) -> str:
    return f"idea.{idea_id}"


def leaderboard_dirty_group(campaign_id: int) -> str:
    return f"leaderboard.dirty.{campaign_id}"


# One group for every dashboard: its marks name the campaign (None for an idea outside any),
# and a dashboard of all campaigns hears them all.
DASHBOARD_DIRTY_GROUP = "dashboard.dirty"


def user_group(user_id: int) -> str:
    return f"user.{user_id}"


class _Outbox:
    """Publishes to the Redis pub/sub layer from a background thread, so that a slow or absent
    Redis never delays the request that published: the request only enqueues. The thread sends
    whatever waits as one pipelined round trip, after dropping what a later message in the same
    batch supersedes (an idea's older tallies, repeated dirty marks)."""

    SEND_TIMEOUT = 2.0

    def __init__(self, maxsize: int = 10_000):
        self._queue: queue.Queue[tuple[str, dict[str, Any]]] = queue.Queue(maxsize=maxsize)
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._redis: tuple[str, redis.Redis] | None = None
        self._gate = DirtyMarkGate(gap=DIRTY_MARK_GAP)

    def put(self, group: str, message: dict[str, Any]) -> bool:
        self._ensure_thread()
        try:
            self._queue.put_nowait((group, message))
        except queue.Full:
            logger.warning("live: outbox full, dropped %s to %s", message["type"], group)
            return False
        return True

    def _ensure_thread(self) -> None:
        if self._thread is not None and self._thread.is_alive():
            return
        with self._lock:
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="live-outbox", daemon=True)
                self._thread.start()

    def _run(self) -> None:
        # A daemon thread: it never holds up interpreter shutdown.
        while True:
            try:
                batch = [self._queue.get(timeout=self._gate.seconds_to_next(time.monotonic()))]
            except queue.Empty:
                batch = []
            while batch and len(batch) < 500:
                try:
                    batch.append(self._queue.get_nowait())
                except queue.Empty:
                    break
            messages = self._gate.admit(list(_superseded_dropped(batch)), time.monotonic())
            if messages:
                self._send(messages)
            for _ in batch:
                self._queue.task_done()

    def _client(self) -> redis.Redis:
        url = settings.REDIS_URL
        if self._redis is None or self._redis[0] != url:
            client = redis.Redis.from_url(
                url, socket_timeout=self.SEND_TIMEOUT, socket_connect_timeout=self.SEND_TIMEOUT
            )
            self._redis = (url, client)
        return self._redis[1]

    def _send(self, messages) -> None:
        layer = get_channel_layer()
        try:
            pipe = self._client().pipeline(transaction=False)
            for group, message in messages:
                pipe.publish(_pubsub_group_channel(group), layer.serialize(message))
            pipe.execute()
        except Exception:  # noqa: BLE001 - best effort by design
            logger.warning(
                "live: could not publish %d messages (%s)",
                len(messages),
                ", ".join(sorted({m["type"] for _, m in messages})),
                exc_info=True,
            )

    def join(self, timeout: float = 5.0) -> None:
        """Wait until everything queued so far, held dirty marks included, has been handed to
        Redis (tests, shutdown)."""
        deadline = time.monotonic() + timeout
        with self._queue.all_tasks_done:
            while self._queue.unfinished_tasks:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return
                self._queue.all_tasks_done.wait(remaining)
        while self._gate.holding() and time.monotonic() < deadline:
            time.sleep(self._gate.gap / 4)


DIRTY_TYPES = frozenset({"leaderboard.dirty", "dashboard.dirty"})


def _dirty_key(group: str, message: dict[str, Any]) -> tuple | None:
    """What a dirty mark is about (its group and campaign); None for other messages."""
    if message["type"] not in DIRTY_TYPES:
        return None
    return (group, message.get("campaign"))


# A process sends a campaign's dirty mark at most once per this many seconds. The hub pushes
# at most every LEADERBOARD_PUSH_INTERVAL, and recomputes from the database, so a mark per vote
# only made every socket process receive and parse hundreds of messages a second in a storm.
DIRTY_MARK_GAP = 0.05


class DirtyMarkGate:
    """Lets a campaign's dirty mark (per group) through at once if none went in the last `gap`
    seconds; holds a sooner one and lets it through when the gap has passed, so the last mark
    always goes, at most `gap` late. Other messages pass untouched. Used by one thread."""

    def __init__(self, gap: float):
        self.gap = gap
        self._last_sent: dict[tuple, float] = {}
        self._held: dict[tuple, tuple[str, dict[str, Any]]] = {}

    def admit(self, messages: list, now: float) -> list:
        """The messages to send now, in order, then any held mark that is due."""
        out = []
        for group, message in messages:
            key = _dirty_key(group, message)
            if key is None:
                out.append((group, message))
            elif now - self._last_sent.get(key, -math.inf) >= self.gap:
                self._last_sent[key] = now
                self._held.pop(key, None)
                out.append((group, message))
            else:
                self._held[key] = (group, message)
        for key in [k for k in self._held if now - self._last_sent[k] >= self.gap]:
            self._last_sent[key] = now
            out.append(self._held.pop(key))
        return out

    def seconds_to_next(self, now: float) -> float | None:
        """How long until a held mark is due (None when nothing is held)."""
        if not self._held:
            return None
        due = min(self._last_sent[key] + self.gap for key in self._held)
        return max(0.0, due - now)

    def holding(self) -> bool:
        return bool(self._held)


def _pubsub_group_channel(group: str) -> str:
    """The Redis channel that channels_redis.pubsub subscribes a group's members to (its
    `_get_group_channel_name`: the layer's prefix, then `__group__`; one host). channels-redis
    is pinned to 4.3, and the live tests on Redis check the round trip."""
    prefix = settings.CHANNEL_LAYERS["default"].get("CONFIG", {}).get("prefix", "asgi")
    return f"{prefix}__group__{group}"


def _superseded_dropped(batch):
    """The batch in order, less what a later message makes redundant: all but the newest tally
    of an idea (tallies are absolute state), and repeated dirty marks of a campaign."""
    newest_tally = {}
    for index, (group, message) in enumerate(batch):
        if message["type"] == "tally.changed":
            newest_tally[group] = index
    seen_dirty = set()
    for index, (group, message) in enumerate(batch):
        if message["type"] == "tally.changed" and newest_tally[group] != index:
            continue
        dirty = _dirty_key(group, message)
        if dirty is not None:
            if dirty in seen_dirty:
                continue
            seen_dirty.add(dirty)
        yield group, message


_outbox = _Outbox()


def _group_send(group: str, message: dict[str, Any]) -> bool:
    layer = get_channel_layer()
    if layer is None:
        return False
    if isinstance(layer, RedisPubSubChannelLayer):
        return _outbox.put(group, message)
    # The in-memory layer (one process) must be used from the server's own event loop, which
    # async_to_sync reaches from a sync view; it cannot be slow or down.
    try:
        async_to_sync(layer.group_send)(group, message)
    except Exception:  # noqa: BLE001 - best effort by design: a push never fails a write
        logger.warning("live: could not publish %s to %s", message["type"], group, exc_info=True)
        return False
    return True


def outbox_flush(timeout: float = 5.0) -> None:
    """Block until queued messages have been sent (for tests and orderly shutdown)."""
    _outbox.join(timeout)


def leaderboard_dirty_publish(*, campaign_id: int | None) -> bool:
    """Tell every process that the campaign's ranking, and so its dashboard, may have changed."""
    dashboard_dirty_publish(campaign_id=campaign_id)
    if campaign_id is None:
        return False
    return _group_send(
        leaderboard_dirty_group(campaign_id),
        {"type": "leaderboard.dirty", "campaign": campaign_id},
    )


def dashboard_dirty_publish(*, campaign_id: int | None) -> bool:
    """Tell every process that the dashboard's numbers for the campaign (and for all campaigns)
    may have changed: a comment, a submission, an assignment, besides what moves a ranking."""
    return _group_send(DASHBOARD_DIRTY_GROUP, {"type": "dashboard.dirty", "campaign": campaign_id})


def dashboard_dirty_after_commit(campaign_id: int | None) -> None:
    """dashboard_dirty_publish once the caller's transaction commits (nothing if it rolls back)."""
    transaction.on_commit(partial(dashboard_dirty_publish, campaign_id=campaign_id))


def idea_tally_publish(
    *, idea_id: int, vote_count: int, seq: int, campaign_id: int | None = None
) -> bool:
    sent = _group_send(
        idea_group(idea_id),
        {"type": "tally.changed", "idea": idea_id, "vote_count": vote_count, "seq": seq},
    )
    leaderboard_dirty_publish(campaign_id=campaign_id)
    return sent


def idea_comment_publish(
    *, idea_id: int, comment: dict[str, Any], comment_count: int, seq: int
) -> bool:
    """A comment was published (or revised): the comment, and the idea's absolute count."""
    return _group_send(
        idea_group(idea_id),
        {
            "type": "comment.added",
            "idea": idea_id,
            "comment": comment,
            "comment_count": comment_count,
            "seq": seq,
        },
    )


def idea_comment_withdrawn_publish(
    *, idea_id: int, comment_id: int, comment_count: int, seq: int, withdrawn: str | None = None
) -> bool:
    """A published comment was taken back (by its author, a reviewer who cleared their
    feedback, or moderation: `withdrawn` says which, "author" or "moderation")."""
    return _group_send(
        idea_group(idea_id),
        {
            "type": "comment.withdrawn",
            "idea": idea_id,
            "comment": comment_id,
            "comment_count": comment_count,
            "seq": seq,
            "withdrawn": withdrawn or "author",
        },
    )


def idea_status_publish(
    *, idea_id: int, status: str, seq: int, campaign_id: int | None = None
) -> bool:
    sent = _group_send(
        idea_group(idea_id),
        {"type": "status.changed", "idea": idea_id, "status": status, "seq": seq},
    )
    leaderboard_dirty_publish(campaign_id=campaign_id)
    return sent


def notification_publish(*, user_ids: list[int], notification: dict[str, Any]) -> int:
    """Send a notification to each person's own sockets; returns how many sends were queued."""
    return sum(
        _group_send(user_group(user_id), {"type": "notification.added", **notification})
        for user_id in dict.fromkeys(user_ids)
    )
