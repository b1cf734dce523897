"""The kinds of notification the ideas app sends (registered from IdeasConfig.ready into
notifications.kinds): what each email says, from the notification's `data`, in the language
active when it is rendered. No kind names the person who acted (blind review)."""

from __future__ import annotations

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ideas.models import Idea
from notifications.kinds import NotificationKind, kind_register


def _status(code: str | None) -> str:
    try:
        return str(Idea.Status(code).label)
    except ValueError:
        return code or ""


def _title(data: dict) -> dict:
    return {"title": data.get("title") or gettext("an idea")}


def _status_changed(data: dict) -> str:
    return gettext("Your idea “%(title)s” is now: %(status)s") % {
        **_title(data),
        "status": _status(data.get("status")),
    }


def _status_changed_body(data: dict) -> str:
    text = _status_changed(data)
    if data.get("note"):
        text += "\n\n" + gettext("The admins' note: %(note)s") % {"note": data["note"]}
    return text


def _comment_hidden_body(data: dict) -> str:
    return (
        gettext("Your comment on “%(title)s” was taken down by the moderators.") % _title(data)
        + "\n\n"
        + gettext("Why: %(reason)s") % {"reason": data.get("reason", "")}
    )


def _coauthor_invited(data: dict) -> str:
    return gettext("%(inviter)s invites you to co-author “%(title)s”") % {
        **_title(data),
        "inviter": data.get("inviter") or gettext("Someone"),
    }


def _coauthor_answered(data: dict) -> str:
    values = {**_title(data), "invitee": data.get("invitee") or gettext("Someone")}
    if data.get("accepted"):
        return gettext("%(invitee)s accepted to co-author “%(title)s”") % values
    return gettext("%(invitee)s declined to co-author “%(title)s”") % values


def _idea_merged(data: dict) -> str:
    return gettext("“%(title)s” was merged into “%(into_title)s”") % {
        **_title(data),
        "into_title": data.get("into_title") or gettext("another idea"),
    }


def _merged_link(data: dict) -> str | None:
    into = data.get("into") or data.get("idea")
    return f"/ideas/{into}/" if into else None


def _followed_activity(data: dict) -> str:
    event = data.get("event")
    if event == "status":
        return gettext("An idea you follow, “%(title)s”, is now: %(status)s") % {
            **_title(data),
            "status": _status(data.get("status")),
        }
    if event == "official":
        return gettext("An official response on “%(title)s”, an idea you follow") % _title(data)
    return gettext("A new comment on “%(title)s”, an idea you follow") % _title(data)


KINDS = [
    NotificationKind(
        code="status_changed",
        label=_("The status of my idea changes"),
        subject=_status_changed,
        body=_status_changed_body,
    ),
    NotificationKind(
        code="comment",
        label=_("A comment on my idea"),
        subject=lambda data: gettext("A new comment on your idea “%(title)s”") % _title(data),
    ),
    NotificationKind(
        code="comment_reply",
        label=_("A reply to my comment"),
        subject=lambda data: gettext("A reply to your comment on “%(title)s”") % _title(data),
    ),
    NotificationKind(
        code="official_response",
        label=_("An official response on my idea"),
        subject=lambda data: (
            gettext("An official response on your idea “%(title)s”") % _title(data)
        ),
    ),
    NotificationKind(
        code="comment_hidden",
        label=_("My comment is taken down"),
        subject=lambda data: gettext("Your comment on “%(title)s” was taken down") % _title(data),
        body=_comment_hidden_body,
    ),
    NotificationKind(
        code="coauthor_invited",
        label=_("An invitation to co-author an idea"),
        subject=_coauthor_invited,
    ),
    NotificationKind(
        code="coauthor_answered",
        label=_("An answer to my co-author invitation"),
        subject=_coauthor_answered,
    ),
    NotificationKind(
        code="idea_merged",
        label=_("My idea is merged"),
        subject=_idea_merged,
        link=_merged_link,
    ),
    NotificationKind(
        code="followed_activity",
        label=_("Activity on ideas I follow"),
        subject=_followed_activity,
        default_delivery="digest",
    ),
]


def register() -> None:
    for kind in KINDS:
        kind_register(kind)
