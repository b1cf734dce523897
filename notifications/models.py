from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


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

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["user", "-created_at", "-id"], name="notifications_by_user"),
            models.Index(
                fields=["user"], condition=Q(read_at__isnull=True), name="notifications_unread"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.kind}"
