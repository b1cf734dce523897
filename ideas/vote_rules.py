"""Whether a person may vote on an idea now, and if not why: one answer for the vote service
(voting.services, which refuses with it) and for every reader of an idea (its `vote_refusal`,
so a page can disable the control with the reason instead of failing after a click)."""

from __future__ import annotations

from datetime import datetime

from ideas.models import Idea

DRAFT = "draft"
VOTING_CLOSED = "voting_closed"
OWN_IDEA = "own_idea"
CO_AUTHORED = "co_authored"
REFUSALS = (DRAFT, VOTING_CLOSED, OWN_IDEA, CO_AUTHORED)


def voting_closed_reason(
    *, status: str, voting_opens: datetime | None, voting_closes: datetime | None, now: datetime
) -> str | None:
    """Votes are taken for published ideas still in play, during their campaign's voting
    phase (an idea outside any campaign takes votes while it is in play)."""
    if status == Idea.Status.DRAFT:
        return DRAFT
    if status not in Idea.VOTABLE_STATUSES:
        return VOTING_CLOSED
    if voting_opens is not None and not (voting_opens <= now < voting_closes):
        return VOTING_CLOSED
    return None


def own_idea_reason(*, is_author: bool, is_co_author: bool) -> str | None:
    if is_author:
        return OWN_IDEA
    if is_co_author:
        return CO_AUTHORED
    return None


def vote_refusal(
    *,
    status: str,
    voting_opens: datetime | None,
    voting_closes: datetime | None,
    is_author: bool,
    is_co_author: bool,
    now: datetime,
) -> str | None:
    """In the order the vote service checks them: the idea's state, then who votes."""
    return voting_closed_reason(
        status=status, voting_opens=voting_opens, voting_closes=voting_closes, now=now
    ) or own_idea_reason(is_author=is_author, is_co_author=is_co_author)
