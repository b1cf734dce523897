from django.contrib import admin

from core.admin import ReadOnlyAdminMixin
from notifications.models import Notification


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Read-only: notifications are written by the services of their causes."""

    list_display = ["created_at", "user", "kind", "read_at"]
    list_filter = ["kind"]
    search_fields = ["user__full_name", "user__username"]
    list_select_related = ["user"]
