"""/ws/dashboard/: the leadership dashboard's numbers, live (API.md §Next: stats), fed by the
process's hub (dashboard.hub)."""

from __future__ import annotations

from channels.db import database_sync_to_async
from django.conf import settings
from django.http.cookie import parse_cookie

from dashboard.access import dashboard_readable_by
from dashboard.hub import dashboard_hub
from dashboard.serializers import StatsQuerySerializer
from dashboard.stats import StatsFilters
from live.consumers import (
    CLOSE_BAD_REQUEST,
    CLOSE_FORBIDDEN,
    CLOSE_UNAUTHENTICATED,
    LiveConsumer,
    query_params,
)
from live.hub import LatestFrame


def socket_language(scope, query: dict[str, str]) -> str:
    """`lang` from the query, else the language cookie the pages set, else the default."""
    known = {code for code, _ in settings.LANGUAGES}
    if query.get("lang") in known:
        return query["lang"]
    for name, value in scope.get("headers", ()):
        if name == b"cookie":
            chosen = parse_cookie(value.decode("latin-1")).get(settings.LANGUAGE_COOKIE_NAME)
            if chosen in known:
                return chosen
    return settings.LANGUAGE_CODE


@database_sync_to_async
def _reader_filters(user, query: dict[str, str]) -> StatsFilters | int:
    """The filters asked for, or the close code: not a reader, or a filter that is wrong (the
    same checks as GET /api/stats/)."""
    if not dashboard_readable_by(user):
        return CLOSE_FORBIDDEN
    given = {k: v for k, v in query.items() if k in StatsQuerySerializer().fields}
    parsed = StatsQuerySerializer(data=given)
    if not parsed.is_valid():
        return CLOSE_BAD_REQUEST
    return StatsFilters(**parsed.validated_data)


class DashboardConsumer(LiveConsumer):
    """/ws/dashboard/?campaign=&category=&agency=&region=: the body of /api/stats/ as
    `{"type": "dashboard", ...}`, then again whenever a number changes, at most once per
    DASHBOARD_PUSH_INTERVAL. Leadership and admins only (4403 for others, 4401 signed out,
    4400 for a filter that names nothing)."""

    channel_layer_alias = None

    async def connect(self):
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            await self.refuse(CLOSE_UNAUTHENTICATED)
            return
        query = query_params(self.scope)
        filters = await _reader_filters(user, query)
        if isinstance(filters, int):
            await self.refuse(filters)
            return
        await self.accept()
        self.key = (filters, socket_language(self.scope, query))
        self.watcher = LatestFrame(lambda text: self.send(text_data=text))
        await dashboard_hub().join(self.key, self.watcher)

    async def disconnect(self, code):
        if hasattr(self, "key"):
            dashboard_hub().leave(self.key, self.watcher)
            self.watcher.cancel()
