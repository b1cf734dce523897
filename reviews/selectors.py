"""Reads for rubrics, reviews, review queues and panel progress."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.utils import timezone

from accounts.models import User
from accounts.roles import user_is_admin, user_is_leadership
from ideas.models import Campaign, Idea
from ideas.visibility import panel_scores_public
from reviews.models import Criterion, Review, ReviewAssignment, Score


def criterion_list(*, campaign_id: int) -> QuerySet[Criterion]:
    return Criterion.objects.filter(campaign_id=campaign_id).order_by("position", "id")


def user_sees_all_reviews(*, user: User, campaign: Campaign | None) -> bool:
    """Admins always; leadership once the review phase has closed."""
    if user_is_admin(user):
        return True
    return campaign is not None and panel_scores_public(campaign) and user_is_leadership(user)


def review_list(*, idea: Idea) -> QuerySet[Review]:
    """Reviews of the idea, with their scores (what the caller may see of them is decided by
    the serializer: full for their own, or for admins / leadership after the review)."""
    return (
        Review.objects.filter(idea=idea)
        .select_related("reviewer__agency")
        .prefetch_related(
            Prefetch("scores", queryset=Score.objects.order_by("criterion__position", "id"))
        )
        .order_by("created_at", "id")
    )


def assignment_list(*, reviewer: User) -> QuerySet[ReviewAssignment]:
    """The reviewer's queue, soonest due first, with whether each review is in."""
    reviewed = Review.objects.filter(idea_id=OuterRef("idea_id"), reviewer_id=reviewer.pk)
    return (
        ReviewAssignment.objects.filter(reviewer=reviewer)
        .select_related("idea__category", "idea__campaign", "idea__agency", "idea__author__agency")
        .annotate(reviewed=Exists(reviewed))
        .order_by("reviewed", "due_at", "id")
    )


def panel_progress(*, campaign: Campaign) -> list[dict]:
    """Per reviewer: assigned, reviewed, overdue (for the admins' view of a panel)."""
    now = timezone.now()
    reviewed = Review.objects.filter(
        idea_id=OuterRef("idea_id"), reviewer_id=OuterRef("reviewer_id")
    )
    rows = (
        ReviewAssignment.objects.filter(idea__campaign=campaign)
        .annotate(reviewed=Exists(reviewed))
        .select_related("reviewer__agency")
        .order_by("reviewer__full_name", "reviewer_id")
    )
    progress: dict[int, dict] = {}
    for row in rows:
        item = progress.setdefault(
            row.reviewer_id,
            {"reviewer": row.reviewer, "assigned": 0, "reviewed": 0, "overdue": 0, "ideas": []},
        )
        item["assigned"] += 1
        item["reviewed"] += row.reviewed
        item["overdue"] += (not row.reviewed) and row.due_at < now
        item["ideas"].append({"idea": row.idea_id, "reviewed": row.reviewed, "due_at": row.due_at})
    return list(progress.values())


def reviewer_is_assigned_expression(user: User):
    """Annotation for idea querysets: is the reader an assigned reviewer of the idea?"""
    return Exists(ReviewAssignment.objects.filter(idea_id=OuterRef("pk"), reviewer_id=user.pk))


def panel_members(*, campaign_id: int) -> QuerySet[User]:
    """The campaign's panel, by name (no panel yet: nobody)."""
    return (
        User.objects.filter(review_panels__campaign_id=campaign_id)
        .select_related("agency")
        .order_by("full_name", "id")
    )
