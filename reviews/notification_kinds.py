"""The kinds of notification the reviews app sends (registered from ReviewsConfig.ready)."""

from __future__ import annotations

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from notifications.kinds import NotificationKind, kind_register


def _title(data: dict) -> dict:
    return {"title": data.get("title") or gettext("an idea")}


KINDS = [
    NotificationKind(
        code="review_feedback",
        label=_("Reviewer feedback on my idea"),
        subject=lambda data: (
            gettext("A reviewer's feedback on your idea “%(title)s”") % _title(data)
        ),
    ),
    NotificationKind(
        code="review_assigned",
        label=_("An idea to review"),
        subject=lambda data: gettext("You are asked to review “%(title)s”") % _title(data),
        link=lambda data: "/reviews/",
    ),
]


def register() -> None:
    for kind in KINDS:
        kind_register(kind)
