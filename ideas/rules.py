"""What a person may do with an idea now, and if not why: one answer for the services that
refuse with it and for every reader of the idea (its `vote_refusal` and `can_edit`), so a page
offers only what will work, with the reason, instead of failing after a click.

Votes: voting.services refuses with vote_refusal's reasons. Edits: ideas.services.idea_update
refuses with edit_refusal's."""

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


NOT_AUTHOR = "not_author"
EDITING_CLOSED = "editing_closed"
EDITABLE_STATUSES = frozenset({Idea.Status.DRAFT, Idea.Status.SUBMITTED})


def edit_refusal(
    *,
    status: str,
    voting_opens: datetime | None,
    is_author: bool,
    is_admin: bool,
    now: datetime,
) -> str | None:
    """Authors and co-authors edit while the idea is a draft or submitted and its campaign's
    voting has not opened; admins always (API.md §Ideas)."""
    if is_admin:
        return None
    if not is_author:
        return NOT_AUTHOR
    if status not in EDITABLE_STATUSES:
        return EDITING_CLOSED
    if voting_opens is not None and now >= voting_opens:
        return EDITING_CLOSED
    return None
