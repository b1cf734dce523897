"""The kind of notification the voting app sends (registered from VotingConfig.ready)."""

from __future__ import annotations

from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from notifications.kinds import NotificationKind, kind_register


def _milestone(data: dict) -> str:
    votes = int(data.get("votes") or 0)
    return ngettext(
        "Your idea “%(title)s” has reached %(votes)d vote",
        "Your idea “%(title)s” has reached %(votes)d votes",
        votes,
    ) % {"title": data.get("title") or gettext("an idea"), "votes": votes}


VOTE_MILESTONE = NotificationKind(
    code="vote_milestone", label=_("My idea reaches a number of votes"), subject=_milestone
)


def register() -> None:
    kind_register(VOTE_MILESTONE)
