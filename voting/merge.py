"""The votes' part of a merge (ideas.merge, which calls votes_move inside its transaction with
both ideas' rows locked: registered in voting.apps)."""

from __future__ import annotations

from datetime import datetime
from functools import partial

from django.db import transaction
from django.db.models import Count, F, Q
from django.db.models.functions import TruncDate
from django.utils import timezone

from ideas.activity import activity_add
from ideas.models import Idea
from ideas.services import idea_trending_score
from live import publish
from voting.models import Vote


def _per_day(votes) -> list[tuple[datetime, int]]:
    rows = (
        votes.annotate(day=TruncDate("created_at", tzinfo=timezone.get_current_timezone()))
        .values("day")
        .annotate(n=Count("pk"))
        .values_list("day", "n")
        .order_by()
    )
    return [(timezone.make_aware(datetime.combine(day, datetime.min.time())), n) for day, n in rows]


def _count_set(idea: Idea) -> None:
    """The stored count becomes the number of votes (the row is locked by the merge), with its
    trending score and version; the new tally is published after commit."""
    counted = Vote.objects.filter(idea_id=idea.pk).count()
    Idea.objects.filter(pk=idea.pk).update(
        vote_count=counted,
        live_version=F("live_version") + 1,
        trending_score=idea_trending_score(vote_count=counted, created_at=idea.created_at),
    )
    idea.refresh_from_db(fields=["vote_count", "live_version", "trending_score"])
    transaction.on_commit(
        partial(
            publish.idea_tally_publish,
            idea_id=idea.pk,
            vote_count=idea.vote_count,
            seq=idea.live_version,
            campaign_id=idea.campaign_id,
        )
    )


def votes_move(*, source: Idea, target: Idea) -> None:
    """The duplicate's votes become the original's, each person's once: a vote of someone who
    also voted for the original is dropped, and so is one of someone who is now an author or
    co-author of the original (nobody votes for their own idea: their vote for the original,
    if they had one, is withdrawn too, as accepting an invitation does). The per-day activity
    follows each vote's day and key; both counters are set from the votes."""
    authors = [target.author_id, *target.co_authors.values_list("pk", flat=True)]
    own = Vote.objects.filter(idea_id=target.pk, voter_id__in=authors)
    for moment, n in _per_day(own):
        activity_add(idea=target, moment=moment, votes=-n)
    own.delete()
    source_votes = Vote.objects.filter(idea_id=source.pk)
    already = Vote.objects.filter(idea_id=target.pk).values("voter_id")
    twice = source_votes.filter(Q(voter_id__in=already) | Q(voter_id__in=authors))
    for moment, n in _per_day(twice):
        activity_add(idea=source, moment=moment, votes=-n)
    twice.delete()
    for moment, n in _per_day(source_votes):
        activity_add(idea=source, moment=moment, votes=-n)
        activity_add(idea=target, moment=moment, votes=+n)
    source_votes.update(idea_id=target.pk)
    _count_set(source)
    _count_set(target)
