"""Notifications: written with their cause, pushed after commit, emailed per their owner's
preference (alone, after commit, or in the day's digest), marked read by their owner."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import date
from functools import partial
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import User
from live import publish
from notifications.kinds import Delivery, kind_get, kinds_all
from notifications.models import Digest, Notification, NotificationPreference, NotificationSettings

logger = logging.getLogger(__name__)


def notify(
    *, user_ids: Iterable[int], notification: dict[str, Any], once_key: str = ""
) -> list[Notification]:
    """A Notification row for each person (once each), in the caller's transaction; each is
    pushed to that person's sockets after commit, with its id so pages can mark it read, and
    emailed after commit to those who want this kind immediately (the rest wait for their
    digest, or for nothing). With `once_key`, a person who ever had a notification of that key
    gets none (a unique constraint decides, so concurrent callers cannot both send it)."""
    kind = notification["kind"]
    data = {key: value for key, value in notification.items() if key != "kind"}
    user_ids = list(dict.fromkeys(user_ids))
    if not user_ids:
        return []
    deliveries = deliveries_for(user_ids=user_ids, kind=kind)
    rows = [
        Notification(
            user_id=user_id, kind=kind, data=data, delivery=deliveries[user_id], once_key=once_key
        )
        for user_id in user_ids
    ]
    if once_key:
        rows = [row for row in rows if _inserted_once(row)]
    else:
        rows = Notification.objects.bulk_create(rows)
    for row in rows:
        transaction.on_commit(
            partial(
                publish.notification_publish,
                user_ids=[row.user_id],
                notification={"id": row.pk, **notification},
            )
        )
    emailed = [row.pk for row in rows if row.delivery == Delivery.IMMEDIATE]
    if emailed:
        transaction.on_commit(partial(_emails_queue, notification_ids=emailed))
    return rows


def _inserted_once(row: Notification) -> bool:
    try:
        with transaction.atomic():  # a savepoint: a duplicate must not abort the caller
            row.save(force_insert=True)
    except IntegrityError:
        return False
    return True


def _emails_queue(*, notification_ids: list[int]) -> None:
    # After commit: the cause is saved whatever happens here. A broker that is down loses
    # these emails (logged), never the vote, comment or review.
    from notifications import tasks  # the task module imports this one

    for notification_id in notification_ids:
        try:
            tasks.notification_email_send.delay(notification_id)
        except Exception:
            logger.exception("email of notification %s could not be queued", notification_id)


def deliveries_for(*, user_ids: list[int], kind: str) -> dict[int, str]:
    """How each person hears of this kind: their preference, else the kind's default; never by
    email for one without an address or an active account (one query)."""
    default = kind_get(kind).default_delivery
    chosen = dict(
        NotificationPreference.objects.filter(user_id__in=user_ids, kind=kind).values_list(
            "user_id", "delivery"
        )
    )
    reachable = set(
        User.objects.filter(pk__in=user_ids, is_active=True)
        .exclude(email="")
        .values_list("pk", flat=True)
    )
    return {
        user_id: chosen.get(user_id, default) if user_id in reachable else Delivery.NEVER
        for user_id in user_ids
    }


def notifications_mark_read(*, user: User, ids: Iterable[int] | None = None) -> int:
    """Mark the person's own notifications read (these ids, or all); how many changed."""
    unread = Notification.objects.filter(user=user, read_at__isnull=True)
    if ids is not None:
        unread = unread.filter(pk__in=list(ids))
    return unread.update(read_at=timezone.now())


# --- Preferences --------------------------------------------------------------------------------


def preferences_get(*, user: User) -> dict:
    """The person's delivery of every registered kind (their choice or its default) and their
    email language."""
    chosen = dict(NotificationPreference.objects.filter(user=user).values_list("kind", "delivery"))
    language = (
        NotificationSettings.objects.filter(user=user).values_list("language", flat=True).first()
    )
    return {
        "language": language or settings.LANGUAGE_CODE,
        "kinds": [
            {
                "kind": kind.code,
                "label": str(kind.label),
                "delivery": chosen.get(kind.code, kind.default_delivery),
                "default": kind.default_delivery,
            }
            for kind in kinds_all()
        ],
    }


@transaction.atomic
def preferences_set(
    *, user: User, deliveries: dict[str, str] | None = None, language: str | None = None
) -> dict:
    """Set the delivery of these kinds (the others keep theirs) and the email language."""
    for kind, delivery in (deliveries or {}).items():
        NotificationPreference.objects.update_or_create(
            user=user, kind=kind, defaults={"delivery": delivery}
        )
    if language is not None:
        NotificationSettings.objects.update_or_create(user=user, defaults={"language": language})
    return preferences_get(user=user)


def unsubscribe(*, user_id: int, kinds: Iterable[str]) -> list[str]:
    """Email of these kinds no more for this person (the link in each email); in-app still."""
    kinds = list(dict.fromkeys(kinds))
    user = User.objects.get(pk=user_id)
    preferences_set(user=user, deliveries={kind: Delivery.NEVER for kind in kinds})
    return kinds


def email_language(user_id: int) -> str:
    """The language a person's emails are written in."""
    language = (
        NotificationSettings.objects.filter(user_id=user_id)
        .values_list("language", flat=True)
        .first()
    )
    return language or settings.LANGUAGE_CODE


# --- The daily digest ---------------------------------------------------------------------------


def digest_day(moment=None) -> date:
    """The day a digest belongs to: today in settings.TIME_ZONE (Asia/Jakarta)."""
    return timezone.localdate(moment or timezone.now())


def digests_create(*, day: date | None = None) -> list[int]:
    """Today's digest for each person with digest notifications waiting, at most one per person
    and day however many runs overlap: the Digest row is inserted first (the unique constraint
    decides who makes it), and takes the waiting notifications in the same transaction. A
    person whose digest of the day exists already keeps what arrived since for tomorrow's.
    Returns the new digests' ids; their emails are queued after commit."""
    day = day or digest_day()
    waiting = Notification.objects.filter(delivery=Delivery.DIGEST, digest__isnull=True)
    user_ids = list(waiting.values_list("user_id", flat=True).distinct().order_by("user_id"))
    created: list[int] = []
    for user_id in user_ids:
        digest_id = _digest_create(user_id=user_id, day=day)
        if digest_id is not None:
            created.append(digest_id)
    return created


def _digest_create(*, user_id: int, day: date) -> int | None:
    try:
        with transaction.atomic():
            digest = Digest.objects.create(user_id=user_id, day=day)
            if not _digest_claim(digest):  # another run took them since we looked
                transaction.set_rollback(True)
                return None
            transaction.on_commit(partial(_digest_queue, digest_id=digest.pk))
    except IntegrityError:  # this person's digest of the day exists: one per day
        return None
    return digest.pk


def _digest_claim(digest: Digest) -> int:
    """The person's waiting digest notifications now belong to this digest; how many. Their
    rows stay locked until commit, so a concurrent claim waits, then finds none."""
    return Notification.objects.filter(
        user_id=digest.user_id, delivery=Delivery.DIGEST, digest__isnull=True
    ).update(digest=digest)


def _digest_queue(*, digest_id: int) -> None:
    from notifications import tasks

    try:
        tasks.digest_email_send.delay(digest_id)
    except Exception:
        logger.exception("digest %s could not be queued", digest_id)
