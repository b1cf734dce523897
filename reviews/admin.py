from django import forms
from django.contrib import admin

from accounts.roles import user_is_admin
from core.admin import ReadOnlyAdminMixin
from core.errors import RuleError
from reviews.models import (
    ConflictOfInterestAttempt,
    Criterion,
    Panel,
    PanelResult,
    Review,
    ReviewAssignment,
)
from reviews.services import (
    ensure_no_conflict,
    review_assignment_create,
    review_assignment_delete,
)


@admin.register(Criterion)
class CriterionAdmin(admin.ModelAdmin):
    list_display = ["name", "campaign", "weight", "min_value", "max_value", "position"]
    list_filter = ["campaign"]
    search_fields = ["name", "description"]


@admin.register(Panel)
class PanelAdmin(admin.ModelAdmin):
    list_display = ["campaign", "member_count"]
    autocomplete_fields = ["members"]
    search_fields = ["campaign__title"]

    @admin.display(description="members")
    def member_count(self, panel):
        return panel.members.count()


class ReviewAssignmentForm(forms.ModelForm):
    request = None  # set by ReviewAssignmentAdmin.get_form

    class Meta:
        model = ReviewAssignment
        fields = ["idea", "reviewer", "due_at"]

    def clean(self):
        cleaned = super().clean()
        idea, reviewer = cleaned.get("idea"), cleaned.get("reviewer")
        if idea is not None and reviewer is not None:
            try:
                ensure_no_conflict(
                    idea=idea,
                    reviewer=reviewer,
                    action="assign",
                    entry_point=ConflictOfInterestAttempt.EntryPoint.ADMIN,
                    attempted_by=self.request.user,
                )
            except RuleError as refusal:
                raise forms.ValidationError(str(refusal.message), code=refusal.code) from refusal
        return cleaned


@admin.register(ReviewAssignment)
class ReviewAssignmentAdmin(admin.ModelAdmin):
    """Assignments made here go through the same service as the API: a conflicted one is
    refused (and the attempt recorded)."""

    form = ReviewAssignmentForm
    list_display = ["idea", "reviewer", "due_at", "assigned_by", "created_at"]
    list_filter = ["idea__campaign"]
    search_fields = ["idea__title", "reviewer__full_name", "reviewer__username"]
    autocomplete_fields = ["idea", "reviewer"]
    list_select_related = ["idea", "reviewer", "assigned_by"]

    def has_change_permission(self, request, obj=None):
        return obj is None

    # The service allows innovation admins only; Django permissions alone are not enough.
    def has_add_permission(self, request):
        return super().has_add_permission(request) and user_is_admin(request.user)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and user_is_admin(request.user)

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        return type(form.__name__, (form,), {"request": request})

    def save_model(self, request, obj, form, change):
        assignment = review_assignment_create(
            idea=obj.idea,
            reviewer=obj.reviewer,
            by=request.user,
            due_at=obj.due_at,
            entry_point=ConflictOfInterestAttempt.EntryPoint.ADMIN,
        )
        obj.pk = assignment.pk

    def delete_model(self, request, obj):
        review_assignment_delete(assignment_id=obj.pk, by=request.user)


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin):
    """Read-only: reviews are written by reviewers through the scoring API."""

    list_display = ["idea", "reviewer", "weighted_score", "updated_at"]
    list_filter = ["idea__campaign"]
    search_fields = ["idea__title", "reviewer__full_name"]
    list_select_related = ["idea", "reviewer"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(PanelResult)
class PanelResultAdmin(admin.ModelAdmin):
    list_display = ["idea", "review_count", "raw_mean", "normalised", "spread"]
    list_filter = ["idea__campaign"]
    search_fields = ["idea__title"]
    ordering = ["-normalised"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ConflictOfInterestAttempt)
class ConflictOfInterestAttemptAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["created_at", "reviewer", "idea", "reason", "action", "entry_point"]
    list_filter = ["reason", "entry_point", "action"]
    search_fields = ["reviewer__full_name", "idea__title"]
