"""The per-day activity rollup (ideas.models.ActivityDay): votes and published comments per
day, campaign, category and lead agency, kept in the same transaction as the counters on the
idea, so that the dashboard's time line never counts the votes themselves.

The vote path on PostgreSQL updates the same rows inside its one statement (voting.services,
ACTIVITY_SQL below); everything else calls activity_add.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.db import connection
from django.db.models import Count, Sum
from django.db.models.functions import TruncDate
from django.utils import timezone

from ideas.models import ActivityDay, Comment, Idea

_TABLE = ActivityDay._meta.db_table
_UPSERT = f"""
INSERT INTO {_TABLE} (campaign_key, day, category_id, agency_id, votes, comments)
VALUES (%s, %s, %s, %s, %s, %s)
ON CONFLICT (campaign_key, day, category_id, agency_id) DO UPDATE SET
    votes = {_TABLE}.votes + excluded.votes,
    comments = {_TABLE}.comments + excluded.comments
"""

# For the one-statement vote (voting.services): a CTE that adds %(delta)s votes to the row of
# the changed vote's day. `changed` returns (idea_id, created_at); the idea row is read as it
# was before the statement, which is all this needs (its campaign, category and agency).
ACTIVITY_SQL = f"""
activity AS (
    INSERT INTO {_TABLE} (campaign_key, day, category_id, agency_id, votes, comments)
    SELECT coalesce(i.campaign_id, 0), (changed.created_at AT TIME ZONE %(tz)s)::date,
           i.category_id, i.agency_id, %(delta)s, 0
    FROM changed JOIN ideas_idea i ON i.id = changed.idea_id
    ON CONFLICT (campaign_key, day, category_id, agency_id) DO UPDATE SET
        votes = {_TABLE}.votes + excluded.votes
)"""


def activity_day(moment: datetime) -> date:
    """The day a moment falls on in Jakarta (settings.TIME_ZONE), as the time line counts."""
    return timezone.localdate(moment)


def activity_add(*, idea: Idea, moment: datetime, votes: int = 0, comments: int = 0) -> None:
    """Add to the idea's key on the day of `moment`; call inside the transaction that changes
    the idea's counter by the same amount."""
    with connection.cursor() as cursor:
        cursor.execute(
            _UPSERT,
            [
                idea.campaign_id or 0,
                activity_day(moment),
                idea.category_id,
                idea.agency_id,
                votes,
                comments,
            ],
        )


def activity_rekeyed(*, idea: Idea, old_campaign_id, old_category_id, old_agency_id) -> None:
    """Move an idea's votes and comments, day by day, from its old key to its new one (an
    admin changed its campaign or category). Reads only this idea's rows: its votes through
    the reverse relation `Idea.votes`, the same sanctioned exception as ideas.visibility
    (votes belong to voting/, a floor above, and are never imported here)."""
    votes = Idea._meta.get_field("votes").related_model.objects.filter(idea_id=idea.pk)
    per_day: dict[date, list[int]] = {}
    for day, n in _count_by_day(votes):
        per_day.setdefault(day, [0, 0])[0] += n
    comments = Comment.objects.filter(idea_id=idea.pk, is_published=True)
    for day, n in _count_by_day(comments):
        per_day.setdefault(day, [0, 0])[1] += n
    old = Idea(campaign_id=old_campaign_id, category_id=old_category_id, agency_id=old_agency_id)
    for day, (n_votes, n_comments) in per_day.items():
        moment = timezone.make_aware(datetime.combine(day, datetime.min.time()))
        activity_add(idea=old, moment=moment, votes=-n_votes, comments=-n_comments)
        activity_add(idea=idea, moment=moment, votes=n_votes, comments=n_comments)


def _count_by_day(queryset):
    return (
        queryset.annotate(day=TruncDate("created_at", tzinfo=timezone.get_current_timezone()))
        .values("day")
        .annotate(n=Count("pk"))
        .values_list("day", "n")
        .order_by()
    )


@dataclass(frozen=True)
class ActivityMismatch:
    key: tuple[int, int, int]  # campaign_key, category, agency
    votes: tuple[int, int]  # the rollup's sum, the ideas' counters
    comments: tuple[int, int]


def activity_mismatches() -> list[ActivityMismatch]:
    """Every key whose days do not add up to its ideas' vote and comment counters."""
    rolled = {
        (row["campaign_key"], row["category_id"], row["agency_id"]): (row["v"], row["c"])
        for row in ActivityDay.objects.values("campaign_key", "category_id", "agency_id")
        .annotate(v=Sum("votes"), c=Sum("comments"))
        .order_by()
    }
    counted = {
        (row["campaign_id"] or 0, row["category_id"], row["agency_id"]): (row["v"], row["c"])
        for row in Idea.objects.values("campaign_id", "category_id", "agency_id")
        .annotate(v=Sum("vote_count"), c=Sum("comment_count"))
        .order_by()
    }
    mismatches = []
    for key in sorted(rolled.keys() | counted.keys()):
        r_votes, r_comments = rolled.get(key, (0, 0))
        c_votes, c_comments = counted.get(key, (0, 0))
        if (r_votes, r_comments) != (c_votes, c_comments):
            mismatches.append(
                ActivityMismatch(
                    key=key, votes=(r_votes, c_votes), comments=(r_comments, c_comments)
                )
            )
    return mismatches
