"""What-if settings for the benchmarks (`--app-fixes`): backend.settings plus the configuration
changes that the benchmark report recommends, so that their effect can be measured before they
land in the app. Never imported by the app itself.

- The channel layer's Redis connections get a socket timeout above channels-redis's 5 s
  BZPOPMIN: redis-py >= 8 defaults `socket_timeout` to 5 s, so an idle receive races the
  timeout, raises redis TimeoutError inside the consumer, and the socket is dropped.
- ... and a bigger connection pool: redis-py >= 8 caps an asyncio pool at 100 connections and
  raises MaxConnectionsError at once (no waiting); a connect storm of 2,000 sockets (group_add
  beside the blocking receives) hits it, and those handshakes fail with HTTP 500.
- BENCH_CHANNEL_LAYER=pubsub swaps in channels-redis's RedisPubSubChannelLayer
  (PERFORMANCE.md: 3-5x the deliveries/s of the list-based layer).
- BENCH_PUSH_INTERVAL sets the leaderboard hub's PUSH_INTERVAL (bench/whatif_app.py).
"""

import os

from backend.settings import *  # noqa: F403
from backend.settings import CHANNEL_LAYERS, INSTALLED_APPS, REDIS_URL

INSTALLED_APPS = [*INSTALLED_APPS, "whatif_app.WhatIfConfig"]

if REDIS_URL:
    CHANNEL_LAYERS["default"]["CONFIG"]["hosts"] = [
        {
            "address": REDIS_URL,
            "socket_timeout": 15,
            "socket_connect_timeout": 2,
            "max_connections": 1000,
        }
    ]
    if os.environ.get("BENCH_CHANNEL_LAYER") == "pubsub":
        CHANNEL_LAYERS["default"] = {
            "BACKEND": "channels_redis.pubsub.RedisPubSubChannelLayer",
            "CONFIG": {"hosts": CHANNEL_LAYERS["default"]["CONFIG"]["hosts"]},
        }
