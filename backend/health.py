"""GET /healthz: is the database reachable, is the channel layer reachable."""

import logging
from concurrent.futures import ThreadPoolExecutor

import psycopg
import redis
from channels.layers import InMemoryChannelLayer, get_channel_layer
from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.http import require_GET

logger = logging.getLogger(__name__)


HEALTH_TIMEOUT_SECONDS = 1


def _postgres_ok() -> bool:
    """A connection of its own, never one from the pool (whose wait is a request's, seconds
    long) nor the request's (whose connect would wait the full connect timeout): a health
    check answers within a second, however the database fails."""
    db = connection.settings_dict
    with psycopg.connect(
        dbname=db["NAME"],
        user=db["USER"] or None,
        password=db["PASSWORD"] or None,
        host=db["HOST"] or None,
        port=db["PORT"] or None,
        connect_timeout=HEALTH_TIMEOUT_SECONDS,
        options=f"-c statement_timeout={HEALTH_TIMEOUT_SECONDS * 1000}",
    ) as probe:
        return probe.execute("SELECT 1").fetchone() == (1,)


# libpq never waits less than 2 s to connect; the probe runs here and is waited on for 1 s.
_probes = ThreadPoolExecutor(max_workers=4, thread_name_prefix="healthz")


def _database_ok() -> bool:
    try:
        if connection.vendor == "postgresql":
            return _probes.submit(_postgres_ok).result(timeout=HEALTH_TIMEOUT_SECONDS)
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:  # noqa: BLE001 - any failure means "down"
        logger.warning("healthz: database check failed", exc_info=True)
        return False


def _channel_layer_ok() -> bool:
    """The in-memory layer lives in this process; the Redis one is up when Redis answers a
    PING, asked on a connection of its own with short timeouts. Not a round trip through the
    layer: that would wait on the server's event loop, which is the busiest thing in a socket
    process, and a health check must answer while it is busy."""
    layer = get_channel_layer()
    if layer is None:
        return False
    if isinstance(layer, InMemoryChannelLayer):
        return True
    try:
        with redis.Redis.from_url(
            settings.REDIS_URL, socket_timeout=1, socket_connect_timeout=1
        ) as client:
            return bool(client.ping())
    except Exception:  # noqa: BLE001
        logger.warning("healthz: channel layer check failed", exc_info=True)
        return False


@require_GET
def healthz(request):
    database = _database_ok()
    body = {
        "status": "ok" if database else "error",
        "database": "ok" if database else "down",
        "channel_layer": "ok" if _channel_layer_ok() else "down",
    }
    return JsonResponse(body, status=200 if database else 503)
