from django.contrib import admin

from core.admin import ReadOnlyAdminMixin
from voting.models import Vote


@admin.register(Vote)
class VoteAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Read-only: votes change only through the vote services, which keep the counters."""

    list_display = ["idea", "voter", "created_at"]
    search_fields = ["idea__title", "voter__username", "voter__full_name"]
    list_select_related = ["idea", "voter"]
