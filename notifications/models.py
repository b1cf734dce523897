from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from notifications.kinds import Delivery


class Notification(models.Model):
    """Something that happened that one person should know of: a row per person and event,
    written in the same transaction as its cause, pushed live after commit, read later in the
    person's list. `data` holds what the message says (the idea, its title then, a status, a
    comment id); the apps that notify own their kinds."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=40)
    data = models.JSONField(default=dict)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    # How it reaches its owner by email, decided when it is written (their preference then):
    # sent alone (`emailed_at` once sent), gathered into a daily `digest`, or not at all.
    delivery = models.CharField(max_length=10, choices=Delivery.choices, default=Delivery.NEVER)
    emailed_at = models.DateTimeField(null=True, blank=True)
    # Set for what must reach a person once ever (a vote milestone): the constraint referees.
    once_key = models.CharField(max_length=100, blank=True, default="")
    digest = models.ForeignKey(
        "notifications.Digest",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="notifications",
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "once_key"],
                condition=~Q(once_key=""),
                name="notifications_notification_once_per_key",
            )
        ]
        indexes = [
            models.Index(fields=["user", "-created_at", "-id"], name="notifications_by_user"),
            models.Index(
                fields=["user"], condition=Q(read_at__isnull=True), name="notifications_unread"
            ),
            models.Index(
                fields=["user", "id"],
                condition=Q(delivery="digest", digest__isnull=True),
                name="notifications_digest_waiting",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.kind}"


class NotificationPreference(models.Model):
    """How one person wants one kind by email; without a row, the kind's default delivery."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    kind = models.CharField(max_length=40)
    delivery = models.CharField(max_length=10, choices=Delivery.choices)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind"], name="notifications_preference_one_per_kind"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.kind} {self.delivery}"


class NotificationSettings(models.Model):
    """A person's email language (empty: the site's, settings.LANGUAGE_CODE)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="notification_settings",
    )
    language = models.CharField(max_length=8, blank=True, choices=settings.LANGUAGES)

    def __str__(self) -> str:
        return f"{self.user_id}: {self.language or '-'}"


class Digest(models.Model):
    """One person's daily digest (the day in settings.TIME_ZONE): written before it is sent, and
    only once per person and day (the constraint referees concurrent runs), so that the
    digest command may run any number of times."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_digests"
    )
    day = models.DateField()
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("digest")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "day"], name="notifications_digest_one_per_person_per_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.day}"
