"""Every write to ideas, campaigns and comments: one function, one transaction, rules first."""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable
from datetime import UTC, datetime
from functools import partial

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Region, User
from accounts.roles import user_is_admin
from core.errors import RuleConflict, RuleForbidden
from ideas import rules
from ideas.activity import activity_add, activity_rekeyed
from ideas.coauthors import co_authors_checked, co_authors_set, invitations_on_submit
from ideas.follows import follow_add, follower_ids
from ideas.models import Campaign, Category, Comment, Idea, IdeaStatusChange, Report
from ideas.payloads import comment_payload
from ideas.visibility import comment_shown_to, idea_audience
from live import publish
from notifications.services import notify

# Which statuses an admin may move an idea to, from each status. Drafts belong to their author.
ALLOWED_TRANSITIONS: dict[str, frozenset[str]] = {
    Idea.Status.DRAFT: frozenset(),
    Idea.Status.SUBMITTED: frozenset(
        {
            Idea.Status.IN_REVIEW,
            Idea.Status.SHORTLISTED,
            Idea.Status.REJECTED,
            Idea.Status.MERGED,
            Idea.Status.HIDDEN,
        }
    ),
    Idea.Status.IN_REVIEW: frozenset(
        {Idea.Status.SHORTLISTED, Idea.Status.REJECTED, Idea.Status.MERGED, Idea.Status.HIDDEN}
    ),
    Idea.Status.SHORTLISTED: frozenset(
        {Idea.Status.IN_REVIEW, Idea.Status.ACCEPTED, Idea.Status.REJECTED, Idea.Status.MERGED}
    ),
    Idea.Status.ACCEPTED: frozenset({Idea.Status.PILOTING, Idea.Status.IMPLEMENTED}),
    Idea.Status.PILOTING: frozenset({Idea.Status.IMPLEMENTED, Idea.Status.REJECTED}),
    Idea.Status.IMPLEMENTED: frozenset(),
    Idea.Status.REJECTED: frozenset({Idea.Status.IN_REVIEW, Idea.Status.HIDDEN}),
    Idea.Status.MERGED: frozenset(),
    # Moderation: an abusive idea leaves every list, count and ranking (the note says why, and
    # its authors are told); it can be shown again for review.
    Idea.Status.HIDDEN: frozenset({Idea.Status.IN_REVIEW}),
}

EDITABLE_FIELDS = ("title", "problem", "solution", "expected_impact", "category", "region")

# Trending: the Reddit-style "hot" score, log of the votes plus a time bonus, so newer ideas with
# fewer votes can pass older ones. Stored on the row so ordering by it is an index scan.
TRENDING_EPOCH = datetime(2025, 1, 1, tzinfo=UTC)
TRENDING_HALF_DAY_SECONDS = 45_000


def idea_trending_score(*, vote_count: int, created_at: datetime) -> float:
    """log10(votes) + seconds since 2025 / 45,000: ten times the votes is worth 12.5 hours."""
    age = (created_at - TRENDING_EPOCH).total_seconds()
    return round(math.log10(max(vote_count, 1)) + age / TRENDING_HALF_DAY_SECONDS, 7)


def _ensure_category_in_campaign(*, category: Category, campaign: Campaign | None) -> None:
    if campaign is None:
        return
    allowed = list(campaign.categories.all())
    if allowed and category not in allowed:
        raise RuleConflict(
            "category_not_in_campaign",
            _("This campaign does not accept ideas in this category."),
        )


def _record_status(
    *, idea: Idea, from_status: str, to_status: str, by: User, note: str = "", at=None
) -> None:
    IdeaStatusChange.objects.create(
        idea=idea,
        from_status=from_status,
        to_status=to_status,
        changed_by=by,
        note=note,
        created_at=at or timezone.now(),
    )


def _ensure_admin(user: User, what) -> None:
    if not user_is_admin(user):
        raise RuleForbidden("not_admin", what)


CAMPAIGN_DATES = (
    "submission_opens",
    "submission_closes",
    "voting_opens",
    "voting_closes",
    "review_opens",
    "review_closes",
)
_DATES_IN_ORDER = [
    ("submission_closes", "submission_opens", _("Must be after the submission opens.")),
    ("voting_closes", "voting_opens", _("Must be after voting opens.")),
    ("review_closes", "review_opens", _("Must be after the review opens.")),
]
_DATES_NOT_BEFORE = [
    ("voting_opens", "submission_opens", _("Voting cannot open before submission opens.")),
    ("review_opens", "voting_opens", _("The review cannot open before voting opens.")),
]


def campaign_dates_errors(dates: dict) -> dict[str, list]:
    """Each phase closes after it opens, and the phases open in order (missing dates pass)."""
    errors: dict[str, list] = {}
    for later, earlier, message in _DATES_IN_ORDER:
        if dates.get(later) and dates.get(earlier) and dates[later] <= dates[earlier]:
            errors[later] = [message]
    for later, earlier, message in _DATES_NOT_BEFORE:
        if dates.get(later) and dates.get(earlier) and dates[later] < dates[earlier]:
            errors.setdefault(later, []).append(message)
    return errors


def _campaign_dates_checked(dates: dict) -> None:
    errors = campaign_dates_errors(dates)
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def campaign_create(*, created_by: User, data: dict) -> Campaign:
    """Create a campaign (admins only), its phases in order."""
    _ensure_admin(created_by, _("Only innovation admins may create campaigns."))
    data = dict(data)
    categories = data.pop("categories", [])
    _campaign_dates_checked(data)
    campaign = Campaign.objects.create(**data)
    campaign.categories.set(categories)
    return campaign


@transaction.atomic
def campaign_update(*, campaign_id: int, editor: User, data: dict) -> Campaign:
    """Edit a campaign (admins only), its phases still in order."""
    _ensure_admin(editor, _("Only innovation admins may edit campaigns."))
    campaign = Campaign.objects.select_for_update().get(pk=campaign_id)
    data = dict(data)
    categories = data.pop("categories", None)
    _campaign_dates_checked(
        {field: data.get(field, getattr(campaign, field)) for field in CAMPAIGN_DATES}
    )
    for field, value in data.items():
        setattr(campaign, field, value)
    if data:
        campaign.save(update_fields=[*data, "updated_at"])
    if categories is not None:
        campaign.categories.set(categories)
    return campaign


@transaction.atomic
def idea_create(
    *,
    author: User,
    title: str,
    problem: str,
    solution: str,
    category: Category,
    expected_impact: str = "",
    campaign: Campaign | None = None,
    region: Region | None = None,
    co_authors: Iterable[User] = (),
    draft: bool = False,
    submitted_at: datetime | None = None,
) -> Idea:
    """Create an idea in the author's agency, as `submitted` (or `draft`), with its first
    audit entry. Refused while the campaign does not take submissions (`submission_closed`).
    `submitted_at` lets imports and the demo place an idea in the past; the window is checked then.
    """
    moment = submitted_at or timezone.now()
    if author.agency_id is None:
        raise RuleConflict("no_agency", _("Your account has no agency; ask an admin to set it."))
    if campaign is not None and not draft and not campaign.submission_open_at(moment):
        raise RuleConflict(
            "submission_closed", _("This campaign is not accepting submissions now.")
        )
    _ensure_category_in_campaign(category=category, campaign=campaign)
    co_authors = co_authors_checked(author=author, co_authors=co_authors)
    status = Idea.Status.DRAFT if draft else Idea.Status.SUBMITTED
    idea = Idea.objects.create(
        author=author,
        agency_id=author.agency_id,
        title=title,
        problem=problem,
        solution=solution,
        expected_impact=expected_impact,
        category=category,
        campaign=campaign,
        region=region,
        status=status,
        created_at=moment,
        trending_score=idea_trending_score(vote_count=0, created_at=moment),
    )
    co_authors_set(idea=idea, wanted=co_authors, by=author)  # invited, not yet co-authors
    follow_add(idea=idea, user=author)  # co-authors follow it when they accept (ideas.coauthors)
    _record_status(idea=idea, from_status="", to_status=status, by=author, at=moment)
    if not draft:
        publish.dashboard_dirty_after_commit(idea.campaign_id)
    return idea


@transaction.atomic
def idea_update(*, idea_id: int, editor: User, data: dict) -> Idea:
    """Change an idea's text, category, region, co-authors, or submit a draft (`draft: False`).
    Authors and co-authors may while it is a draft or submitted and its campaign's voting has
    not opened; admins always."""
    idea = Idea.objects.select_for_update(of=("self",)).select_related("campaign").get(pk=idea_id)
    refusal = rules.edit_refusal(
        status=idea.status,
        voting_opens=idea.campaign.voting_opens if idea.campaign else None,
        is_author=idea.is_author(editor),
        is_admin=user_is_admin(editor),
        now=timezone.now(),
    )
    if refusal == rules.NOT_AUTHOR:
        raise RuleForbidden("not_author", _("Only the idea's authors may edit it."))
    if refusal == rules.EDITING_CLOSED and idea.status not in rules.EDITABLE_STATUSES:
        raise RuleConflict("editing_closed", _("This idea can no longer be edited."))
    if refusal == rules.EDITING_CLOSED:
        raise RuleConflict(
            "editing_closed", _("Ideas cannot be edited once the campaign's voting opens.")
        )
    category = data.get("category", idea.category)
    _ensure_category_in_campaign(category=category, campaign=idea.campaign)
    old_category_id = idea.category_id
    changed = []
    for field in EDITABLE_FIELDS:
        if field in data and getattr(idea, field) != data[field]:
            setattr(idea, field, data[field])
            changed.append(field)
    if "co_authors" in data:  # the wanted list: new names are invited (ideas.coauthors)
        co_authors_set(idea=idea, wanted=data["co_authors"], by=editor)
    if data.get("draft") is False and idea.status == Idea.Status.DRAFT:
        if idea.campaign is not None and not idea.campaign.submission_open:
            raise RuleConflict(
                "submission_closed", _("This campaign is not accepting submissions now.")
            )
        _record_status(
            idea=idea, from_status=idea.status, to_status=Idea.Status.SUBMITTED, by=editor
        )
        idea.status = Idea.Status.SUBMITTED
        changed.append("status")
        invitations_on_submit(idea=idea)
    elif data.get("draft") is True and idea.status != Idea.Status.DRAFT:
        raise RuleConflict(
            "invalid_transition", _("A submitted idea cannot go back to being a draft.")
        )
    if changed:
        idea.save(update_fields=[*changed, "updated_at"])
    if (changed or "co_authors" in data) and idea.status != Idea.Status.DRAFT:
        publish.dashboard_dirty_after_commit(idea.campaign_id)
    if idea.category_id != old_category_id and (idea.vote_count or idea.comment_count):
        activity_rekeyed(
            idea=idea,
            old_campaign_id=idea.campaign_id,
            old_category_id=old_category_id,
            old_agency_id=idea.agency_id,
        )
    return idea


@transaction.atomic
def idea_delete(*, idea_id: int, user: User) -> None:
    """Delete a draft. Only its author may, and only while it is a draft."""
    idea = Idea.objects.select_for_update().get(pk=idea_id)
    if idea.author_id != user.pk:
        raise RuleForbidden("not_author", _("Only the idea's author may delete it."))
    if idea.status != Idea.Status.DRAFT:
        raise RuleConflict("not_draft", _("Only drafts can be deleted."))
    idea.delete()


def idea_status_options(*, idea: Idea, user: User) -> dict:
    """Where an admin may move the idea next (the one transition table, for the console)."""
    _ensure_admin(user, _("Only innovation admins may change an idea's status."))
    return {"status": idea.status, "allowed": sorted(ALLOWED_TRANSITIONS.get(idea.status, ()))}


def merge_target_problem(*, idea_id: int | None, merged_into_id: int | None) -> str | None:
    """Why an idea cannot be merged into that one, or None."""
    if merged_into_id is None or merged_into_id == idea_id:
        return _("A merged idea needs another idea to merge into.")
    if (
        not Idea.objects.filter(pk=merged_into_id)
        .exclude(status__in=Idea.PRIVATE_STATUSES)
        .exists()
    ):
        return _("The idea to merge into does not exist.")
    return None


def _status_merged(*, idea_id: int, merged_into_id, changed_by: User, note: str) -> Idea:
    """`merged` through the status endpoint is a merge (ideas.merge: votes, comments, co-authors
    and followers move), refused as this endpoint always refused it; the merge locks both ideas
    itself, in its fixed order, and checks again under the locks."""
    from ideas.merge import idea_merge  # the merge reads this module's transition table

    from_status = Idea.objects.values_list("status", flat=True).get(pk=idea_id)
    if Idea.Status.MERGED not in ALLOWED_TRANSITIONS.get(from_status, frozenset()):
        raise RuleConflict(
            "invalid_transition",
            _("An idea cannot move from “%(from)s” to “%(to)s”.")
            % {"from": from_status, "to": Idea.Status.MERGED},
        )
    problem = merge_target_problem(idea_id=idea_id, merged_into_id=merged_into_id)
    if problem:
        raise RuleConflict("invalid_transition", problem)
    return idea_merge(idea_id=idea_id, into_id=merged_into_id, by=changed_by, note=note)


@transaction.atomic
def idea_status_change(
    *, idea_id: int, to_status: str, changed_by: User, note: str = "", merged_into_id=None
) -> Idea:
    """Move an idea along an allowed transition (admins only), recorded in the audit trail and
    published to the idea's live group after commit."""
    _ensure_admin(changed_by, _("Only innovation admins may change an idea's status."))
    if to_status == Idea.Status.MERGED:
        return _status_merged(
            idea_id=idea_id, merged_into_id=merged_into_id, changed_by=changed_by, note=note
        )
    idea = Idea.objects.select_for_update().get(pk=idea_id)
    from_status = idea.status
    if to_status not in ALLOWED_TRANSITIONS.get(from_status, frozenset()):
        raise RuleConflict(
            "invalid_transition",
            _("An idea cannot move from “%(from)s” to “%(to)s”.")
            % {"from": from_status, "to": to_status},
        )
    if to_status == Idea.Status.HIDDEN and not note.strip():
        raise ValidationError({"note": [_("Say why the idea is hidden: its authors are told.")]})
    update_fields = ["status", "updated_at"]
    if to_status == Idea.Status.MERGED:
        problem = merge_target_problem(idea_id=idea.pk, merged_into_id=merged_into_id)
        if problem:
            raise RuleConflict("invalid_transition", problem)
        idea.merged_into_id = merged_into_id
        update_fields.append("merged_into")
    idea.status = to_status
    idea.live_version = F("live_version") + 1
    idea.save(update_fields=[*update_fields, "live_version"])
    idea.refresh_from_db(fields=["live_version"])
    _record_status(
        idea=idea, from_status=from_status, to_status=to_status, by=changed_by, note=note
    )
    if to_status == Idea.Status.HIDDEN:
        reports_close(idea_id=idea.pk, comment_id=None, by=changed_by, note=note)
    transaction.on_commit(
        partial(
            publish.idea_status_publish,
            idea_id=idea.pk,
            status=idea.status,
            seq=idea.live_version,
            campaign_id=idea.campaign_id,
        )
    )
    told = _authors_notify(
        idea=idea,
        actor=changed_by,
        notification={
            "kind": "status_changed",
            "idea": idea.pk,
            "status": idea.status,
            **({"note": note} if idea.status == Idea.Status.HIDDEN else {}),
        },
    )
    _followers_notify(
        idea=idea,
        actor=changed_by,
        notification={
            "kind": "followed_activity",
            "idea": idea.pk,
            "event": "status",
            "status": idea.status,
        },
        skip=told,
    )
    return idea


def idea_author_ids(idea: Idea) -> list[int]:
    """The author and the co-authors: who hears of what happens to the idea."""
    return [idea.author_id, *idea.co_authors.values_list("pk", flat=True)]


def _authors_notify(
    *, idea: Idea, actor: User, notification: dict, skip: Collection[int] = ()
) -> set[int]:
    """Tell the idea's authors what someone else did: a notification each, in this
    transaction, on their sockets after commit (notifications.services). Those in `skip`
    (told of this event already) are left out; answers who was told."""
    return _notify(
        idea=idea, actor=actor, user_ids=idea_author_ids(idea), notification=notification, skip=skip
    )


def _followers_notify(
    *, idea: Idea, actor: User, notification: dict, skip: Collection[int] = ()
) -> set[int]:
    """Tell those who follow the idea (ideas.follows) and were not told otherwise."""
    return _notify(
        idea=idea, actor=actor, user_ids=follower_ids(idea), notification=notification, skip=skip
    )


def _notify(
    *, idea: Idea, actor: User, user_ids: Iterable[int], notification: dict, skip: Collection[int]
) -> set[int]:
    # Never the one who acted, once per person and event, and only those who may see the idea.
    wanted = [pk for pk in user_ids if pk != actor.pk and pk not in skip]
    recipients = idea_audience(idea=idea, user_ids=wanted)
    if recipients:
        notify(user_ids=recipients, notification={**notification, "title": idea.title})
    return set(recipients)


@transaction.atomic
def comment_create(
    *,
    idea: Idea,
    author: User,
    body: str,
    parent: Comment | None = None,
    kind: str = Comment.Kind.STAFF,
) -> Comment:
    """Add a staff comment or (admins only) an official response, bump the idea's comment
    count, tell its authors, and publish it to the idea's live group after commit. Reviewer
    feedback is never posted here: it comes only with a review (feedback_comment_create)."""
    if kind == Comment.Kind.REVIEWER:
        raise ValidationError(
            {"kind": [_("Reviewer feedback is given with a review, not as a comment.")]}
        )
    if kind == Comment.Kind.OFFICIAL and not user_is_admin(author):
        raise RuleForbidden("not_admin", _("Only innovation admins post official responses."))
    comment = _comment_insert(idea=idea, author=author, body=body, parent=parent, kind=kind)
    _comment_notify(idea=idea, comment=comment, parent=parent, actor=author)
    return comment


def _comment_notify(*, idea: Idea, comment: Comment, parent: Comment | None, actor: User) -> None:
    """One notification per person: the replied-to comment's author hears of the reply, the
    idea's authors of a comment (`official_response` for an official one), its followers of
    the activity (`followed_activity`)."""
    official = comment.kind == Comment.Kind.OFFICIAL
    told: set[int] = set()
    if parent is not None:
        told |= _notify(
            idea=idea,
            actor=actor,
            user_ids=[parent.author_id],
            notification={
                "kind": "comment_reply",
                "idea": idea.pk,
                "comment": comment.pk,
                "parent": parent.pk,
            },
            skip=(),
        )
    told |= _authors_notify(
        idea=idea,
        actor=actor,
        notification={
            "kind": "official_response" if official else "comment",
            "idea": idea.pk,
            "comment": comment.pk,
        },
        skip=told,
    )
    _followers_notify(
        idea=idea,
        actor=actor,
        notification={
            "kind": "followed_activity",
            "idea": idea.pk,
            "event": "official" if official else "comment",
            "comment": comment.pk,
        },
        skip=told,
    )


@transaction.atomic
def feedback_comment_create(*, idea: Idea, reviewer: User, body: str) -> Comment:
    """Publish a reviewer's feedback as a comment of kind `reviewer`: for reviews.services,
    which checked the assignment and tells the authors itself."""
    return _comment_insert(
        idea=idea, author=reviewer, body=body, parent=None, kind=Comment.Kind.REVIEWER
    )


def _comment_insert(
    *, idea: Idea, author: User, body: str, parent: Comment | None, kind: str
) -> Comment:
    if idea.status == Idea.Status.DRAFT:
        raise RuleConflict("not_published", _("Drafts cannot be commented on."))
    if idea.status == Idea.Status.HIDDEN and kind != Comment.Kind.OFFICIAL:
        raise RuleConflict("not_published", _("This idea is hidden by moderation."))
    if parent is not None:
        _ensure_reply_parent(idea=idea, parent_id=parent.pk)
    comment = Comment.objects.create(idea=idea, author=author, body=body, parent=parent, kind=kind)
    Idea.objects.filter(pk=idea.pk).update(
        comment_count=F("comment_count") + 1, live_version=F("live_version") + 1
    )
    activity_add(idea=idea, moment=comment.created_at, comments=+1)
    _comment_publish_after_commit(comment=comment)
    publish.dashboard_dirty_after_commit(idea.campaign_id)
    return comment


def _ensure_reply_parent(*, idea: Idea, parent_id: int) -> None:
    """Replies go one level deep, under a published top-level comment of the same idea (a
    reply to a reply is refused, not re-attached: the client says what it answers). The
    parent's row is locked, so that it cannot be taken back while the reply goes in."""
    parent = Comment.objects.select_for_update().only("idea", "parent", "is_published")
    parent = parent.get(pk=parent_id)
    if parent.idea_id != idea.pk or not parent.is_published:
        raise ValidationError({"parent": [_("There is no such comment on this idea.")]})
    if parent.parent_id is not None:
        raise ValidationError(
            {"parent": [_("Replies go one level deep: answer the comment the reply is under.")]}
        )


def _idea_live_state(idea_id: int) -> tuple[int, int]:
    """The idea's comment count and live version, as this transaction left them."""
    return Idea.objects.filter(pk=idea_id).values_list("comment_count", "live_version").get()


def _comment_publish_after_commit(*, comment: Comment) -> None:
    """Publish the comment with the idea's absolute comment count and version (API.md §Live:
    state, not deltas), read now, inside the transaction that changed them."""
    comment_count, seq = _idea_live_state(comment.idea_id)
    transaction.on_commit(
        partial(
            publish.idea_comment_publish,
            idea_id=comment.idea_id,
            # One message for every reader: a blind reviewer's name never enters it; each
            # socket applies the rest for its own reader (ideas.consumers).
            comment=comment_shown_to(
                comment_payload(comment),
                viewer=None,
                campaign=comment.idea.campaign,
                authorship_hidden=False,
                author_ids=frozenset(),
            ),
            comment_count=comment_count,
            seq=seq,
        )
    )


@transaction.atomic
def comment_update(*, comment_id: int, body: str) -> Comment:
    """Replace a comment's text (used for a reviewer's revised feedback) and publish it again;
    clients replace the comment with the same id."""
    comment = Comment.objects.select_for_update().get(pk=comment_id)
    if comment.body != body:
        comment.body = body
        comment.edited_at = timezone.now()
        comment.save(update_fields=["body", "edited_at"])
        Idea.objects.filter(pk=comment.idea_id).update(live_version=F("live_version") + 1)
        _comment_publish_after_commit(comment=comment)
    return comment


@transaction.atomic
def comment_withdraw(*, comment_id: int) -> None:
    """Take a comment back (a reviewer who cleared their feedback): it is no longer published
    and no longer counted, and open pages are told to remove it."""
    comment = Comment.objects.select_for_update().get(pk=comment_id)
    if comment.is_published:
        _comment_unpublish(comment)


COMMENT_MODERATION_REASON_MAX = 500


@transaction.atomic
def comment_moderate(*, comment_id: int, by: User, reason: str) -> Comment:
    """An admin takes a comment down with a reason (moderation): it leaves the page and the
    count as a withdrawal does, the row and its text stay for the record, and its author is
    told why."""
    _ensure_admin(by, _("Only innovation admins may moderate comments."))
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": [_("Say why the comment is taken down.")]})
    if len(reason) > COMMENT_MODERATION_REASON_MAX:
        raise ValidationError(
            {"reason": [_("At most %d characters.") % COMMENT_MODERATION_REASON_MAX]}
        )
    comment = Comment.objects.select_for_update().select_related("idea").get(pk=comment_id)
    if not comment.is_published:
        raise RuleConflict("not_published", _("This comment is not shown any more."))
    comment.moderated_by, comment.moderated_at = by, timezone.now()
    comment.moderation_reason = reason
    comment.save(update_fields=["moderated_by", "moderated_at", "moderation_reason"])
    _comment_unpublish(comment)
    reports_close(idea_id=comment.idea_id, comment_id=comment.pk, by=by, note=reason)
    if comment.author_id != by.pk:
        notify(
            user_ids=[comment.author_id],
            notification={
                "kind": "comment_hidden",
                "idea": comment.idea_id,
                "title": comment.idea.title,
                "comment": comment.pk,
                "reason": reason,
            },
        )
    return comment


def _comment_unpublish(comment: Comment) -> None:
    comment.is_published = False
    comment.save(update_fields=["is_published"])
    Idea.objects.filter(pk=comment.idea_id).update(
        comment_count=F("comment_count") - 1, live_version=F("live_version") + 1
    )
    activity_add(idea=comment.idea, moment=comment.created_at, comments=-1)
    publish.dashboard_dirty_after_commit(comment.idea.campaign_id)
    comment_count, seq = _idea_live_state(comment.idea_id)
    transaction.on_commit(
        partial(
            publish.idea_comment_withdrawn_publish,
            idea_id=comment.idea_id,
            comment_id=comment.pk,
            comment_count=comment_count,
            seq=seq,
            withdrawn=comment.withdrawn,
        )
    )


def reports_close(*, idea_id: int, comment_id: int | None, by: User, note: str = "") -> int:
    """Close every open report on the idea (comment None) or on the comment as acted on: the
    moderation services call it when they hide what was reported. Answers how many."""
    return Report.objects.filter(
        status=Report.Status.OPEN, **Report.same_object(idea_id=idea_id, comment_id=comment_id)
    ).update(
        status=Report.Status.ACTIONED,
        resolved_by=by,
        resolved_at=timezone.now(),
        resolution_note=note,
    )
