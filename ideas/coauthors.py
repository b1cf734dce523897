"""Co-authors by invitation (issue 12): the author names co-authors, each is invited, and only
once they accept do they join `Idea.co_authors`, which is what every other rule reads (credit,
edit rights, the refusal of their vote, reviewers' conflicts of interest, the dashboard).

- Naming co-authors (idea_create, idea_update's `co_authors`: the wanted list, accepted and
  invited together) invites the new ones (coauthor_invite), withdraws the invitations of those
  left out (invitation_withdraw) and removes accepted ones left out, as before.
- The limits hold over accepted and pending together: at most CO_AUTHORS_MAX, never the author,
  active accounts only.
- A vote the invitee cast before accepting is withdrawn when they accept (they can no longer
  vote for it; the apps above register that step: `on_coauthor_accepted`), so counts reconcile.
- A collaboration is an idea whose accepted authors come from two or more agencies: a
  co-author whose agency is not the idea's (the lead author's when submitted). One rule,
  `collaboration_links`, read by the feed, the leaderboard and the dashboard.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Exists, F, OuterRef, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from accounts.roles import user_is_admin
from core.errors import RuleConflict, RuleForbidden
from ideas.follows import follow_add
from ideas.models import CoAuthorInvitation, Idea
from live import publish
from notifications.services import notify

CO_AUTHORS_MAX = 10
Status = CoAuthorInvitation.Status

# What follows an acceptance in the apps above ideas (they register from their AppConfig.ready,
# as they register notification kinds): each is called as f(idea_id=, user=) inside the
# acceptance's transaction, the idea's row locked.
_accepted_steps: list[Callable[..., None]] = []


def on_coauthor_accepted(step: Callable[..., None]) -> Callable[..., None]:
    """Register a step to run when someone accepts to co-author an idea (once per step)."""
    if step not in _accepted_steps:
        _accepted_steps.append(step)
    return step


# --- The one rule of collaborations ------------------------------------------------------------


def collaboration_links() -> QuerySet:
    """The co-author links (Idea.co_authors' rows) that make their idea a collaboration: the
    co-author's agency is known and not the idea's. An idea with at least one is a collaboration."""
    return (
        Idea.co_authors.through.objects.filter(user__agency__isnull=False)
        .exclude(user__agency_id=F("idea__agency_id"))
        .order_by()
    )


def idea_is_collaboration():
    """`is_collaboration` as an expression over an Idea queryset (annotate or filter by it)."""
    return Exists(collaboration_links().filter(idea_id=OuterRef("pk")))


# --- The limits --------------------------------------------------------------------------------


def co_authors_checked(*, author: User, co_authors: Iterable[User]) -> list[User]:
    """The co-authors once each, in the order given, within the maximum; refused otherwise."""
    co_authors = list(dict.fromkeys(co_authors))
    if len(co_authors) > CO_AUTHORS_MAX:
        raise ValidationError(
            {"co_authors": [_("At most %(max)d co-authors.") % {"max": CO_AUTHORS_MAX}]}
        )
    if any(user.pk == author.pk for user in co_authors):
        raise RuleConflict("invalid_co_author", _("The author cannot also be a co-author."))
    if any(not user.is_active for user in co_authors):
        raise RuleConflict("invalid_co_author", _("A co-author's account is not active."))
    return co_authors


def _pending(idea_id: int) -> QuerySet[CoAuthorInvitation]:
    return CoAuthorInvitation.objects.filter(idea_id=idea_id, status=Status.PENDING)


# --- Writes ------------------------------------------------------------------------------------


def co_authors_set(*, idea: Idea, wanted: Iterable[User], by: User) -> None:
    """Make the idea's accepted and invited co-authors the `wanted` list, inside the caller's
    transaction (the idea's row locked by idea_create or idea_update): invite the new, withdraw
    the invitations of those left out, remove accepted co-authors left out."""
    wanted = co_authors_checked(author=idea.author, co_authors=wanted)
    wanted_ids = {user.pk for user in wanted}
    accepted_ids = set(idea.co_authors.values_list("pk", flat=True))
    pending = {inv.invitee_id: inv for inv in _pending(idea.pk).select_for_update()}
    removed = accepted_ids - wanted_ids
    if removed:
        idea.co_authors.remove(*removed)
    for invitee_id, invitation in pending.items():
        if invitee_id not in wanted_ids:
            _close(invitation, Status.WITHDRAWN)
    for user in wanted:
        if user.pk not in accepted_ids and user.pk not in pending:
            _invite(idea=idea, invitee=user, by=by)


def _invite(*, idea: Idea, invitee: User, by: User) -> CoAuthorInvitation:
    try:
        with transaction.atomic():  # a savepoint: a concurrent twin must not abort the caller
            invitation = CoAuthorInvitation.objects.create(
                idea=idea, invitee=invitee, invited_by=by
            )
    except IntegrityError:
        # The partial unique constraint: someone invited them a moment ago; that one stands.
        return _pending(idea.pk).get(invitee=invitee)
    if idea.status not in Idea.PRIVATE_STATUSES:
        _invited_notify(invitation, idea=idea, inviter=by)
    return invitation


def _invited_notify(invitation: CoAuthorInvitation, *, idea: Idea, inviter: User) -> None:
    notify(
        user_ids=[invitation.invitee_id],
        notification={
            "kind": "coauthor_invited",
            "idea": idea.pk,
            "title": idea.title,
            "invitation": invitation.pk,
            "inviter": inviter.full_name,
        },
    )


def invitations_on_submit(*, idea: Idea) -> None:
    """A draft's invitations are told of when it is submitted (until then nobody but its
    authors sees it: the notification would point at a page the invitee cannot open)."""
    for invitation in _pending(idea.pk).select_related("invited_by"):
        _invited_notify(invitation, idea=idea, inviter=invitation.invited_by)


@transaction.atomic
def coauthor_invite(*, idea_id: int, invitee: User, by: User) -> CoAuthorInvitation:
    """Invite one more co-author (idempotent: an open invitation is returned as it is), under
    the idea's edit rules and co-author limits, as naming them in an edit would."""
    from ideas.services import idea_update  # the edit's own rules and lock; services import us

    idea = Idea.objects.get(pk=idea_id)
    current = [
        *idea.co_authors.all(),
        *User.objects.filter(pk__in=_pending(idea.pk).values("invitee_id")),
    ]
    if invitee not in current:
        idea_update(idea_id=idea.pk, editor=by, data={"co_authors": [*current, invitee]})
    found = _pending(idea.pk).filter(invitee=invitee).first()
    if found is None:
        raise RuleConflict("already_co_author", _("This person already co-authors the idea."))
    return found


def _invitation_locked(invitation_id: int) -> CoAuthorInvitation:
    """The invitation and its idea, both locked (the idea first, as every idea write does)."""
    idea_id = CoAuthorInvitation.objects.values_list("idea_id", flat=True).get(pk=invitation_id)
    Idea.objects.select_for_update(of=("self",)).only("pk").get(pk=idea_id)
    return (
        CoAuthorInvitation.objects.select_for_update(of=("self",))
        .select_related("idea", "invitee")
        .get(pk=invitation_id)
    )


def _ensure_open(invitation: CoAuthorInvitation) -> None:
    if invitation.status != Status.PENDING:
        raise RuleConflict(
            "invitation_answered",
            _("This invitation is no longer open (%(status)s).")
            % {"status": invitation.get_status_display()},
        )


def _ensure_invitee(invitation: CoAuthorInvitation, user: User) -> None:
    if invitation.invitee_id != user.pk:
        raise CoAuthorInvitation.DoesNotExist  # nobody else's to answer, nor to know of


def _close(invitation: CoAuthorInvitation, status: str) -> None:
    invitation.status, invitation.answered_at = status, timezone.now()
    invitation.save(update_fields=["status", "answered_at"])


def _answered_notify(invitation: CoAuthorInvitation, *, accepted: bool) -> None:
    idea = invitation.idea
    notify(
        user_ids=[idea.author_id],
        notification={
            "kind": "coauthor_answered",
            "idea": idea.pk,
            "title": idea.title,
            "invitation": invitation.pk,
            "invitee": invitation.invitee.full_name,
            "accepted": accepted,
        },
    )


@transaction.atomic
def invitation_accept(*, invitation_id: int, user: User) -> CoAuthorInvitation:
    """The invitee joins the idea's co-authors (within the limit, their account active); a
    vote they cast for it is withdrawn (the registered steps); the author is told. Refused
    once answered (`invitation_answered`)."""
    invitation = _invitation_locked(invitation_id)
    _ensure_invitee(invitation, user)
    _ensure_open(invitation)
    idea = invitation.idea
    if idea.co_authors.count() >= CO_AUTHORS_MAX:
        raise RuleConflict(
            "too_many_co_authors",
            _("At most %(max)d co-authors.") % {"max": CO_AUTHORS_MAX},
        )
    _close(invitation, Status.ACCEPTED)
    idea.co_authors.add(user)
    for step in _accepted_steps:
        step(idea_id=idea.pk, user=user)
    follow_add(idea=idea, user=user)  # co-authors follow their idea
    if idea.status not in Idea.PRIVATE_STATUSES:
        publish.dashboard_dirty_after_commit(idea.campaign_id)  # authors, collaborations
    _answered_notify(invitation, accepted=True)
    return invitation


@transaction.atomic
def invitation_decline(*, invitation_id: int, user: User) -> CoAuthorInvitation:
    """The invitee says no; the author is told. Refused once answered (`invitation_answered`)."""
    invitation = _invitation_locked(invitation_id)
    _ensure_invitee(invitation, user)
    _ensure_open(invitation)
    _close(invitation, Status.DECLINED)
    _answered_notify(invitation, accepted=False)
    return invitation


@transaction.atomic
def invitation_withdraw(*, invitation_id: int, user: User) -> CoAuthorInvitation:
    """The idea's author (or an admin) takes back an invitation not yet answered."""
    invitation = _invitation_locked(invitation_id)
    if invitation.idea.author_id != user.pk and not user_is_admin(user):
        raise RuleForbidden("not_author", _("Only the idea's author may withdraw an invitation."))
    _ensure_open(invitation)
    _close(invitation, Status.WITHDRAWN)
    return invitation
