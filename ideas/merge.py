"""Merging a duplicate into its original (admins): one transaction, both ideas locked, after
which the duplicate is `merged` with `merged_into` and everything that hung on it hangs on the
original, with no count doubled and none lost.

- Refused (409, a code each) for merging an idea into itself (`merge_into_itself`), an idea
  already merged (`already_merged`), into a merged idea (`merge_into_merged`), a draft or an
  idea hidden by moderation on either side (`merge_not_published`), across campaigns
  (`merge_across_campaigns`: a campaign's votes, ranking and review are its own; an idea
  outside any campaign merges only with another outside any) and from a status that cannot
  become `merged` (`invalid_transition`, ideas.services.ALLOWED_TRANSITIONS). 403
  `not_admin` for anyone but an innovation admin.
- Both rows are locked with SELECT ... FOR UPDATE in pk order (the same order for every merge,
  so two crossing merges never deadlock). Every vote takes the idea's row lock first
  (voting.services: the one-statement vote and the checked path), so no vote lands on either
  idea while the merge runs; a vote for the duplicate that waited meets `merged` after commit
  and is refused with `voting_closed` (merged is not votable); one for the original that waited
  finds the moved vote and changes nothing, or counts once.
- What moves: the duplicate's co-authors who are not already authors of the original join its
  co-authors (accepted directly: the admin's decision stands for their invitation; their
  pending invitation to the original, if any, is closed as accepted; the co-author limit is
  for authors naming co-authors and does not cut a merge); the votes (the apps above ideas
  register that step: voting.merge.votes_move, which counts anyone who voted for both once
  and drops the vote of anyone who is now an author of the original); the comments, with
  their replies; the followers (ideas.follows.follows_move). Counters, the per-day activity
  rollup, the live tallies, the leaderboard and the dashboard follow.
- The status trail records the merge on the duplicate with the admin's note and the original
  (IdeaStatusChange.merged_into). Its authors, co-authors and voters are told (`idea_merged`),
  except the admin who merged.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from functools import partial

from django.db import transaction
from django.db.models import Count, F
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from accounts.roles import user_is_admin
from core.errors import RuleConflict, RuleForbidden
from ideas.activity import activity_add
from ideas.follows import follows_move
from ideas.models import CoAuthorInvitation, Comment, Idea, IdeaStatusChange
from ideas.services import ALLOWED_TRANSITIONS
from live import publish
from notifications.services import notify

MERGE_NOTE_MAX = 5_000

# What a merge does in the apps above ideas (they register from their AppConfig.ready, as for
# co-author acceptances): each is called as f(source=, target=) inside the merge's
# transaction, both rows locked, after the co-authors moved and before the status changes.
_merge_steps: list[Callable[..., None]] = []


def on_idea_merged(step: Callable[..., None]) -> Callable[..., None]:
    """Register a step of every merge (once per step)."""
    if step not in _merge_steps:
        _merge_steps.append(step)
    return step


def merge_refusal(*, source: Idea, target: Idea) -> RuleConflict | None:
    """Why `source` cannot be merged into `target` now, or None."""
    if source.pk == target.pk:
        return RuleConflict("merge_into_itself", _("An idea cannot be merged into itself."))
    if source.status == Idea.Status.MERGED:
        return RuleConflict("already_merged", _("This idea has already been merged."))
    if target.status == Idea.Status.MERGED:
        return RuleConflict(
            "merge_into_merged",
            _("That idea was itself merged; merge into the idea it was merged into."),
        )
    if source.status in Idea.PRIVATE_STATUSES or target.status in Idea.PRIVATE_STATUSES:
        return RuleConflict(
            "merge_not_published",
            _("Drafts and ideas hidden by moderation cannot be merged."),
        )
    if source.campaign_id != target.campaign_id:
        return RuleConflict(
            "merge_across_campaigns",
            _("Only ideas of the same campaign can be merged."),
        )
    if Idea.Status.MERGED not in ALLOWED_TRANSITIONS.get(source.status, frozenset()):
        return RuleConflict(
            "invalid_transition",
            _("An idea cannot move from “%(from)s” to “%(to)s”.")
            % {"from": source.status, "to": Idea.Status.MERGED},
        )
    return None


def _both_locked(source_id: int, target_id: int) -> tuple[Idea, Idea]:
    """Both rows, locked in pk order (so that crossing merges never deadlock)."""
    rows = {
        idea.pk: idea
        for idea in Idea.objects.select_for_update(of=("self",))
        .filter(pk__in=[source_id, target_id])
        .order_by("pk")
    }
    if source_id not in rows or target_id not in rows:
        raise Idea.DoesNotExist
    return rows[source_id], rows[target_id]


def _co_authors_move(*, source: Idea, target: Idea) -> list[int]:
    """The duplicate's co-authors join the original's (accepted), unless already its authors."""
    current = {target.author_id, *target.co_authors.values_list("pk", flat=True)}
    joining = [pk for pk in source.co_authors.values_list("pk", flat=True) if pk not in current]
    if joining:
        target.co_authors.add(*joining)
        CoAuthorInvitation.objects.filter(
            idea_id=target.pk,
            invitee_id__in=joining,
            status=CoAuthorInvitation.Status.PENDING,
        ).update(status=CoAuthorInvitation.Status.ACCEPTED, answered_at=timezone.now())
    return joining


def _by_day(queryset) -> list[tuple[date, int]]:
    return list(
        queryset.annotate(day=TruncDate("created_at", tzinfo=timezone.get_current_timezone()))
        .values("day")
        .annotate(n=Count("pk"))
        .values_list("day", "n")
        .order_by()
    )


def _day_moment(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, datetime.min.time()))


def _comments_move(*, source: Idea, target: Idea) -> int:
    """The comments (replies with them) move; the published ones' count and activity too."""
    published = Comment.objects.filter(idea_id=source.pk, is_published=True)
    moved = 0
    for day, n in _by_day(published):
        activity_add(idea=source, moment=_day_moment(day), comments=-n)
        activity_add(idea=target, moment=_day_moment(day), comments=+n)
        moved += n
    Comment.objects.filter(idea_id=source.pk).update(idea_id=target.pk)
    if moved:
        Idea.objects.filter(pk=source.pk).update(comment_count=F("comment_count") - moved)
        Idea.objects.filter(pk=target.pk).update(comment_count=F("comment_count") + moved)
    return moved


def _voter_ids(idea: Idea) -> list[int]:
    # Votes belong to voting/, above ideas: read through the reverse relation (the sanctioned
    # exception of ideas.visibility), never imported. Read before the votes move.
    votes = Idea._meta.get_field("votes").related_model.objects
    return list(votes.filter(idea_id=idea.pk).values_list("voter_id", flat=True))


@transaction.atomic
def idea_merge(*, idea_id: int, into_id: int, by: User, note: str = "") -> Idea:
    """Merge the idea `idea_id` (the duplicate) into `into_id` (the original): see the module.
    Returns the duplicate, merged. Raises Idea.DoesNotExist if either does not exist."""
    if not user_is_admin(by):
        raise RuleForbidden("not_admin", _("Only innovation admins may merge ideas."))
    if idea_id == into_id:
        raise RuleConflict("merge_into_itself", _("An idea cannot be merged into itself."))
    source, target = _both_locked(idea_id, into_id)
    refusal = merge_refusal(source=source, target=target)
    if refusal is not None:
        raise refusal
    told = [
        source.author_id,
        *source.co_authors.values_list("pk", flat=True),
        *_voter_ids(source),
    ]
    _co_authors_move(source=source, target=target)
    for step in _merge_steps:
        step(source=source, target=target)
    _comments_move(source=source, target=target)
    follows_move(source=source, target=target)
    from_status = source.status
    Idea.objects.filter(pk=source.pk).update(
        status=Idea.Status.MERGED,
        merged_into_id=target.pk,
        live_version=F("live_version") + 1,
        updated_at=timezone.now(),
    )
    Idea.objects.filter(pk=target.pk).update(
        live_version=F("live_version") + 1, updated_at=timezone.now()
    )
    source.refresh_from_db()
    IdeaStatusChange.objects.create(
        idea=source,
        from_status=from_status,
        to_status=Idea.Status.MERGED,
        changed_by=by,
        note=note,
        merged_into=target,
    )
    transaction.on_commit(
        partial(
            publish.idea_status_publish,
            idea_id=source.pk,
            status=source.status,
            seq=source.live_version,
            campaign_id=source.campaign_id,
        )
    )
    recipients = [pk for pk in dict.fromkeys(told) if pk != by.pk]
    if recipients:
        notify(
            user_ids=recipients,
            notification={
                "kind": "idea_merged",
                "idea": source.pk,
                "title": source.title,
                "into": target.pk,
                "into_title": target.title,
            },
        )
    return source


def idea_lineage(*, idea: Idea) -> dict:
    """What a merge left on an idea the reader may see: the original it was merged into (an
    idea that is published: merges are refused into drafts and hidden ideas), and the ideas
    merged into it, oldest merge first, with when and why (their status trail's entry)."""
    merged_into = None
    if idea.merged_into_id is not None:
        merged_into = Idea.objects.filter(pk=idea.merged_into_id).values("id", "title").first()
    merged_from = [
        {"id": row["idea_id"], "title": row["idea__title"], "merged_at": row["created_at"]}
        for row in IdeaStatusChange.objects.filter(
            merged_into_id=idea.pk, to_status=Idea.Status.MERGED, idea__merged_into_id=idea.pk
        )
        .order_by("created_at", "id")
        .values("idea_id", "idea__title", "created_at")
    ]
    return {"merged_into": merged_into, "merged_from": merged_from}
