"""Reads for rubrics and rankings. Rankings read the stored counters (an index scan), never
COUNT over the votes (PERFORMANCE.md: 1.2 s per query at 5M votes)."""

from __future__ import annotations

from django.db.models import QuerySet, Sum
from django.utils import timezone

from ideas.models import Campaign, Idea
from voting.models import Criterion

LEADERBOARD_BY = ("votes",)
LEADERBOARD_LIMIT_DEFAULT = 50
LEADERBOARD_LIMIT_MAX = 200
# Ideas out of the running are not ranked.
OFF_BOARD_STATUSES = (Idea.Status.DRAFT, Idea.Status.REJECTED, Idea.Status.MERGED)


def criterion_list(*, campaign_id: int) -> QuerySet[Criterion]:
    return Criterion.objects.filter(campaign_id=campaign_id).order_by("position", "id")


def _brief(idea: Idea) -> dict:
    return {
        "id": idea.pk,
        "title": idea.title,
        "agency": {"id": idea.agency_id, "code": idea.agency.code, "name": idea.agency.name},
        "category": {"slug": idea.category.slug, "name": idea.category.name},
    }


def leaderboard_get(*, campaign: Campaign, by: str = "votes", limit: int = 50) -> dict:
    """The campaign's ranking as API.md §Leaderboard shapes it, in two queries.

    `seq` is the sum of the ideas' live versions, read before the ranking, so that a ranking
    is never older than its `seq` (a client may safely ignore anything with a smaller one).
    """
    on_board = Idea.objects.filter(campaign_id=campaign.pk).exclude(status__in=OFF_BOARD_STATUSES)
    seq = on_board.aggregate(seq=Sum("live_version"))["seq"] or 0
    ideas = on_board.select_related("agency", "category").order_by(
        "-vote_count", "created_at", "id"
    )[:limit]
    review_over = campaign.review_closes <= timezone.now()
    entries = []
    for position, idea in enumerate(ideas, start=1):
        # Standard competition ranking: equal counts share a rank (1, 2, 2, 4).
        tied = entries and entries[-1]["vote_count"] == idea.vote_count
        entries.append(
            {
                "rank": entries[-1]["rank"] if tied else position,
                "idea": _brief(idea),
                "vote_count": idea.vote_count,
                "panel_score": idea.panel_score if review_over else None,
                "combined_score": None,
            }
        )
    return {
        "campaign": campaign.pk,
        "by": by,
        "seq": seq,
        "generated_at": timezone.localtime().isoformat(),
        "entries": entries,
    }
