"""Panel reviews: rubrics, conflicts of interest, assignment, scoring and aggregation.

Fair by construction: a reviewer never scores an idea they wrote or co-wrote, nor one from their
own agency; every entry point (API, admin, bulk) goes through `ensure_no_conflict`, and every
refused attempt is recorded in ConflictOfInterestAttempt. The record is written before the
refusal and outside the refused action's transaction, so it stays even though the action
changes nothing (callers must not wrap these services in a transaction of their own that they
roll back; the API and the admin do not).
"""

from __future__ import annotations

import math
import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import partial

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from accounts.roles import user_is_admin
from core.errors import RuleConflict, RuleForbidden
from ideas import services as idea_services
from ideas.models import Campaign, Idea
from ideas.visibility import idea_audience
from live import publish
from notifications.services import notify
from reviews.models import (
    ConflictOfInterestAttempt,
    Criterion,
    Panel,
    PanelResult,
    Review,
    ReviewAssignment,
    Score,
)
from reviews.rubrics import RUBRICS

Reason = ConflictOfInterestAttempt.Reason
EntryPoint = ConflictOfInterestAttempt.EntryPoint
DEFAULT_REVIEW_DAYS = 7


# --- Rubrics and panels ---------------------------------------------------------------------


@transaction.atomic
def rubric_apply(*, campaign: Campaign, template_key: str, by: User) -> list[Criterion]:
    """Give the campaign one of the shipped rubrics, replacing its criteria while no review
    uses them."""
    if not user_is_admin(by):
        raise RuleForbidden("not_admin", _("Only innovation admins may set a rubric."))
    template = RUBRICS.get(template_key)
    if template is None:
        raise ValidationError({"template": [_("Unknown rubric template.")]})
    _ensure_rubric_not_in_use(campaign_id=campaign.pk)
    Criterion.objects.filter(campaign=campaign).delete()
    return Criterion.objects.bulk_create(
        Criterion(
            campaign=campaign,
            name=item.name,
            description=item.description,
            weight=item.weight,
            min_value=item.min_value,
            max_value=item.max_value,
            position=position,
        )
        for position, item in enumerate(template.criteria)
    )


def _ensure_rubric_not_in_use(*, campaign_id: int) -> None:
    if Score.objects.filter(criterion__campaign_id=campaign_id).exists():
        raise RuleConflict("rubric_in_use", _("Reviews already use this campaign's rubric."))


def rubric_editable_problem(*, campaign_id: int | None) -> str | None:
    """Why the campaign's criteria cannot change now, or None (asked by the admin's form)."""
    in_use = Score.objects.filter(criterion__campaign_id=campaign_id)
    if campaign_id is not None and in_use.exists():
        return str(_("Reviews already use this campaign's rubric."))
    return None


@transaction.atomic
def criterion_save(*, criterion: Criterion, by: User) -> Criterion:
    """Add or edit one criterion of a campaign's rubric while no review uses the rubric
    (the old campaign's too, if the criterion moves)."""
    if not user_is_admin(by):
        raise RuleForbidden("not_admin", _("Only innovation admins may set a rubric."))
    Campaign.objects.select_for_update().get(pk=criterion.campaign_id)
    _ensure_rubric_not_in_use(campaign_id=criterion.campaign_id)
    if criterion.pk is not None:
        before = Criterion.objects.get(pk=criterion.pk)
        _ensure_rubric_not_in_use(campaign_id=before.campaign_id)
    criterion.save()
    return criterion


@transaction.atomic
def criterion_delete(*, criterion_id: int, by: User) -> None:
    if not user_is_admin(by):
        raise RuleForbidden("not_admin", _("Only innovation admins may set a rubric."))
    criterion = Criterion.objects.get(pk=criterion_id)
    Campaign.objects.select_for_update().get(pk=criterion.campaign_id)
    _ensure_rubric_not_in_use(campaign_id=criterion.campaign_id)
    criterion.delete()


@transaction.atomic
def panel_members_set(*, campaign: Campaign, members: list[User], by: User) -> Panel:
    """Set the campaign's panel (admins only)."""
    if not user_is_admin(by):
        raise RuleForbidden("not_admin", _("Only innovation admins may set a panel."))
    panel, _created = Panel.objects.get_or_create(campaign=campaign)
    panel.members.set(members)
    publish.dashboard_dirty_after_commit(campaign.pk)
    return panel


# --- Conflicts of interest ------------------------------------------------------------------


def conflict_of_interest(*, idea: Idea, reviewer: User) -> str | None:
    """Why the reviewer may not judge the idea, or None."""
    if idea.author_id == reviewer.pk:
        return Reason.AUTHOR
    if idea.co_authors.filter(pk=reviewer.pk).exists():
        return Reason.CO_AUTHOR
    if reviewer.agency_id is not None and reviewer.agency_id == idea.agency_id:
        return Reason.SAME_AGENCY
    return None


def ensure_no_conflict(
    *, idea: Idea, reviewer: User, action: str, entry_point: str, attempted_by: User | None
) -> None:
    """Refuse with 403 conflict_of_interest, after recording the attempt."""
    reason = conflict_of_interest(idea=idea, reviewer=reviewer)
    if reason is None:
        return
    ConflictOfInterestAttempt.objects.create(
        reviewer=reviewer,
        idea=idea,
        action=action,
        reason=reason,
        entry_point=entry_point,
        attempted_by=attempted_by,
    )
    raise RuleForbidden(
        "conflict_of_interest",
        _("A reviewer may not judge an idea they wrote or co-wrote, or one from their agency."),
    )


# --- Assignment -------------------------------------------------------------------------------


@dataclass
class AssignmentReport:
    created: int = 0
    removed: int = 0  # assignments that had become conflicted, taken back before replanning
    loads: dict[int, int] = field(default_factory=dict)
    short: dict[int, int] = field(default_factory=dict)  # idea -> reviewers still missing


def _eligibility(ideas: list[Idea], reviewers: list[User]) -> dict[int, set[int]]:
    co_authors = defaultdict(set)
    for idea_id, user_id in Idea.co_authors.through.objects.filter(
        idea_id__in=[i.pk for i in ideas]
    ).values_list("idea_id", "user_id"):
        co_authors[idea_id].add(user_id)
    return {
        idea.pk: {
            r.pk
            for r in reviewers
            if r.pk != idea.author_id
            and r.pk not in co_authors[idea.pk]
            and (r.agency_id is None or r.agency_id != idea.agency_id)
        }
        for idea in ideas
    }


def plan_assignments(
    *,
    eligible: dict[int, set[int]],
    reviewers: list[int],
    per_idea: int,
    existing: set[tuple[int, int]],
) -> set[tuple[int, int]]:
    """Choose (idea, reviewer) pairs so each idea has `per_idea` eligible reviewers and loads
    differ by at most one wherever swaps can make them so. Pure: no database.

    Greedy, most constrained idea first, least loaded reviewer first; then move assignments from
    the most to the least loaded reviewer while some idea allows it.
    """
    pairs = set(existing)
    load = {r: 0 for r in reviewers}
    for _idea, reviewer in pairs:
        if reviewer in load:
            load[reviewer] += 1
    assigned = defaultdict(set)
    for idea, reviewer in pairs:
        assigned[idea].add(reviewer)
    for idea in sorted(eligible, key=lambda i: (len(eligible[i]), i)):
        candidates = sorted(eligible[idea] - assigned[idea], key=lambda r: (load[r], r))
        for reviewer in candidates[: max(0, per_idea - len(assigned[idea]))]:
            pairs.add((idea, reviewer))
            assigned[idea].add(reviewer)
            load[reviewer] += 1
    movable = pairs - set(existing)
    while load:
        heavy = max(load, key=lambda r: (load[r], r))
        light = min(load, key=lambda r: (load[r], r))
        if load[heavy] - load[light] <= 1:
            break
        move = next(
            (
                (idea, reviewer)
                for idea, reviewer in sorted(movable)
                if reviewer == heavy and light in eligible[idea] and light not in assigned[idea]
            ),
            None,
        )
        if move is None:
            break
        idea = move[0]
        pairs.discard(move)
        movable.discard(move)
        pairs.add((idea, light))
        movable.add((idea, light))
        assigned[idea].discard(heavy)
        assigned[idea].add(light)
        load[heavy] -= 1
        load[light] += 1
    return pairs


@transaction.atomic
def review_assign(
    *,
    campaign: Campaign,
    per_idea: int,
    by: User | None = None,
    due_at: datetime | None = None,
) -> AssignmentReport:
    """Give every eligible idea of the campaign `per_idea` panel reviewers, never a conflicted
    one, keeping loads balanced. Keeps the assignments already made; adds what is missing."""
    if by is not None and not user_is_admin(by):
        raise RuleForbidden("not_admin", _("Only innovation admins may assign reviews."))
    if per_idea < 1:
        raise ValidationError({"per_idea": [_("At least one reviewer per idea.")]})
    if campaign.review_closes <= timezone.now():
        raise RuleConflict("review_closed", _("The review phase of this campaign is over."))
    panel = Panel.objects.filter(campaign=campaign).first()
    reviewers = list(panel.members.filter(is_active=True)) if panel else []
    ideas = list(Idea.objects.filter(campaign=campaign, status__in=Idea.REVIEWABLE_STATUSES))
    eligible = _eligibility(ideas, reviewers)
    existing = set(
        ReviewAssignment.objects.filter(idea__in=ideas).values_list("idea_id", "reviewer_id")
    )
    removed = _assignments_no_longer_allowed(ideas=ideas, existing=existing)
    existing -= removed
    plan = plan_assignments(
        eligible=eligible,
        reviewers=[r.pk for r in reviewers],
        per_idea=per_idea,
        existing=existing,
    )
    due = due_at or _default_due(campaign)
    new = [
        ReviewAssignment(idea_id=idea, reviewer_id=reviewer, due_at=due, assigned_by=by)
        for idea, reviewer in sorted(plan - existing)
    ]
    ReviewAssignment.objects.bulk_create(new)
    _assigned_notify(ideas=ideas, pairs=[(a.idea_id, a.reviewer_id) for a in new], by=by)
    if new or removed:
        publish.dashboard_dirty_after_commit(campaign.pk)
    report = AssignmentReport(created=len(new), removed=len(removed))
    for _idea, reviewer in plan:
        report.loads[reviewer] = report.loads.get(reviewer, 0) + 1
    counts = defaultdict(int)
    for idea, _reviewer in plan:
        counts[idea] += 1
    report.short = {i.pk: per_idea - counts[i.pk] for i in ideas if counts[i.pk] < per_idea}
    return report


def _assigned_notify(*, ideas: list[Idea], pairs: list[tuple[int, int]], by: User | None) -> None:
    """Tell each reviewer of the ideas newly given them (`review_assigned`; never the admin
    who assigned themselves), one notification per idea and reviewer."""
    by_id = {idea.pk: idea for idea in ideas}
    reviewers: dict[int, list[int]] = defaultdict(list)
    for idea_id, reviewer_id in pairs:
        if by is None or reviewer_id != by.pk:
            reviewers[idea_id].append(reviewer_id)
    for idea_id, user_ids in reviewers.items():
        idea = by_id[idea_id]
        notify(
            user_ids=idea_audience(idea=idea, user_ids=user_ids),
            notification={
                "kind": "review_assigned",
                "idea": idea.pk,
                "title": idea.title,
                "campaign": idea.campaign_id,
            },
        )


def _assignments_no_longer_allowed(
    *, ideas: list[Idea], existing: set[tuple[int, int]]
) -> set[tuple[int, int]]:
    """Assignments that became conflicted since they were made (the reviewer joined the idea
    as a co-author, or moved agency): taken back unless the review is already in."""
    by_id = {idea.pk: idea for idea in ideas}
    reviewers = User.objects.in_bulk({reviewer for _idea, reviewer in existing})
    conflicted = {
        (idea, reviewer)
        for idea, reviewer in existing
        if conflict_of_interest(idea=by_id[idea], reviewer=reviewers[reviewer]) is not None
    }
    reviewed = set(
        Review.objects.filter(idea_id__in=[i for i, _r in conflicted]).values_list(
            "idea_id", "reviewer_id"
        )
    )
    removable = conflicted - reviewed
    for idea, reviewer in removable:
        ReviewAssignment.objects.filter(idea_id=idea, reviewer_id=reviewer).delete()
    return removable


def _default_due(campaign: Campaign) -> datetime:
    """A week after reviewing can start, and never after the review closes."""
    start = max(campaign.review_opens, timezone.now())
    return min(campaign.review_closes, start + timedelta(days=DEFAULT_REVIEW_DAYS))


def review_assignment_create(
    *,
    idea: Idea,
    reviewer: User,
    by: User,
    due_at: datetime | None = None,
    entry_point: str = EntryPoint.SERVICE,
) -> ReviewAssignment:
    """Assign one reviewer to one idea by hand (admins): refused, and recorded, when conflicted."""
    if not user_is_admin(by):
        raise RuleForbidden("not_admin", _("Only innovation admins may assign reviews."))
    ensure_no_conflict(
        idea=idea, reviewer=reviewer, action="assign", entry_point=entry_point, attempted_by=by
    )
    with transaction.atomic():
        panel, _created = Panel.objects.get_or_create(campaign_id=idea.campaign_id)
        panel.members.add(reviewer)
        assignment, created = ReviewAssignment.objects.get_or_create(
            idea=idea,
            reviewer=reviewer,
            defaults={"due_at": due_at or _default_due(idea.campaign), "assigned_by": by},
        )
        if created:
            _assigned_notify(ideas=[idea], pairs=[(idea.pk, reviewer.pk)], by=by)
        publish.dashboard_dirty_after_commit(idea.campaign_id)
    return assignment


@transaction.atomic
def review_assignment_delete(*, assignment_id: int, by: User) -> None:
    """Take an idea back from a reviewer (admins), unless the review is already in."""
    if not user_is_admin(by):
        raise RuleForbidden("not_admin", _("Only innovation admins may reassign reviews."))
    assignment = ReviewAssignment.objects.select_for_update().get(pk=assignment_id)
    if Review.objects.filter(idea_id=assignment.idea_id, reviewer_id=assignment.reviewer_id):
        raise RuleConflict("review_exists", _("This reviewer has already reviewed the idea."))
    campaign_id = assignment.idea.campaign_id
    assignment.delete()
    publish.dashboard_dirty_after_commit(campaign_id)


# --- Scoring ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReviewInput:
    scores: dict[int, int]  # criterion id -> value
    comment: str = ""
    private_note: str = ""

    @classmethod
    def from_pairs(
        cls, scores: list[tuple[int, int]], *, comment: str = "", private_note: str = ""
    ) -> ReviewInput:
        """A review as a client sends it, (criterion, value) pairs: each criterion once."""
        by_criterion = dict(scores)
        if len(by_criterion) != len(scores):
            raise ValidationError({"scores": [_("Each criterion may be scored once.")]})
        return cls(scores=by_criterion, comment=comment, private_note=private_note)


def weighted_score(criteria: list[Criterion], scores: dict[int, int]) -> float:
    """The rubric's weighted mean on 0..100: each value placed on its own scale, then weighted."""
    total_weight = math.fsum(float(c.weight) for c in criteria)
    placed = math.fsum(
        float(c.weight) * (scores[c.pk] - c.min_value) / (c.max_value - c.min_value)
        for c in criteria
    )
    return round(100 * placed / total_weight, 4)


def _validate_scores(criteria: list[Criterion], scores: dict[int, int]) -> None:
    by_id = {c.pk: c for c in criteria}
    errors = []
    unknown = sorted(set(scores) - set(by_id))
    if unknown:
        errors.append(
            _("Not a criterion of this campaign: %(ids)s.") % {"ids": ", ".join(map(str, unknown))}
        )
    missing = [c.name for c in criteria if c.pk not in scores]
    if missing:
        errors.append(
            _("Every criterion must be scored; missing: %(names)s.") % {"names": ", ".join(missing)}
        )
    for criterion_id, value in scores.items():
        criterion = by_id.get(criterion_id)
        if criterion and not criterion.min_value <= value <= criterion.max_value:
            errors.append(
                _("“%(name)s” is scored from %(min)d to %(max)d.")
                % {"name": criterion.name, "min": criterion.min_value, "max": criterion.max_value}
            )
    if not criteria:
        errors.append(_("This campaign has no rubric yet."))
    if errors:
        raise ValidationError({"scores": [str(e) for e in errors]})


def review_submit(
    *,
    idea_id: int,
    reviewer: User,
    data: ReviewInput,
    replace: bool = False,
    entry_point: str = EntryPoint.SERVICE,
) -> tuple[Review, bool]:
    """Record (or with `replace`, rewrite) the reviewer's scores while the review phase is open.
    Returns the review and whether it was created. Refusals: conflict_of_interest (recorded),
    review_closed, not_assigned, review_exists (a second POST); bad scores are a 400."""
    idea = Idea.objects.select_related("campaign").get(pk=idea_id)
    ensure_no_conflict(
        idea=idea,
        reviewer=reviewer,
        action="review",
        entry_point=entry_point,
        attempted_by=reviewer,
    )
    try:
        return _review_write(idea=idea, reviewer=reviewer, data=data, replace=replace)
    except IntegrityError as exc:
        # Two first submissions raced past the lock-free read; the constraint kept one.
        raise RuleConflict("review_exists", _("This review was already submitted.")) from exc


@transaction.atomic
def _review_write(*, idea: Idea, reviewer: User, data: ReviewInput, replace: bool):
    campaign = idea.campaign
    if campaign is None or not campaign.review_open_at(timezone.now()):
        raise RuleConflict("review_closed", _("The review phase is not open."))
    # The assignment row is the lock that serialises one reviewer's submissions for one idea.
    assignment = (
        ReviewAssignment.objects.select_for_update().filter(idea=idea, reviewer=reviewer).first()
    )
    if assignment is None:
        raise RuleForbidden("not_assigned", _("This idea is not in your review queue."))
    criteria = list(Criterion.objects.filter(campaign=campaign).order_by("position", "id"))
    _validate_scores(criteria, data.scores)
    review = Review.objects.filter(idea=idea, reviewer=reviewer).first()
    if review is not None and not replace:
        raise RuleConflict(
            "review_exists", _("You have already reviewed this idea; change your review instead.")
        )
    score = weighted_score(criteria, data.scores)
    created = review is None
    if created:
        review = Review.objects.create(
            idea=idea,
            reviewer=reviewer,
            comment=data.comment,
            private_note=data.private_note,
            weighted_score=score,
        )
    else:
        review.comment, review.private_note, review.weighted_score = (
            data.comment,
            data.private_note,
            score,
        )
        review.save(update_fields=["comment", "private_note", "weighted_score", "updated_at"])
        review.scores.all().delete()
    Score.objects.bulk_create(
        Score(
            review=review,
            criterion=c,
            value=data.scores[c.pk],
            min_value=c.min_value,
            max_value=c.max_value,
        )
        for c in criteria
    )
    _feedback_publish(review=review)
    panel_results_recompute(campaign_id=campaign.pk)
    transaction.on_commit(partial(publish.leaderboard_dirty_publish, campaign_id=campaign.pk))
    return review, created


def _feedback_publish(*, review: Review) -> None:
    """The review's comment is the authors' feedback: a published comment of kind `reviewer`,
    which reaches the idea's socket group and the authors' notifications after commit."""
    text = review.comment.strip()
    if not text:
        if review.feedback_id is not None:
            idea_services.comment_withdraw(comment_id=review.feedback_id)
            review.feedback = None
            review.save(update_fields=["feedback"])
        return
    if review.feedback_id is not None:
        idea_services.comment_update(comment_id=review.feedback_id, body=text)
        return
    comment = idea_services.feedback_comment_create(
        idea=review.idea, reviewer=review.reviewer, body=text
    )
    review.feedback = comment
    review.save(update_fields=["feedback"])
    notify(
        user_ids=idea_services.idea_author_ids(review.idea),
        notification={
            "kind": "review_feedback",
            "idea": review.idea_id,
            "title": review.idea.title,
        },
    )


# --- Aggregation ------------------------------------------------------------------------------


@dataclass(frozen=True)
class IdeaVerdict:
    review_count: int
    raw_mean: float
    normalised: float
    spread: float


def aggregate(reviews: list[tuple[int, int, float]]) -> dict[int, IdeaVerdict]:
    """From (idea, reviewer, weighted score) triples, each idea's raw mean, its normalised score
    and the reviewers' spread. Pure and independent of the order of `reviews`.

    Normalisation removes each reviewer's harshness or leniency: every score becomes a z-score
    over that reviewer's own reviews, an idea's z-scores are averaged, and the average is placed
    back on the 0..100 scale with the mean and spread of all the campaign's scores. A reviewer
    with a single review shows no habit yet, so that score is measured against the campaign
    instead (early in a review, scores are then as good as raw); one who gave every idea the
    same score told them apart in no way, so their scores weigh as average (z = 0).
    """
    if not reviews:
        return {}
    reviews = sorted(reviews)
    by_reviewer = defaultdict(list)
    for _idea, reviewer, score in reviews:
        by_reviewer[reviewer].append(score)
    all_scores = [score for *_rest, score in reviews]
    centre = math.fsum(all_scores) / len(all_scores)
    scale = statistics.pstdev(all_scores) if len(all_scores) > 1 else 0.0
    reviewer_stats = {
        r: (math.fsum(s) / len(s), statistics.pstdev(s)) if len(s) > 1 else (centre, scale)
        for r, s in by_reviewer.items()
    }
    by_idea = defaultdict(list)
    for idea, reviewer, score in reviews:
        mean, spread = reviewer_stats[reviewer]
        by_idea[idea].append((score, (score - mean) / spread if spread > 0 else 0.0))
    verdicts = {}
    for idea, items in by_idea.items():
        scores = [s for s, _z in items]
        z = math.fsum(z for _s, z in items) / len(items)
        normalised = centre + scale * z if scale > 0 else math.fsum(scores) / len(scores)
        verdicts[idea] = IdeaVerdict(
            review_count=len(items),
            raw_mean=round(math.fsum(scores) / len(scores), 4),
            normalised=round(min(100.0, max(0.0, normalised)), 4),
            spread=round(statistics.pstdev(scores), 4) if len(scores) > 1 else 0.0,
        )
    return verdicts


@transaction.atomic
def panel_results_recompute(*, campaign_id: int) -> None:
    """Recompute every verdict of the campaign (normalisation spans all its reviews) and store
    the normalised score as each idea's panel_score. Serialised per campaign by its row lock,
    taken before the reviews are read: a concurrent submission waits for this one to commit,
    then reads it, so the last committed verdicts always include every committed review."""
    Campaign.objects.select_for_update().filter(pk=campaign_id).values_list("pk").first()
    rows = list(
        Review.objects.filter(idea__campaign_id=campaign_id).values_list(
            "idea_id", "reviewer_id", "weighted_score"
        )
    )
    verdicts = aggregate(rows)
    PanelResult.objects.filter(idea__campaign_id=campaign_id).exclude(
        idea_id__in=list(verdicts)
    ).delete()
    for idea_id, verdict in verdicts.items():
        PanelResult.objects.update_or_create(
            idea_id=idea_id,
            defaults={
                "review_count": verdict.review_count,
                "raw_mean": verdict.raw_mean,
                "normalised": verdict.normalised,
                "spread": verdict.spread,
            },
        )
        Idea.objects.filter(pk=idea_id).exclude(panel_score=verdict.normalised).update(
            panel_score=verdict.normalised, live_version=F("live_version") + 1
        )
    Idea.objects.filter(campaign_id=campaign_id, panel_score__isnull=False).exclude(
        pk__in=list(verdicts)
    ).update(panel_score=None, live_version=F("live_version") + 1)
