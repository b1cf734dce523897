"""Emails sent in the background (Celery; eagerly without a broker): each retried with
exponential backoff while the mail server refuses or fails, and sent at most once however
often the task is delivered (`emailed_at`, `sent_at`). The daily digest (beat: settings
CELERY_BEAT_SCHEDULE) gathers what waits into one email per person and day."""

from __future__ import annotations

import logging
import smtplib

from celery import shared_task
from django.utils import timezone

from notifications import emails, services
from notifications.models import Digest, Notification

logger = logging.getLogger(__name__)

# Connection refused, timeouts, a server's 4xx/5xx (smtplib's errors are OSErrors too).
RETRIED = (smtplib.SMTPException, OSError)
RETRY = {
    "autoretry_for": RETRIED,
    "retry_backoff": 10,  # 10 s, 20 s, 40 s... (with jitter), at most 30 minutes apart
    "retry_backoff_max": 1800,
    "retry_jitter": True,
    "max_retries": 8,
    "ignore_result": True,
}


@shared_task(name="notifications.email_send", **RETRY)
def notification_email_send(notification_id: int) -> bool:
    """Email one notification to its owner unless it was already; True if sent now."""
    notification = (
        Notification.objects.select_related("user")
        .filter(pk=notification_id, emailed_at__isnull=True)
        .first()
    )
    if notification is None or not notification.user.email or not notification.user.is_active:
        return False
    emails.notification_message(notification).send()
    Notification.objects.filter(pk=notification_id).update(emailed_at=timezone.now())
    return True


@shared_task(name="notifications.digest_send", **RETRY)
def digest_email_send(digest_id: int) -> bool:
    """Email one digest unless it was already; True if sent now."""
    digest = Digest.objects.select_related("user").filter(pk=digest_id, sent_at__isnull=True)
    digest = digest.first()
    if digest is None or not digest.user.email or not digest.user.is_active:
        return False
    notifications = list(digest.notifications.order_by("created_at", "id"))
    if not notifications:
        return False
    emails.digest_message(digest, notifications).send()
    Digest.objects.filter(pk=digest_id).update(sent_at=timezone.now())
    return True


@shared_task(name="notifications.digests_create", ignore_result=True)
def digests_create() -> int:
    """The beat's daily run (and `manage.py notifications_digest`): today's digests."""
    return len(services.digests_create())
