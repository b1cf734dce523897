"""Notifications: written with their cause, pushed after commit, marked read by their owner."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from typing import Any

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from live import publish
from notifications.models import Notification


def notify(*, user_ids: Iterable[int], notification: dict[str, Any]) -> list[Notification]:
    """A Notification row for each person (once each), in the caller's transaction; each is
    pushed to that person's sockets after commit, with its id so pages can mark it read."""
    kind = notification["kind"]
    data = {key: value for key, value in notification.items() if key != "kind"}
    rows = Notification.objects.bulk_create(
        [Notification(user_id=user_id, kind=kind, data=data) for user_id in dict.fromkeys(user_ids)]
    )
    for row in rows:
        transaction.on_commit(
            partial(
                publish.notification_publish,
                user_ids=[row.user_id],
                notification={"id": row.pk, **notification},
            )
        )
    return rows


def notifications_mark_read(*, user: User, ids: Iterable[int] | None = None) -> int:
    """Mark the person's own notifications read (these ids, or all); how many changed."""
    unread = Notification.objects.filter(user=user, read_at__isnull=True)
    if ids is not None:
        unread = unread.filter(pk__in=list(ids))
    return unread.update(read_at=timezone.now())
