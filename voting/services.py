"""Votes: one door in, one door out, each a short transaction (DESIGN.md §The way of a vote)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from ideas.errors import RuleConflict, RuleForbidden
from ideas.models import Idea
from ideas.services import idea_trending_score
from live import publish
from voting.models import Vote

VOTABLE_STATUSES = frozenset(
    {Idea.Status.SUBMITTED, Idea.Status.IN_REVIEW, Idea.Status.SHORTLISTED}
)


@dataclass(frozen=True)
class VoteResult:
    vote_count: int
    has_voted: bool


def ensure_voting_open(idea: Idea) -> None:
    """Votes are taken for published ideas still in play, during their campaign's voting phase
    (an idea outside any campaign takes votes while it is in play)."""
    if idea.status not in VOTABLE_STATUSES:
        raise RuleConflict("voting_closed", _("This idea is not open for votes."))
    if idea.campaign is not None and not idea.campaign.voting_open_at(timezone.now()):
        raise RuleConflict("voting_closed", _("Voting for this campaign is not open."))


def ensure_not_author(idea: Idea, voter: User) -> None:
    if idea.is_author(voter):
        raise RuleForbidden("own_idea", _("You cannot vote for your own idea."))


def _count_changed(idea: Idea, delta: int) -> None:
    """Apply the change through F(), then refresh count, version and trending score."""
    Idea.objects.filter(pk=idea.pk).update(
        vote_count=F("vote_count") + delta, live_version=F("live_version") + 1
    )
    idea.refresh_from_db(fields=["vote_count", "live_version"])
    score = idea_trending_score(vote_count=idea.vote_count, created_at=idea.created_at)
    Idea.objects.filter(pk=idea.pk).update(trending_score=score)
    transaction.on_commit(
        partial(
            publish.idea_tally_publish,
            idea_id=idea.pk,
            vote_count=idea.vote_count,
            seq=idea.live_version,
            campaign_id=idea.campaign_id,
        )
    )


@transaction.atomic
def vote_cast(*, idea_id: int, voter: User) -> VoteResult:
    """Record the voter's vote (idempotent); return the idea's new count. Locks the idea row."""
    idea = Idea.objects.select_for_update(of=("self",)).select_related("campaign").get(pk=idea_id)
    ensure_voting_open(idea)
    ensure_not_author(idea, voter)
    _, created = Vote.objects.get_or_create(idea=idea, voter=voter)
    if created:
        _count_changed(idea, +1)
    return VoteResult(vote_count=idea.vote_count, has_voted=True)


@transaction.atomic
def vote_withdraw(*, idea_id: int, voter: User) -> VoteResult:
    """Withdraw the voter's vote (idempotent) while voting is open. Locks the idea row."""
    idea = Idea.objects.select_for_update(of=("self",)).select_related("campaign").get(pk=idea_id)
    ensure_voting_open(idea)
    deleted, _ = Vote.objects.filter(idea=idea, voter=voter).delete()
    if deleted:
        _count_changed(idea, -1)
    return VoteResult(vote_count=idea.vote_count, has_voted=False)
