"""Votes per person: a counter per person that lives for one window from their first vote in
it; one round trip to Redis per vote.

DRF's own throttles keep a list of every request's time in the cache and rewrite it on each
request (a read and a write, both pickled); at vote rates that was a fifth of the vote's CPU.
A counter is enough for a limit meant to stop floods, not to meter.
"""

from __future__ import annotations

import logging
import math
import time
from functools import cache

import redis
from django.conf import settings
from django.core.cache import cache as django_cache
from rest_framework.throttling import UserRateThrottle

logger = logging.getLogger(__name__)


@cache
def _redis(url: str) -> redis.Redis:
    # One client (and connection pool) per process and URL; short timeouts, as a throttle that
    # waits on a dead Redis would delay the vote it is meant to protect.
    return redis.Redis.from_url(url, socket_timeout=0.5, socket_connect_timeout=0.5)


def _count(key: str, window: int) -> tuple[int, float]:
    """Add one to the counter under `key`, which lives `window` seconds from its first count;
    return the count and the seconds left in the window."""
    if settings.REDIS_URL:
        pipe = _redis(settings.REDIS_URL).pipeline(transaction=False)
        pipe.incr(key)
        pipe.expire(key, window, nx=True)
        pipe.ttl(key)
        count, _, left = pipe.execute()
        return count, max(left, 1)
    # The embedded default: the process's own cache (one process).
    django_cache.add(f"{key}:ends", time.time() + window, window)
    django_cache.add(key, 0, window)
    ends = django_cache.get(f"{key}:ends") or time.time() + window
    return django_cache.incr(key), max(ends - time.time(), 1)


class VoteRateThrottle(UserRateThrottle):
    """Per person (the user id, never the IP: a whole office shares one address), `num` votes
    in `duration` seconds from the first (GAGASAN_VOTE_RATE, as DRF parses rates).

    Fails open: when Redis is down, votes still go through.
    """

    scope = "vote"

    def allow_request(self, request, view):
        if self.rate is None or not request.user.is_authenticated:
            return True
        key = f"gagasan:throttle:{self.scope}:{request.user.pk}"
        try:
            count, self.retry_after = _count(key, self.duration)
        except Exception:  # noqa: BLE001 - a throttle outage must not fail a vote
            logger.warning("vote throttle: counter unavailable, allowing", exc_info=True)
            return True
        return count <= self.num_requests

    def wait(self):
        return math.ceil(self.retry_after)
