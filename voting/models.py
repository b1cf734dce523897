"""Votes: one person's support for one idea, never doubled."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from ideas.models import Idea


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
