"""Following an idea: who hears of its status changes, official responses and new comments
(`followed_activity`). Anyone who may see an idea may follow or unfollow it; its authors and
co-authors follow it from the start (idea_create; ideas.coauthors on acceptance). A merge
moves the duplicate's followers to the original (follows_move)."""

from __future__ import annotations

from django.db import transaction

from accounts.models import User
from ideas.models import Idea, IdeaFollow


def follow_add(*, idea: Idea, user: User) -> bool:
    """`user` follows `idea` (idempotent: the unique constraint decides); True if new."""
    _, created = IdeaFollow.objects.get_or_create(idea_id=idea.pk, user_id=user.pk)
    return created


def follow_remove(*, idea: Idea, user: User) -> bool:
    """`user` no longer follows `idea` (idempotent); True if they did."""
    deleted, _ = IdeaFollow.objects.filter(idea_id=idea.pk, user_id=user.pk).delete()
    return bool(deleted)


def follower_ids(idea: Idea) -> list[int]:
    """Everyone who follows the idea, in the order they began."""
    return list(
        IdeaFollow.objects.filter(idea_id=idea.pk).order_by("id").values_list("user_id", flat=True)
    )


def follower_count(idea: Idea) -> int:
    return IdeaFollow.objects.filter(idea_id=idea.pk).count()


def is_following(*, idea: Idea, user: User) -> bool:
    return IdeaFollow.objects.filter(idea_id=idea.pk, user_id=user.pk).exists()


@transaction.atomic
def follows_move(*, source: Idea, target: Idea) -> int:
    """The followers of `source` follow `target` (once each, those who followed both too) and
    no longer `source`. Returns how many follow `target` anew."""
    moved = IdeaFollow.objects.filter(idea_id=source.pk)
    already = set(IdeaFollow.objects.filter(idea_id=target.pk).values_list("user_id", flat=True))
    new = [
        IdeaFollow(idea_id=target.pk, user_id=user_id, created_at=created_at)
        for user_id, created_at in moved.values_list("user_id", "created_at")
        if user_id not in already
    ]
    IdeaFollow.objects.bulk_create(new, ignore_conflicts=True)
    moved.delete()
    return len(new)
