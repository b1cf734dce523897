"""Votes: one door in, one door out, each a short transaction (DESIGN.md §The way of a vote)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from django.db import connection, transaction
from django.db.models import Count, Exists, F, OuterRef
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
    if idea.author_id == voter.pk or idea.voter_is_co_author:
        raise RuleForbidden("own_idea", _("You cannot vote for your own idea."))


def _idea_locked(*, idea_id: int, voter: User) -> Idea:
    """The idea's row, locked until commit, with just what the rules need, in one query.
    Drafts are nobody's to vote on and, to others, do not exist."""
    co_authored = Idea.co_authors.through.objects.filter(idea_id=OuterRef("pk"), user_id=voter.pk)
    idea = (
        Idea.objects.select_for_update(of=("self",))
        .select_related("campaign")
        .only(*LOCKED_FIELDS)
        .annotate(voter_is_co_author=Exists(co_authored))
        .get(pk=idea_id)
    )
    if idea.status == Idea.Status.DRAFT and idea.author_id != voter.pk:
        raise Idea.DoesNotExist
    return idea


LOCKED_FIELDS = (
    "status",
    "author_id",
    "vote_count",
    "live_version",
    "created_at",
    "campaign__voting_opens",
    "campaign__voting_closes",
)


def _vote_insert(*, idea_id: int, voter_id: int) -> bool:
    """Insert the vote unless it exists; True if it was new. One statement: the unique
    constraint decides (ON CONFLICT DO NOTHING), so there is no read-then-write race and no
    savepoint, and a duplicate never aborts the transaction."""
    table = Vote._meta.db_table
    created_at = connection.ops.adapt_datetimefield_value(timezone.now())
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (idea_id, voter_id, created_at) VALUES (%s, %s, %s) "
            "ON CONFLICT DO NOTHING RETURNING id",
            [idea_id, voter_id, created_at],
        )
        return cursor.fetchone() is not None


def _count_changed(idea: Idea, delta: int) -> None:
    """Change the stored count through F() and publish the new state after commit. The row is
    locked, so the count read with it plus `delta` is the count this UPDATE writes."""
    idea.vote_count += delta
    idea.live_version += 1
    Idea.objects.filter(pk=idea.pk).update(
        vote_count=F("vote_count") + delta,
        live_version=F("live_version") + 1,
        trending_score=idea_trending_score(vote_count=idea.vote_count, created_at=idea.created_at),
    )
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
    """Record the voter's vote (idempotent); return the idea's new count. Locks the idea row.
    Raises Idea.DoesNotExist for an idea the voter may not see."""
    idea = _idea_locked(idea_id=idea_id, voter=voter)
    ensure_voting_open(idea)
    ensure_not_author(idea, voter)
    if _vote_insert(idea_id=idea.pk, voter_id=voter.pk):
        _count_changed(idea, +1)
    return VoteResult(vote_count=idea.vote_count, has_voted=True)


@transaction.atomic
def vote_withdraw(*, idea_id: int, voter: User) -> VoteResult:
    """Withdraw the voter's vote (idempotent) while voting is open. Locks the idea row."""
    idea = _idea_locked(idea_id=idea_id, voter=voter)
    ensure_voting_open(idea)
    deleted, _ = Vote.objects.filter(idea_id=idea.pk, voter_id=voter.pk).delete()
    if deleted:
        _count_changed(idea, -deleted)
    return VoteResult(vote_count=idea.vote_count, has_voted=False)


@dataclass(frozen=True)
class CountMismatch:
    idea_id: int
    stored: int
    counted: int


def vote_count_mismatches() -> list[CountMismatch]:
    """Every idea whose stored vote_count differs from its votes (one grouped query)."""
    counted = Count("votes", distinct=True)
    rows = (
        Idea.objects.annotate(counted=counted)
        .exclude(vote_count=F("counted"))
        .values_list("pk", "vote_count", "counted")
        .order_by("pk")
    )
    return [CountMismatch(idea_id=pk, stored=stored, counted=c) for pk, stored, c in rows]


@transaction.atomic
def vote_count_repair(*, idea_id: int) -> CountMismatch:
    """Set the stored count to the number of votes, under the idea's row lock (so no vote can
    land between the count and the write), and publish the corrected tally after commit."""
    idea = Idea.objects.select_for_update(of=("self",)).get(pk=idea_id)
    counted = Vote.objects.filter(idea_id=idea.pk).count()
    mismatch = CountMismatch(idea_id=idea.pk, stored=idea.vote_count, counted=counted)
    if counted != idea.vote_count:
        _count_changed(idea, counted - idea.vote_count)
    return mismatch
