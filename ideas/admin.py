from django.contrib import admin

from core.admin import ReadOnlyAdminMixin
from ideas.models import Campaign, Category, Comment, Idea, IdeaStatusChange


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["slug", "name_id", "name_en", "position"]
    search_fields = ["slug", "name_id", "name_en"]
    list_editable = ["position"]


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = ["title", "phase", "submission_opens", "voting_opens", "review_opens"]
    search_fields = ["title", "description"]
    filter_horizontal = ["categories"]
    date_hierarchy = "submission_opens"


class StatusChangeInline(admin.TabularInline):
    model = IdeaStatusChange
    extra = 0
    can_delete = False
    readonly_fields = ["from_status", "to_status", "changed_by", "note", "created_at"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Idea)
class IdeaAdmin(admin.ModelAdmin):
    """Status changes go through the idea status API (services), which records them; here the
    status is read-only so that no change escapes the audit trail."""

    list_display = [
        "title",
        "status",
        "category",
        "agency",
        "campaign",
        "author",
        "vote_count",
        "comment_count",
        "created_at",
    ]
    list_filter = ["status", "category", "campaign", "agency"]
    search_fields = ["title", "problem", "solution", "author__full_name", "author__username"]
    autocomplete_fields = ["author", "co_authors", "agency", "region", "merged_into"]
    readonly_fields = [
        "status",
        "vote_count",
        "comment_count",
        "panel_score",
        "trending_score",
        "created_at",
        "updated_at",
    ]
    list_select_related = ["category", "agency", "campaign", "author"]
    date_hierarchy = "created_at"
    inlines = [StatusChangeInline]


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ["idea", "author", "kind", "is_published", "created_at"]
    list_filter = ["kind", "is_published"]
    search_fields = ["body", "author__full_name", "idea__title"]
    autocomplete_fields = ["idea", "author", "parent"]
    list_select_related = ["idea", "author"]


@admin.register(IdeaStatusChange)
class IdeaStatusChangeAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["idea", "from_status", "to_status", "changed_by", "created_at"]
    list_filter = ["to_status"]
    search_fields = ["idea__title", "note"]
    list_select_related = ["idea", "changed_by"]
