"""Votes: one door in, one door out, each a short transaction (DESIGN.md §The way of a vote)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import partial

from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.db.models import Count, Exists, F, OuterRef
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from core.db import server_binding_cursor
from core.errors import RuleConflict, RuleForbidden
from ideas import rules
from ideas.activity import ACTIVITY_SQL, activity_add
from ideas.models import Idea
from ideas.services import (
    TRENDING_EPOCH,
    TRENDING_HALF_DAY_SECONDS,
    idea_author_ids,
    idea_trending_score,
)
from ideas.visibility import idea_audience
from live import publish
from notifications.services import notify
from voting.models import Vote

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class VoteResult:
    vote_count: int
    has_voted: bool


def ensure_voting_open(idea: Idea) -> None:
    """ideas.rules: the idea's state and its campaign's voting phase."""
    campaign = idea.campaign
    reason = rules.voting_closed_reason(
        status=idea.status,
        voting_opens=campaign.voting_opens if campaign else None,
        voting_closes=campaign.voting_closes if campaign else None,
        now=timezone.now(),
    )
    if reason is None:
        return
    if idea.status in Idea.VOTABLE_STATUSES:
        raise RuleConflict("voting_closed", _("Voting for this campaign is not open."))
    raise RuleConflict("voting_closed", _("This idea is not open for votes."))


def ensure_not_author(idea: Idea, voter: User) -> None:
    if rules.own_idea_reason(
        is_author=idea.author_id == voter.pk, is_co_author=bool(idea.voter_is_co_author)
    ):
        raise RuleForbidden("own_idea", _("You cannot vote for your own idea."))


def _idea_locked(*, idea_id: int, voter: User) -> Idea:
    """The idea's row, locked until commit, with just what the rules need, in one query.
    Drafts and hidden ideas are nobody's to vote on and, to others, do not exist."""
    co_authored = Idea.co_authors.through.objects.filter(idea_id=OuterRef("pk"), user_id=voter.pk)
    idea = (
        Idea.objects.select_for_update(of=("self",))
        .select_related("campaign")
        .only(*LOCKED_FIELDS)
        .annotate(voter_is_co_author=Exists(co_authored))
        .get(pk=idea_id)
    )
    if idea.status in Idea.PRIVATE_STATUSES and idea.author_id != voter.pk:
        raise Idea.DoesNotExist
    return idea


LOCKED_FIELDS = (
    "status",
    "category_id",
    "agency_id",
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


def _count_changed(idea: Idea, delta: int, *, cast_at=None) -> None:
    """Change the stored count through F() (and the day's activity: the day the vote was
    cast, now unless `cast_at` says) and publish the new state after commit. The row is
    locked, so the count read with it plus `delta` is the count this UPDATE writes."""
    activity_add(idea=idea, moment=cast_at or timezone.now(), votes=delta)
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


def vote_cast(*, idea_id: int, voter: User) -> VoteResult:
    """Record the voter's vote (idempotent); return the idea's new count.
    Raises Idea.DoesNotExist for an idea the voter may not see."""
    if connection.vendor == "postgresql":
        changed = _vote_change_in_one_statement(CAST_SQL, idea_id=idea_id, voter=voter, delta=+1)
        if changed is not None:
            return changed
    return _vote_cast_checked(idea_id=idea_id, voter=voter)


def vote_withdraw(*, idea_id: int, voter: User) -> VoteResult:
    """Withdraw the voter's vote (idempotent) while voting is open."""
    if connection.vendor == "postgresql":
        changed = _vote_change_in_one_statement(
            WITHDRAW_SQL, idea_id=idea_id, voter=voter, delta=-1
        )
        if changed is not None:
            return changed
    return _vote_withdraw_checked(idea_id=idea_id, voter=voter)


@transaction.atomic
def _vote_cast_checked(*, idea_id: int, voter: User) -> VoteResult:
    """The general way: the locked row, each rule checked in turn (so a refusal names its
    rule), then the insert. Also the answer to a repeated vote, which changes nothing."""
    idea = _idea_locked(idea_id=idea_id, voter=voter)
    ensure_voting_open(idea)
    ensure_not_author(idea, voter)
    if _vote_insert(idea_id=idea.pk, voter_id=voter.pk):
        _count_changed(idea, +1)
        vote_milestone_notify(idea_id=idea.pk, vote_count=idea.vote_count)
    return VoteResult(vote_count=idea.vote_count, has_voted=True)


@transaction.atomic
def _vote_withdraw_checked(*, idea_id: int, voter: User) -> VoteResult:
    idea = _idea_locked(idea_id=idea_id, voter=voter)
    ensure_voting_open(idea)
    vote = Vote.objects.filter(idea_id=idea.pk, voter_id=voter.pk).first()
    if vote is not None:
        vote.delete()
        _count_changed(idea, -1, cast_at=vote.created_at)
    return VoteResult(vote_count=idea.vote_count, has_voted=False)


# The hot path on PostgreSQL: a vote that changes something is ONE statement in autocommit
# (PERFORMANCE.md: one-statement votes reach about 1.5x the throughput of ORM transactions).
# It locks the idea's row only if every rule of ensure_voting_open and ensure_not_author holds
# (VOTABLE = the rules' statuses), inserts or deletes the vote (the unique constraint decides,
# as in _vote_insert), changes the count, version and trending score of that same row, and adds
# the vote to its day's activity row (ideas.activity.ACTIVITY_SQL, for the dashboard).
# It changes nothing and returns no row if a rule fails or the vote was already so; the checked
# path then gives the answer, or the refusal naming its rule. So these WHERE clauses may be
# stricter than the rules, never looser; trending_score mirrors ideas.services
# .idea_trending_score (tests/voting/test_vote_one_statement.py holds both to the same results).
_RULES = """
    SELECT i.id FROM ideas_idea i LEFT JOIN ideas_campaign c ON c.id = i.campaign_id
    WHERE i.id = %(idea)s
      AND i.status = ANY(%(votable)s)
      AND (i.campaign_id IS NULL OR (c.voting_opens <= %(now)s AND %(now)s < c.voting_closes))
"""
_NOT_OWN = """
      AND i.author_id <> %(voter)s
      AND NOT EXISTS (
          SELECT 1 FROM ideas_idea_co_authors a WHERE a.idea_id = i.id AND a.user_id = %(voter)s
      )
"""
_COUNT_CHANGED = """
UPDATE ideas_idea SET
    vote_count = ideas_idea.vote_count + %(delta)s,
    live_version = ideas_idea.live_version + 1,
    trending_score = round((
        log(greatest(ideas_idea.vote_count + %(delta)s, 1)::float8)
        + extract(epoch FROM ideas_idea.created_at - %(epoch)s)::float8 / %(half_day)s
    )::numeric, 7)::float8
FROM changed WHERE ideas_idea.id = changed.idea_id
RETURNING ideas_idea.vote_count, ideas_idea.live_version, ideas_idea.campaign_id
"""
CAST_SQL = f"""
WITH target AS ({_RULES}{_NOT_OWN}    FOR UPDATE OF i),
changed AS (
    INSERT INTO voting_vote (idea_id, voter_id, created_at)
    SELECT id, %(voter)s, %(now)s FROM target
    ON CONFLICT DO NOTHING
    RETURNING idea_id, created_at
),
{ACTIVITY_SQL}
{_COUNT_CHANGED}"""
WITHDRAW_SQL = f"""
WITH target AS ({_RULES}    FOR UPDATE OF i),
changed AS (
    DELETE FROM voting_vote v USING target
    WHERE v.idea_id = target.id AND v.voter_id = %(voter)s
    RETURNING v.idea_id, v.created_at
),
{ACTIVITY_SQL}
{_COUNT_CHANGED}"""


def _vote_change_in_one_statement(
    sql: str, *, idea_id: int, voter: User, delta: int
) -> VoteResult | None:
    params = {
        "idea": idea_id,
        "voter": voter.pk,
        "now": timezone.now(),
        "votable": sorted(str(status) for status in Idea.VOTABLE_STATUSES),
        "delta": delta,
        "epoch": TRENDING_EPOCH,
        "half_day": TRENDING_HALF_DAY_SECONDS,
        "tz": settings.TIME_ZONE,
    }
    with server_binding_cursor() as cursor:  # prepared once per connection (core.db)
        cursor.execute(sql, params)
        row = cursor.fetchone()
    if row is None:
        return None
    vote_count, live_version, campaign_id = row
    transaction.on_commit(
        partial(
            publish.idea_tally_publish,
            idea_id=idea_id,
            vote_count=vote_count,
            seq=live_version,
            campaign_id=campaign_id,
        )
    )
    if delta > 0 and is_vote_milestone(vote_count):
        # The vote is stored by now (its statement committed): a milestone that cannot be
        # written is logged, never the vote's failure.
        try:
            with transaction.atomic():
                vote_milestone_notify(idea_id=idea_id, vote_count=vote_count)
        except DatabaseError:
            logger.exception("vote milestone of idea %s at %s not written", idea_id, vote_count)
    return VoteResult(vote_count=vote_count, has_voted=delta > 0)


def is_vote_milestone(vote_count: int) -> bool:
    """10, 50, 100, 500, 1000, 5000, ...: a 1 or a 5 followed by zeros, from 10 on."""
    digits = str(vote_count)
    return vote_count >= 10 and digits[0] in "15" and set(digits[1:]) == {"0"}


def vote_milestone_notify(*, idea_id: int, vote_count: int) -> None:
    """A vote just brought the idea to `vote_count`: at a milestone, its authors are told, once
    per milestone and idea however often votes are withdrawn and cast again (`once_key`)."""
    if not is_vote_milestone(vote_count):
        return
    idea = Idea.objects.only("pk", "title", "status", "author_id").get(pk=idea_id)
    recipients = idea_audience(idea=idea, user_ids=idea_author_ids(idea))
    notify(
        user_ids=recipients,
        notification={
            "kind": "vote_milestone",
            "idea": idea.pk,
            "title": idea.title,
            "votes": vote_count,
        },
        once_key=f"vote_milestone:{idea.pk}:{vote_count}",
    )


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


def vote_drop_for_co_author(*, idea_id: int, user: User) -> None:
    """Withdraw the vote of someone who has just become the idea's co-author (ideas.coauthors
    registers this for acceptances; the caller's transaction holds the idea's row), whatever
    the voting phase: they may no longer vote for it, so their vote no longer counts."""
    idea = Idea.objects.select_for_update(of=("self",)).only(*LOCKED_FIELDS).get(pk=idea_id)
    vote = Vote.objects.filter(idea_id=idea.pk, voter_id=user.pk).first()
    if vote is not None:
        vote.delete()
        _count_changed(idea, -1, cast_at=vote.created_at)
