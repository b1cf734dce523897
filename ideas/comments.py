"""Comments after they are posted: their authors edit or delete them for a while, and anyone
reports a comment or an idea to the moderators, who dismiss the report or hide what it names
(posting, feedback and moderation themselves are in ideas.services)."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from accounts.roles import user_is_admin
from core.errors import RuleConflict, RuleForbidden
from ideas import services
from ideas.models import Comment, CommentRevision, Idea, Report
from ideas.payloads import comment_editable_until

REPORT_NOTE_MAX = 1_000


def _own_comment_locked(*, comment_id: int, user: User, now: datetime | None) -> Comment:
    """The user's own published comment, locked, while its edit window is open: refused
    otherwise (others: `not_comment_author`; too late: `edit_window_closed`)."""
    comment = Comment.objects.select_for_update(of=("self",)).select_related("idea__campaign")
    comment = comment.get(pk=comment_id)
    if comment.author_id != user.pk:
        raise RuleForbidden("not_comment_author", _("Only its author may change a comment."))
    if not comment.is_published:
        raise RuleConflict("not_published", _("This comment is not shown any more."))
    if comment.kind == Comment.Kind.REVIEWER:
        # The feedback is the review's comment: it changes with the review, while that is open.
        raise RuleConflict(
            "feedback_in_review", _("Reviewer feedback is changed by editing the review.")
        )
    if (now or timezone.now()) > comment_editable_until(comment):
        raise RuleConflict(
            "edit_window_closed", _("A comment can only be changed shortly after it is posted.")
        )
    return comment


@transaction.atomic
def comment_edit(
    *, comment_id: int, editor: User, body: str, now: datetime | None = None
) -> Comment:
    """Its author replaces a comment's text within the edit window (settings
    COMMENT_EDIT_SECONDS after posting; the same rule for official responses); the old text
    is kept as a revision, the comment is marked edited and published again after commit."""
    comment = _own_comment_locked(comment_id=comment_id, user=editor, now=now)
    if comment.body == body:
        return comment
    CommentRevision.objects.create(comment=comment, body=comment.body)
    comment.body = body
    comment.edited_at = now or timezone.now()
    comment.save(update_fields=["body", "edited_at"])
    Idea.objects.filter(pk=comment.idea_id).update(live_version=F("live_version") + 1)
    services._comment_publish_after_commit(comment=comment)
    return comment


@transaction.atomic
def comment_delete(*, comment_id: int, user: User, now: datetime | None = None) -> Comment:
    """Its author takes a comment back within the edit window: no longer published or
    counted (its replies stay, under "deleted by its author"), pages told after commit."""
    comment = _own_comment_locked(comment_id=comment_id, user=user, now=now)
    comment.deleted_at = now or timezone.now()
    comment.save(update_fields=["deleted_at"])
    services._comment_unpublish(comment)
    return comment


# --- Reports -------------------------------------------------------------------------------


def _report_get_or_create(*, reporter: User, idea: Idea, comment: Comment | None, data) -> tuple:
    open_reports = Report.objects.filter(
        reporter=reporter, idea=idea, comment=comment, status=Report.Status.OPEN
    )
    existing = open_reports.first()
    if existing is not None:
        return existing, False
    try:
        # The partial unique constraints decide between two requests at once.
        with transaction.atomic():
            return Report.objects.create(
                reporter=reporter, idea=idea, comment=comment, **data
            ), True
    except IntegrityError:
        return open_reports.get(), False


def _report_data(*, reason: str, note: str) -> dict:
    if reason not in Report.Reason.values:
        raise ValidationError({"reason": [_("Choose one of the reasons.")]})
    note = note.strip()
    if len(note) > REPORT_NOTE_MAX:
        raise ValidationError({"note": [_("At most %d characters.") % REPORT_NOTE_MAX]})
    return {"reason": reason, "note": note}


@transaction.atomic
def comment_report(
    *, comment: Comment, reporter: User, reason: str, note: str = ""
) -> tuple[Report, bool]:
    """Report a published comment to the moderators. One open report per person and comment:
    a second is the first again (`created` False). The caller checked that the reporter may
    see the comment's idea."""
    data = _report_data(reason=reason, note=note)
    if not comment.is_published:
        raise RuleConflict("not_published", _("This comment is not shown any more."))
    return _report_get_or_create(reporter=reporter, idea=comment.idea, comment=comment, data=data)


@transaction.atomic
def idea_report(*, idea: Idea, reporter: User, reason: str, note: str = "") -> tuple[Report, bool]:
    """Report an idea to the moderators; one open report per person and idea, as for
    comments. The caller checked that the reporter may see the idea."""
    data = _report_data(reason=reason, note=note)
    if idea.status in Idea.PRIVATE_STATUSES:
        raise RuleConflict("not_published", _("This idea is not public."))
    return _report_get_or_create(reporter=reporter, idea=idea, comment=None, data=data)


class ReportAction:
    DISMISS = "dismiss"
    HIDE = "hide"
    ALL = (DISMISS, HIDE)


@transaction.atomic
def report_resolve(*, report_id: int, by: User, action: str, note: str = "") -> Report:
    """An admin settles a report, and with it every open report on the same object:
    `dismiss` closes them unchanged; `hide` takes the comment down (comment_moderate) or
    hides the idea (idea_status_change), which close them as acted on. `note` is the reason
    the author is told (required to hide)."""
    if not user_is_admin(by):
        raise RuleForbidden("not_admin", _("Only innovation admins may settle reports."))
    if action not in ReportAction.ALL:
        raise ValidationError({"action": [_("Dismiss the report, or hide what it names.")]})
    note = note.strip()
    report = Report.objects.select_for_update().get(pk=report_id)
    if report.status != Report.Status.OPEN:
        raise RuleConflict("report_closed", _("This report has already been settled."))
    if action == ReportAction.DISMISS:
        same = Report.same_object(idea_id=report.idea_id, comment_id=report.comment_id)
        Report.objects.filter(status=Report.Status.OPEN, **same).update(
            status=Report.Status.DISMISSED,
            resolved_by=by,
            resolved_at=timezone.now(),
            resolution_note=note,
        )
    else:
        if not note:
            raise ValidationError({"note": [_("Say why it is hidden: its author is told.")]})
        if report.comment_id is not None:
            services.comment_moderate(comment_id=report.comment_id, by=by, reason=note)
        else:
            services.idea_status_change(
                idea_id=report.idea_id, to_status=Idea.Status.HIDDEN, changed_by=by, note=note
            )
    report.refresh_from_db()
    return report
