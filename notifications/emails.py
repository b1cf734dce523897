"""The emails: a notification's alone, or a day's digest of them, in plain text in the
recipient's language, each with a one-click unsubscribe link per kind (a signed token: no
sign-in needed) and RFC 8058's List-Unsubscribe headers, whose POST unsubscribes directly."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext, ngettext

from notifications.kinds import kind_get, site_url
from notifications.models import Digest, Notification
from notifications.services import email_language

UNSUBSCRIBE_SALT = "notifications.unsubscribe"


def unsubscribe_token(*, user_id: int, kinds: Iterable[str]) -> str:
    """Signed (settings.SECRET_KEY), so that only its recipient's link unsubscribes them."""
    return signing.dumps({"u": user_id, "k": sorted(set(kinds))}, salt=UNSUBSCRIBE_SALT)


def unsubscribe_read(token: str) -> tuple[int, list[str]]:
    """The person and kinds of a token; raises signing.BadSignature when it is not ours."""
    value = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    if not isinstance(value, dict) or not isinstance(value.get("u"), int):
        raise signing.BadSignature("malformed")
    kinds = value.get("k")
    if not isinstance(kinds, list) or not all(isinstance(kind, str) for kind in kinds):
        raise signing.BadSignature("malformed")
    return value["u"], kinds


def unsubscribe_url(*, user_id: int, kinds: Iterable[str]) -> str:
    token = unsubscribe_token(user_id=user_id, kinds=kinds)
    return site_url(reverse("notifications-unsubscribe", kwargs={"token": token}))


def _headers(url: str) -> dict[str, str]:
    return {"List-Unsubscribe": f"<{url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}


def _footer(kind_links: list[tuple[str, str]]) -> list[str]:
    lines = ["", "-- ", gettext("Gagasan, the innovation platform of Jakarta's civil service.")]
    for label, url in kind_links:
        lines.append(
            gettext("No more emails about “%(kind)s”: %(url)s") % {"kind": label, "url": url}
        )
    lines.append(gettext("All your email settings: %(url)s") % {"url": site_url("/saya/")})
    return lines


def notification_message(notification: Notification) -> EmailMessage:
    """The email of one notification, to its owner."""
    user = notification.user
    kind = kind_get(notification.kind)
    url = unsubscribe_url(user_id=user.pk, kinds=[kind.code])
    with translation.override(email_language(user.pk)):
        subject = kind.subject_for(notification.data)
        lines = [gettext("Hello %(name)s,") % {"name": user.full_name or user.username}, ""]
        lines.append(kind.body_for(notification.data))
        path = kind.path_for(notification.data)
        if path:
            lines += ["", site_url(path)]
        lines += _footer([(str(kind.label), url)])
    return EmailMessage(
        subject=f"[Gagasan] {subject}",
        body="\n".join(lines) + "\n",
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[user.email],
        headers=_headers(url),
    )


def digest_message(digest: Digest, notifications: list[Notification]) -> EmailMessage:
    """The day's digest: one line and link per notification, oldest first, and a link per kind
    in it to stop emails of that kind; the List-Unsubscribe header stops them all."""
    user = digest.user
    kinds = list(dict.fromkeys(kind_get(n.kind) for n in notifications))
    with translation.override(email_language(user.pk)):
        count = len(notifications)
        subject = ngettext(
            "Your Gagasan digest: %(count)d notification",
            "Your Gagasan digest: %(count)d notifications",
            count,
        ) % {"count": count}
        lines = [gettext("Hello %(name)s,") % {"name": user.full_name or user.username}, ""]
        lines.append(gettext("What happened since your last digest:"))
        lines.append("")
        for notification in notifications:
            kind = kind_get(notification.kind)
            lines.append(f"- {kind.subject_for(notification.data)}")
            path = kind.path_for(notification.data)
            if path:
                lines.append(f"  {site_url(path)}")
        links = [
            (str(kind.label), unsubscribe_url(user_id=user.pk, kinds=[kind.code])) for kind in kinds
        ]
        lines += _footer(links)
    every = unsubscribe_url(user_id=user.pk, kinds=[kind.code for kind in kinds])
    return EmailMessage(
        subject=f"[Gagasan] {subject}",
        body="\n".join(lines) + "\n",
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[user.email],
        headers=_headers(every),
    )
