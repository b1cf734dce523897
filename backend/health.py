"""GET /healthz: is the database reachable, is the channel layer reachable."""

import logging

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
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


async def _layer_roundtrip(layer) -> None:
    channel = await layer.new_channel("healthz.")
    await layer.send(channel, {"type": "healthz.ping"})
    await layer.receive(channel)


def _channel_layer_ok() -> bool:
    layer = get_channel_layer()
    if layer is None:
        return False
    try:
        async_to_sync(_layer_roundtrip)(layer)
    except Exception:  # noqa: BLE001
        logger.warning("healthz: channel layer check failed", exc_info=True)
        return False
    return True


@require_GET
def healthz(request):
    database = _database_ok()
    body = {
        "status": "ok" if database else "error",
        "database": "ok" if database else "down",
        "channel_layer": "ok" if _channel_layer_ok() else "down",
    }
    return JsonResponse(body, status=200 if database else 503)
