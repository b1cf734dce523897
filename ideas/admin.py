"""The Django admin over ideas. Every write goes through ideas.services, as the API's do: a
campaign's dates are checked there, a status change is recorded in the trail and published
live, a comment is taken down with its counter. Ideas and comments are written by their authors
through the API; here they are read, moved along their statuses and moderated."""

from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from core.admin import ReadOnlyAdminMixin
from core.errors import RuleError
from ideas import services
from ideas.models import (
    Campaign,
    Category,
    Comment,
    CommentRevision,
    Idea,
    IdeaStatusChange,
    Report,
)


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["slug", "name_id", "name_en", "position"]
    search_fields = ["slug", "name_id", "name_en"]
    list_editable = ["position"]


class CampaignForm(forms.ModelForm):
    class Meta:
        model = Campaign
        fields = [
            "title",
            "description",
            *services.CAMPAIGN_DATES,
            "categories",
            "blind_review",
            "popular_vote_weight",
        ]

    def clean(self):
        cleaned = super().clean()
        dates = {field: cleaned.get(field) for field in services.CAMPAIGN_DATES}
        for field, problems in services.campaign_dates_errors(dates).items():
            for problem in problems:
                self.add_error(field, problem)
        return cleaned


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    form = CampaignForm
    list_display = ["title", "phase", "submission_opens", "voting_opens", "review_opens"]
    search_fields = ["title", "description"]
    filter_horizontal = ["categories"]
    date_hierarchy = "submission_opens"

    def save_model(self, request, obj, form, change):
        data = {
            field: form.cleaned_data[field]
            for field in form.changed_data if field in form.cleaned_data
        } if change else dict(form.cleaned_data)  # fmt: skip
        if change:
            saved = services.campaign_update(campaign_id=obj.pk, editor=request.user, data=data)
        else:
            saved = services.campaign_create(created_by=request.user, data=data)
        obj.pk = saved.pk
        obj.refresh_from_db()

    def save_related(self, request, form, formsets, change):
        """The categories were set by the service."""
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)


class StatusChangeInline(admin.TabularInline):
    model = IdeaStatusChange
    fk_name = "idea"
    extra = 0
    can_delete = False
    readonly_fields = [
        "from_status",
        "to_status",
        "changed_by",
        "note",
        "merged_into",
        "created_at",
    ]

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class IdeaStatusForm(forms.ModelForm):
    """An idea's status moves only along the allowed transitions, through the service."""

    new_status = forms.ChoiceField(label=_("Move to status"), required=False)
    status_note = forms.CharField(
        label=_("Note for the status trail"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    merge_into = forms.IntegerField(
        label=_("Merge into idea (id)"), required=False, help_text=_("Only for “merged”.")
    )

    class Meta:
        model = Idea
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = sorted(services.ALLOWED_TRANSITIONS.get(self.instance.status, ()))
        labels = dict(Idea.Status.choices)
        self.fields["new_status"].choices = [("", "—")] + [(s, labels[s]) for s in allowed]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("new_status") == Idea.Status.MERGED:
            problem = services.merge_target_problem(
                idea_id=self.instance.pk, merged_into_id=cleaned.get("merge_into")
            )
            if problem:
                self.add_error("merge_into", problem)
        return cleaned


@admin.register(Idea)
class IdeaAdmin(admin.ModelAdmin):
    """Read, search and filter ideas; move one along its statuses with a note (the service
    records it and tells open pages). Authors write the content through the API."""

    form = IdeaStatusForm
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
    readonly_fields = [
        "title",
        "problem",
        "solution",
        "expected_impact",
        "category",
        "campaign",
        "agency",
        "region",
        "author",
        "co_authors_list",
        "merged_into",
        "status",
        "vote_count",
        "comment_count",
        "panel_score",
        "trending_score",
        "created_at",
        "updated_at",
    ]
    fieldsets = [
        (None, {"fields": ["title", "status", "campaign", "category", "agency", "region"]}),
        (_("Authors"), {"fields": ["author", "co_authors_list"]}),
        (_("The idea"), {"fields": ["problem", "solution", "expected_impact"]}),
        (_("Status"), {"fields": ["new_status", "status_note", "merge_into", "merged_into"]}),
        (
            _("Figures"),
            {
                "fields": [
                    "vote_count",
                    "comment_count",
                    "panel_score",
                    "trending_score",
                    "created_at",
                    "updated_at",
                ]
            },
        ),  # fmt: skip
    ]
    list_select_related = ["category", "agency", "campaign", "author"]
    date_hierarchy = "created_at"
    inlines = [StatusChangeInline]

    @admin.display(description=_("co-authors"))
    def co_authors_list(self, idea):
        return ", ".join(str(user) for user in idea.co_authors.all()) or "—"

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        to_status = form.cleaned_data.get("new_status")
        if not to_status:
            return
        try:
            services.idea_status_change(
                idea_id=obj.pk,
                to_status=to_status,
                changed_by=request.user,
                note=form.cleaned_data.get("status_note", ""),
                merged_into_id=form.cleaned_data.get("merge_into"),
            )
        except RuleError as refusal:  # the idea moved meanwhile: nothing was written
            self.message_user(request, refusal.message, messages.ERROR)


@admin.action(description=_("Unpublish the selected comments"))
def comments_unpublish(modeladmin, request, queryset):
    ids = list(queryset.filter(is_published=True).values_list("pk", flat=True))
    for comment_id in ids:
        services.comment_withdraw(comment_id=comment_id)
    modeladmin.message_user(request, _("%d comments unpublished.") % len(ids), messages.SUCCESS)


class CommentRevisionInline(ReadOnlyAdminMixin, admin.TabularInline):
    """The texts a comment had before its author's edits."""

    model = CommentRevision
    fields = ["created_at", "body"]
    extra = 0


@admin.register(Report)
class ReportAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Reports are made and settled through the API (the console's queue); read here."""

    list_display = ["reason", "idea", "comment", "reporter", "status", "created_at"]
    list_filter = ["status", "reason"]
    search_fields = ["idea__title", "comment__body", "note"]
    list_select_related = ["idea", "comment", "reporter"]


@admin.register(Comment)
class CommentAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Comments are written through the API; here they are read and taken down (the service
    keeps the idea's count and tells open pages)."""

    list_display = ["idea", "author", "kind", "is_published", "moderated_by", "created_at"]
    list_filter = ["kind", "is_published"]
    search_fields = ["body", "author__full_name", "idea__title"]
    list_select_related = ["idea", "author"]
    actions = [comments_unpublish]
    inlines = [CommentRevisionInline]

    def has_change_permission(self, request, obj=None):
        # The list's actions need the change permission; the form stays read-only.
        return obj is None and super(ReadOnlyAdminMixin, self).has_change_permission(request)


@admin.register(IdeaStatusChange)
class IdeaStatusChangeAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["idea", "from_status", "to_status", "changed_by", "created_at"]
    list_filter = ["to_status"]
    search_fields = ["idea__title", "note"]
    list_select_related = ["idea", "changed_by"]
