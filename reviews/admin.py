from django import forms
from django.contrib import admin

from accounts.roles import user_is_admin
from core.admin import ReadOnlyAdminMixin, RequestFormMixin
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
    criterion_delete,
    criterion_save,
    ensure_no_conflict,
    panel_members_set,
    review_assignment_create,
    review_assignment_delete,
    rubric_editable_problem,
)


class CriterionForm(forms.ModelForm):
    class Meta:
        model = Criterion
        fields = ["campaign", "name", "description", "weight", "min_value", "max_value", "position"]

    def clean(self):
        cleaned = super().clean()
        moved_to = getattr(cleaned.get("campaign"), "pk", None)
        for campaign_id in {self.instance.campaign_id, moved_to}:
            problem = rubric_editable_problem(campaign_id=campaign_id)
            if problem:
                raise forms.ValidationError(problem, code="rubric_in_use")
        return cleaned


@admin.register(Criterion)
class CriterionAdmin(admin.ModelAdmin):
    """A rubric's lines, edited through reviews.services while no review uses the rubric."""

    form = CriterionForm
    list_display = ["name", "campaign", "weight", "min_value", "max_value", "position"]
    list_filter = ["campaign"]
    search_fields = ["name", "description"]

    def save_model(self, request, obj, form, change):
        criterion_save(criterion=obj, by=request.user)

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        if not allowed or obj is None:
            return allowed
        return rubric_editable_problem(campaign_id=obj.campaign_id) is None

    def delete_model(self, request, obj):
        criterion_delete(criterion_id=obj.pk, by=request.user)

    def delete_queryset(self, request, queryset):
        for criterion_id in queryset.values_list("pk", flat=True):
            criterion_delete(criterion_id=criterion_id, by=request.user)


@admin.register(Panel)
class PanelAdmin(admin.ModelAdmin):
    """A campaign's review panel; its members are set through reviews.services."""

    list_display = ["campaign", "member_count"]
    autocomplete_fields = ["members"]
    search_fields = ["campaign__title"]

    @admin.display(description="members")
    def member_count(self, panel):
        return panel.members.count()

    def get_readonly_fields(self, request, obj=None):
        return ["campaign", "created_at"] if obj is not None else ["created_at"]

    def save_model(self, request, obj, form, change):
        panel = panel_members_set(
            campaign=obj.campaign if change else form.cleaned_data["campaign"],
            members=list(form.cleaned_data["members"]),
            by=request.user,
        )
        obj.pk = panel.pk
        obj.refresh_from_db()

    def save_related(self, request, form, formsets, change):
        """The members were set by the service."""


class ReviewAssignmentForm(forms.ModelForm):
    request = None  # set by RequestFormMixin

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
class ReviewAssignmentAdmin(RequestFormMixin, admin.ModelAdmin):
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
