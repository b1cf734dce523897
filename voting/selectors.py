"""Reads for rubrics, reviews and rankings. Rankings read stored numbers (an index scan), never
COUNT over the votes (PERFORMANCE.md: 1.2 s per query at 5M votes)."""

from __future__ import annotations

from django.db.models import (
    Exists,
    ExpressionWrapper,
    F,
    FloatField,
    Max,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from accounts.models import User
from accounts.roles import user_is_admin, user_is_leadership
from ideas.models import Campaign, Category, Idea
from voting.models import Criterion, Review, ReviewAssignment, Score

LEADERBOARD_BY = ("votes", "panel", "combined")
LEADERBOARD_LIMIT_DEFAULT = 50
LEADERBOARD_LIMIT_MAX = 200
# Ideas out of the running are not ranked.
OFF_BOARD_STATUSES = (Idea.Status.DRAFT, Idea.Status.REJECTED, Idea.Status.MERGED)


def criterion_list(*, campaign_id: int) -> QuerySet[Criterion]:
    return Criterion.objects.filter(campaign_id=campaign_id).order_by("position", "id")


def panel_scores_public(campaign: Campaign) -> bool:
    """Once the review phase has closed, panel scores are everyone's to see."""
    return campaign.review_closes <= timezone.now()


def _brief(row: dict, *, hide_agency: bool) -> dict:
    """An idea as a ranking shows it, from a row of BOARD_FIELDS."""
    agency = {"id": row["agency_id"], "code": row["agency__code"], "name": row["agency__name"]}
    return {
        "id": row["id"],
        "title": row["title"],
        "agency": None if hide_agency else agency,
        "category": {
            "slug": row["category__slug"],
            "name": Category.localized_name(
                name_id=row["category__name_id"], name_en=row["category__name_en"]
            ),
        },
    }


def _combined_score(campaign: Campaign, max_votes: int):
    """Popular vote and panel score, each on 0..1, mixed by the campaign's weight."""
    weight = campaign.popular_vote_weight
    votes = ExpressionWrapper(F("vote_count") * 1.0 / max(max_votes, 1), output_field=FloatField())
    panel = ExpressionWrapper(
        Coalesce(F("panel_score"), Value(0.0)) / 100.0, output_field=FloatField()
    )
    return ExpressionWrapper(
        Value(weight) * votes + Value(1 - weight) * panel, output_field=FloatField()
    )


ORDER = {
    "votes": ("-vote_count", "created_at", "id"),
    "panel": (F("panel_score").desc(nulls_last=True), "-vote_count", "created_at", "id"),
    "combined": ("-combined", "-vote_count", "created_at", "id"),
}
# What a ranking shows, read as plain rows (a push a few times a second builds no models).
BOARD_FIELDS = (
    "id",
    "title",
    "agency_id",
    "vote_count",
    "panel_score",
    "created_at",
    "agency__code",
    "agency__name",
    "category__slug",
    "category__name_id",
    "category__name_en",
)
RANKED_ON = {"votes": "vote_count", "panel": "panel_score", "combined": "combined_score"}


def viewer_reviews_blind(*, user: User, campaign: Campaign) -> bool:
    """The viewer reviews ideas of this blind-review campaign, so rankings hide every agency
    from them (an agency points to its author; API.md's blind review)."""
    if not campaign.blind_review or user_is_admin(user):
        return False
    return ReviewAssignment.objects.filter(
        reviewer_id=user.pk, idea__campaign_id=campaign.pk
    ).exists()


def blind_reviewer_ids(*, campaign: Campaign) -> frozenset[int]:
    """Everyone who reviews ideas of this campaign blind (none if it is not blind): for the
    sockets, which check many viewers of one campaign at once."""
    if not campaign.blind_review:
        return frozenset()
    reviewers = ReviewAssignment.objects.filter(idea__campaign_id=campaign.pk)
    return frozenset(reviewers.values_list("reviewer_id", flat=True).distinct())


def leaderboard_get(
    *,
    campaign: Campaign,
    by: str = "votes",
    limit: int = 50,
    sees_panel: bool = False,
    hide_agency: bool = False,
) -> dict:
    """The campaign's ranking as API.md §Leaderboard shapes it, in three queries.

    `seq` is the sum of the ideas' live versions, read before the ranking, so that a ranking
    is never older than its `seq` (a client may safely ignore anything with a smaller one).
    Panel and combined scores are null for those who may not see them yet, and agencies for
    those who review the campaign blind.
    """
    in_campaign = Idea.objects.filter(campaign_id=campaign.pk)
    on_board = in_campaign.exclude(status__in=OFF_BOARD_STATUSES)
    # Over every idea of the campaign, not just those on the board: an idea leaving the board
    # (rejected, merged) bumps its version, so `seq` still grows.
    totals = in_campaign.aggregate(
        seq=Sum("live_version"),
        max_votes=Max("vote_count", filter=~Q(status__in=OFF_BOARD_STATUSES)),
    )
    rows = (
        on_board.annotate(combined=_combined_score(campaign, totals["max_votes"] or 0))
        .order_by(*ORDER[by])
        .values(*BOARD_FIELDS, "combined")[:limit]
    )
    shown = sees_panel or panel_scores_public(campaign)
    entries = []
    for position, row in enumerate(rows, start=1):
        entry = {
            "rank": position,
            "idea": _brief(row, hide_agency=hide_agency),
            "vote_count": row["vote_count"],
            "panel_score": row["panel_score"] if shown else None,
            "combined_score": round(100 * row["combined"], 2) if shown else None,
        }
        # Standard competition ranking: equal numbers share a rank (1, 2, 2, 4).
        if entries and entries[-1][RANKED_ON[by]] == entry[RANKED_ON[by]]:
            entry["rank"] = entries[-1]["rank"]
        entries.append(entry)
    return {
        "campaign": campaign.pk,
        "by": by,
        "seq": totals["seq"] or 0,
        "generated_at": timezone.localtime().isoformat(),
        "entries": entries,
    }


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
