"""Panel reviews: rubrics, panels, assignments, scores and the panel's verdicts.

These tables were created by the voting app and keep their names (db_table), so moving them
here renamed nothing in any database.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ideas.models import Campaign, Idea


class Criterion(models.Model):
    """One line of a campaign's rubric: a weighted criterion scored on a min..max scale."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    weight = models.DecimalField(max_digits=5, decimal_places=2, default=1)
    min_value = models.SmallIntegerField(default=1)
    max_value = models.SmallIntegerField(default=5)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        db_table = "voting_criterion"
        ordering = ["campaign", "position", "id"]
        verbose_name_plural = "criteria"
        constraints = [
            models.CheckConstraint(
                condition=Q(max_value__gt=F("min_value")), name="voting_criterion_scale_not_empty"
            ),
            models.CheckConstraint(
                condition=Q(weight__gt=0), name="voting_criterion_weight_positive"
            ),
            models.UniqueConstraint(
                fields=["campaign", "name"], name="voting_criterion_unique_name_per_campaign"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.campaign}: {self.name}"


class Panel(models.Model):
    """A campaign's review panel: the people who score its ideas."""

    campaign = models.OneToOneField(Campaign, on_delete=models.CASCADE, related_name="panel")
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="review_panels"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "voting_panel"

    def __str__(self) -> str:
        return f"Panel: {self.campaign}"


class ReviewAssignment(models.Model):
    """An idea given to a reviewer to score, by a due date. Never a conflicted one (services)."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="review_assignments")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="review_assignments"
    )
    due_at = models.DateTimeField()
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "voting_reviewassignment"
        ordering = ["due_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["idea", "reviewer"], name="voting_reviewassignment_one_per_reviewer_idea"
            )
        ]

    def __str__(self) -> str:
        return f"{self.reviewer} -> {self.idea_id}"


class Review(models.Model):
    """One reviewer's scores for one idea, with published feedback and a private note."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="reviews"
    )
    comment = models.TextField(_("feedback for the authors"), blank=True)
    private_note = models.TextField(_("private note for the panel"), blank=True)
    # The rubric's weighted mean on a 0..100 scale, kept by the services for aggregation.
    weighted_score = models.FloatField()
    feedback = models.OneToOneField(
        "ideas.Comment", null=True, blank=True, on_delete=models.SET_NULL, related_name="review"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "voting_review"
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["reviewer", "idea"], name="voting_review_one_per_reviewer_idea"
            ),
            models.CheckConstraint(
                condition=Q(weighted_score__gte=0) & Q(weighted_score__lte=100),
                name="voting_review_weighted_score_0_to_100",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reviewer} on {self.idea_id}"


class Score(models.Model):
    """One criterion's value in a review. The scale is copied from the criterion so that the
    database itself can hold every value within it."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="scores")
    value = models.SmallIntegerField()
    min_value = models.SmallIntegerField()
    max_value = models.SmallIntegerField()

    class Meta:
        db_table = "voting_score"
        constraints = [
            models.UniqueConstraint(
                fields=["review", "criterion"], name="voting_score_one_per_review_criterion"
            ),
            models.CheckConstraint(
                condition=Q(value__gte=F("min_value")) & Q(value__lte=F("max_value")),
                name="voting_score_value_within_scale",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.criterion_id}={self.value}"


class PanelResult(models.Model):
    """The panel's verdict on an idea: raw and normalised scores and how far reviewers agree."""

    idea = models.OneToOneField(Idea, on_delete=models.CASCADE, related_name="panel_result")
    review_count = models.PositiveSmallIntegerField()
    raw_mean = models.FloatField(help_text="mean of the reviews' weighted scores, 0..100")
    normalised = models.FloatField(help_text="after removing each reviewer's harshness, 0..100")
    spread = models.FloatField(help_text="standard deviation of the reviews' weighted scores")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "voting_panelresult"

    def __str__(self) -> str:
        return f"{self.idea_id}: {self.normalised:.1f}"


class ConflictOfInterestAttempt(models.Model):
    """A refused attempt to review (or be assigned) an idea one may not judge. Kept for audit."""

    class Reason(models.TextChoices):
        AUTHOR = "author", _("Author")
        CO_AUTHOR = "co_author", _("Co-author")
        SAME_AGENCY = "same_agency", _("Same agency")

    class EntryPoint(models.TextChoices):
        API = "api", "API"
        ADMIN = "admin", _("Django admin")
        BULK = "bulk", _("Bulk assignment")
        SERVICE = "service", _("Service")

    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="+")
    action = models.CharField(max_length=20)
    reason = models.CharField(max_length=12, choices=Reason.choices)
    entry_point = models.CharField(max_length=8, choices=EntryPoint.choices)
    attempted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "voting_conflictofinterestattempt"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.reviewer_id} x {self.idea_id}: {self.reason}"
