"""Rankings read stored numbers (an index scan), never COUNT over the votes (PERFORMANCE.md:
1.2 s per query at 5M votes)."""

from __future__ import annotations

from django.conf import settings
from django.db.models import ExpressionWrapper, F, FloatField, Max, Q, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from core.memo import Memo
from ideas.coauthors import idea_is_collaboration
from ideas.models import Campaign, Category, Idea
from ideas.visibility import blind_reviewers_of, panel_scores_shown

LEADERBOARD_BY = ("votes", "panel", "combined")
LEADERBOARD_LIMIT_DEFAULT = 50
LEADERBOARD_LIMIT_MAX = 200
OFF_BOARD_STATUSES = Idea.OFF_BOARD_STATUSES


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


def combined_score(campaign: Campaign, max_votes: int):
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


_rankings = Memo(size=500)
_campaigns = Memo(size=200)


def campaign_for_rankings(*, campaign_id: int) -> tuple[Campaign, frozenset[int]] | None:
    """The campaign and who reviews it blind (ideas.visibility.blind_reviewers_of), as this
    process read them at most LEADERBOARD_CACHE_SECONDS ago (as the socket hub does for 5 s);
    None if there is no such campaign."""

    def read():
        campaign = Campaign.objects.filter(pk=campaign_id).first()
        return None if campaign is None else (campaign, blind_reviewers_of(campaign=campaign))

    seconds = settings.LEADERBOARD_CACHE_SECONDS
    found = _campaigns.get(campaign_id, seconds=seconds)
    if found is None:
        found = read()
        if found is not None:
            _campaigns.put(campaign_id, found, seconds=seconds)
    return found


def _ranking_key(
    campaign: Campaign, by: str, limit: int, shown: bool, hide_agency: bool, collaboration=False
):
    """What a ranking's body depends on: the query, and what this reader may see of it."""
    return (campaign.pk, by, limit, shown, hide_agency, collaboration)


def leaderboard_remembered(
    *,
    campaign: Campaign,
    by: str = "votes",
    limit: int = 50,
    sees_panel: bool = False,
    hide_agency: bool = False,
    collaboration: bool = False,
) -> dict:
    """leaderboard_get as this process computed it at most LEADERBOARD_CACHE_SECONDS ago (its
    `seq` says how fresh): a thousand readers a second cost one ranking, and the socket hub,
    which always computes afresh, keeps it current (leaderboard_get remembers each result)."""
    shown = panel_scores_shown(by_role=sees_panel, campaign=campaign)
    found = _rankings.get(
        _ranking_key(campaign, by, limit, shown, hide_agency, collaboration),
        seconds=settings.LEADERBOARD_CACHE_SECONDS,
    )
    if found is not None:
        return found
    return leaderboard_get(
        campaign=campaign,
        by=by,
        limit=limit,
        sees_panel=sees_panel,
        hide_agency=hide_agency,
        collaboration=collaboration,
    )


def leaderboard_get(
    *,
    campaign: Campaign,
    by: str = "votes",
    limit: int = 50,
    sees_panel: bool = False,
    hide_agency: bool = False,
    collaboration: bool = False,
) -> dict:
    """The campaign's ranking as API.md §Leaderboard shapes it, in three queries.
    `collaboration`: only the collaborations (ideas.coauthors), ranked among themselves.

    `seq` is the sum of the ideas' live versions, read before the ranking, so that a ranking
    is never older than its `seq` (a client may safely ignore anything with a smaller one).
    Panel and combined scores are null for those who may not see them yet, and agencies for
    those who review the campaign blind.
    """
    in_campaign = Idea.objects.filter(campaign_id=campaign.pk)
    on_board = in_campaign.exclude(status__in=OFF_BOARD_STATUSES)
    if collaboration:
        on_board = on_board.filter(idea_is_collaboration())
    # Over every idea of the campaign, not just those on the board: an idea leaving the board
    # (rejected, merged) bumps its version, so `seq` still grows.
    totals = in_campaign.aggregate(
        seq=Sum("live_version"),
        max_votes=Max("vote_count", filter=~Q(status__in=OFF_BOARD_STATUSES)),
    )
    rows = (
        on_board.annotate(combined=combined_score(campaign, totals["max_votes"] or 0))
        .order_by(*ORDER[by])
        .values(*BOARD_FIELDS, "combined")[:limit]
    )
    shown = panel_scores_shown(by_role=sees_panel, campaign=campaign)
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
    body = {
        "campaign": campaign.pk,
        "by": by,
        "seq": totals["seq"] or 0,
        "generated_at": timezone.localtime().isoformat(),
        "entries": entries,
    }
    _rankings.put(
        _ranking_key(campaign, by, limit, shown, hide_agency, collaboration),
        body,
        seconds=settings.LEADERBOARD_CACHE_SECONDS,
    )
    return body
