"""GET /healthz: is the database reachable, is the channel layer reachable."""

import logging

import redis
from channels.layers import InMemoryChannelLayer, get_channel_layer
from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.http import require_GET

logger = logging.getLogger(__name__)


def _database_ok() -> bool:
    try:
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
