"""Who may see what of an idea: one function per question, called by every surface (REST views
and serializers, sockets, pages, rankings, reviews; later exports and notifications).

1. Blind review: is the idea's authorship (author, co-authors, agency, and the author's name on
   their own comments and on the status trail) hidden from this viewer? And is a reviewer's
   name hidden from this viewer?
2. Panel scores: may this viewer see the panel's scores of this campaign yet?

The one sanctioned exception to "nothing below knows what stands above": the blind-review rule
needs review assignments, which belong to `reviews/` (a floor above ideas). They are reached
through the reverse relation `Idea.review_assignments`, never by importing reviews, so that
the feed, the idea page and its socket (all in ideas) ask the rule here, where it is written
once.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Case, Exists, F, OuterRef, Q, QuerySet, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from accounts.roles import ADMIN, user_is_admin, user_sees_panel_scores
from ideas.models import Campaign, Comment, Idea


def _assignments():
    return Idea._meta.get_field("review_assignments").related_model.objects


# --- 1. Blind review -----------------------------------------------------------------------


def ideas_with_author_hidden(*, queryset: QuerySet[Idea], viewer: User) -> QuerySet[Idea]:
    """Annotate `author_hidden` (see author_hidden_from) on every idea, in the same query."""
    if user_is_admin(viewer):
        return queryset.annotate(author_hidden=Value(False))
    assigned = _assignments().filter(
        idea_id=OuterRef("pk"), reviewer_id=viewer.pk, idea__campaign__blind_review=True
    )
    return queryset.annotate(author_hidden=Exists(assigned))


def author_hidden_from(*, viewer: User, idea: Idea, assigned: bool | None = None) -> bool:
    """The viewer reviews this idea in a blind review, and judges the idea, not who wrote it:
    they see neither its authors nor its agency. Admins always see authors. Reads the
    annotation of ideas_with_author_hidden when present, and `assigned` when the caller knows
    (a reviewer's own queue), with no query."""
    annotated = getattr(idea, "author_hidden", None)
    if annotated is not None:
        return bool(annotated)
    if user_is_admin(viewer) or idea.campaign_id is None or not idea.campaign.blind_review:
        return False
    if assigned is None:
        assigned = _assignments().filter(idea_id=idea.pk, reviewer_id=viewer.pk).exists()
    return assigned


def blind_reviewers_of(*, campaign: Campaign) -> frozenset[int]:
    """Everyone who reviews ideas of this campaign blind (none if it is not blind): for
    surfaces that check many viewers of one campaign at once (the leaderboard sockets)."""
    if not campaign.blind_review:
        return frozenset()
    reviewers = _assignments().filter(idea__campaign_id=campaign.pk)
    return frozenset(reviewers.values_list("reviewer_id", flat=True).distinct())


def campaign_authors_hidden_from(
    *, viewer: User, campaign: Campaign, blind_reviewers: frozenset[int] | None = None
) -> bool:
    """The viewer reviews ideas of this blind-review campaign, so its rankings show them no
    agency (an agency points to its author). `blind_reviewers` (from blind_reviewers_of)
    spares the query when many viewers are checked."""
    if user_is_admin(viewer):
        return False
    if blind_reviewers is None:
        blind_reviewers = blind_reviewers_of(campaign=campaign)
    return viewer.pk in blind_reviewers


def reviewer_hidden_from(*, viewer: User | None, campaign: Campaign | None, reviewer_id) -> bool:
    """In a blind review, authors (and everyone else) see feedback without the reviewer's name;
    the reviewer and admins still see it. A message to many readers (viewer None) has none."""
    if campaign is None or not campaign.blind_review:
        return False
    if viewer is None or not viewer.is_authenticated:
        return True
    return viewer.pk != reviewer_id and not user_is_admin(viewer)


def idea_author_ids(idea: Idea) -> frozenset[int]:
    """The author and co-authors (from the prefetched co-authors when there are any)."""
    return frozenset([idea.author_id, *(user.pk for user in idea.co_authors.all())])


def invitations_shown_to(
    *,
    invitations: list[dict],
    viewer_id: int | None,
    is_admin: bool,
    author_ids: set[int] | frozenset[int],
    author_hidden: bool,
) -> list[dict]:
    """An idea's pending co-author invitations (each with its `invitee` brief) as this viewer
    may see them: every one for its authors and admins, their own for an invitee, none for
    anyone else (nor for a reviewer from whom the authorship is hidden)."""
    if is_admin:
        return invitations
    if author_hidden:
        return []
    if viewer_id in author_ids:
        return invitations
    return [inv for inv in invitations if inv["invitee"]["id"] == viewer_id]


def comment_shown_to(
    data: dict,
    *,
    viewer: User | None,
    campaign: Campaign | None,
    authorship_hidden: bool,
    author_ids: frozenset[int],
) -> dict:
    """A comment (ideas.payloads.comment_payload) as this viewer may see it: a blind
    reviewer's feedback without their name (reviewer_hidden_from), and the idea's authors'
    own comments without theirs for whom the authorship is hidden (author_hidden_from), shown
    as "Pengusul" (`author_label`)."""
    author = data.get("author")
    author_id = author["id"] if author else None
    if data["kind"] == Comment.Kind.REVIEWER:
        if reviewer_hidden_from(viewer=viewer, campaign=campaign, reviewer_id=author_id):
            return {**data, "author": None}
    elif authorship_hidden and author_id in author_ids:
        return {**data, "author": None, "author_label": str(_("Proposer"))}
    return data


# --- 1b. Who may hear of an idea ----------------------------------------------------------


def idea_audience(*, idea: Idea, user_ids: Iterable[int]) -> list[int]:
    """Those of `user_ids` who may see the idea now, so may be notified of it (once each, in
    the order given): anyone while it is published; while it is a draft or hidden by
    moderation, only its authors, co-authors and admins (as ideas.selectors.idea_visible_to).
    What a notification says never names a person, so blind review hides nothing more."""
    user_ids = list(dict.fromkeys(user_ids))
    if idea.status not in Idea.PRIVATE_STATUSES or not user_ids:
        return user_ids
    users = User.objects.filter(pk__in=user_ids)
    admins = set(
        users.filter(Q(is_superuser=True) | Q(groups__name=ADMIN)).values_list("pk", flat=True)
    )
    authors = {idea.author_id, *idea.co_authors.values_list("pk", flat=True)}
    return [pk for pk in user_ids if pk in authors or pk in admins]


# --- 2. Panel scores -----------------------------------------------------------------------


def panel_scores_public(campaign: Campaign) -> bool:
    """Once the review phase has closed, panel scores are everyone's to see."""
    return panel_scores_public_after(campaign.review_closes)


def panel_scores_public_after(review_closes) -> bool:
    """panel_scores_public for a campaign known by its review's closing time (a plain row)."""
    return review_closes <= timezone.now()


def panel_scores_visible_to(*, viewer: User, campaign: Campaign | None) -> bool:
    """Admins and leadership see panel scores at any time; everyone once the review phase of
    the idea's campaign has closed (API.md §Panel reviews)."""
    return panel_scores_shown(by_role=user_sees_panel_scores(viewer), campaign=campaign)


def panel_scores_shown(*, by_role: bool, campaign: Campaign | None) -> bool:
    """panel_scores_visible_to for a reader known only by whether their role sees panel
    scores (a leaderboard room, re-asked at every push, so scores appear when the review
    closes)."""
    review_closes = campaign.review_closes if campaign is not None else None
    return panel_scores_shown_at(by_role=by_role, review_closes=review_closes)


def panel_scores_shown_at(*, by_role: bool, review_closes) -> bool:
    """panel_scores_shown for an idea read as a row: its campaign's review closing time (None
    without a campaign)."""
    return by_role or (review_closes is not None and panel_scores_public_after(review_closes))


def visible_panel_score_expression(*, viewer: User):
    """panel_score where panel_scores_visible_to allows it, else NULL: for ordering in SQL."""
    if user_sees_panel_scores(viewer):
        return F("panel_score")
    return Case(
        When(campaign__review_closes__lte=timezone.now(), then=F("panel_score")),
        default=Value(None),
    )
