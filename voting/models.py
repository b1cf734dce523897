from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ideas.models import Campaign, Idea


class Vote(models.Model):
    """One upvote: a person's support for an idea. The constraint makes it one per person."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="votes")
    voter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="votes"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["idea", "voter"], name="voting_vote_one_per_voter_per_idea"
            )
        ]
        indexes = [models.Index(fields=["voter", "idea"], name="voting_vote_voter_idea")]

    def __str__(self) -> str:
        return f"{self.voter_id} -> {self.idea_id}"


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
