"""The kinds of notification: each app that notifies registers its own from its AppConfig.ready()
(as pretix registers its notification types), so this app knows no app above it. A kind says
what its email says, rendered from the notification's `data` in the language active when it is
called (notifications.emails sets the recipient's), and how it is delivered by default."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class Delivery(models.TextChoices):
    """How a person hears of a kind of notification by email (the in-app list always has it)."""

    IMMEDIATE = "immediate", _("Immediately")
    DIGEST = "digest", _("In a daily digest")
    NEVER = "never", _("Never")


@dataclass(frozen=True)
class NotificationKind:
    """`subject(data)` is one line (the email's subject and the digest's line); `body(data)` the
    email's text above the link and the unsubscribe footer (the subject again if None);
    `link(data)` the page it leads to, as a path (the idea's page by default)."""

    code: str
    label: Any  # a lazy translation
    subject: Callable[[dict], str]
    body: Callable[[dict], str] | None = None
    default_delivery: str = Delivery.IMMEDIATE
    link: Callable[[dict], str | None] | None = None

    def subject_for(self, data: dict) -> str:
        return " ".join(str(self.subject(data)).split())

    def body_for(self, data: dict) -> str:
        return str(self.body(data)) if self.body is not None else self.subject_for(data)

    def path_for(self, data: dict) -> str | None:
        if self.link is not None:
            return self.link(data)
        return idea_path(data)


_KINDS: dict[str, NotificationKind] = {}


def kind_register(kind: NotificationKind) -> NotificationKind:
    """Add a kind (once per code: an app's ready() may run twice in tests, with the same kind)."""
    known = _KINDS.get(kind.code)
    if known is not None and known != kind:
        raise ValueError(f"notification kind {kind.code!r} is registered twice")
    _KINDS[kind.code] = kind
    return kind


def kind_get(code: str) -> NotificationKind:
    """The registered kind, or a plain one for a code nobody registered (a row older than its
    kind's removal): still listed and emailed, under its code."""
    return _KINDS.get(code) or NotificationKind(
        code=code, label=code, subject=lambda data: _unknown_subject(data)
    )


def kinds_all() -> list[NotificationKind]:
    """Every registered kind, in the order registered."""
    return list(_KINDS.values())


def idea_path(data: dict) -> str | None:
    return f"/ideas/{data['idea']}/" if data.get("idea") else None


def site_url(path: str) -> str:
    """An absolute address on the site (settings.SITE_URL), for emails."""
    return settings.SITE_URL.rstrip("/") + path


def _unknown_subject(data: dict) -> str:
    title = data.get("title")
    return gettext("News about “%(title)s”") % {"title": title} if title else gettext("News")
