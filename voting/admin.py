from django.contrib import admin

from voting.models import Vote


@admin.register(Vote)
class VoteAdmin(admin.ModelAdmin):
    """Read-only: votes change only through the vote services, which keep the counters."""

    list_display = ["idea", "voter", "created_at"]
    search_fields = ["idea__title", "voter__username", "voter__full_name"]
    list_select_related = ["idea", "voter"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
