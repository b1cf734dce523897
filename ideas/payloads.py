"""What a comment looks like on the wire, built once for REST and for the live frames (API.md:
the live `comment` has the same shape as the REST comment). Plain dicts, no serializer: the
services build the frames they publish from here."""

from __future__ import annotations

from typing import Any

from rest_framework.fields import DateTimeField

from ideas.models import Comment

_datetime = DateTimeField()


def user_brief(user) -> dict[str, Any] | None:
    if user is None:
        return None
    agency = user.agency
    return {
        "id": user.pk,
        "full_name": user.full_name,
        "agency": None
        if agency is None
        else {"id": agency.pk, "code": agency.code, "name": agency.name},
    }


def comment_payload(comment: Comment) -> dict[str, Any]:
    """The comment as a reader without restrictions sees it (visibility rules apply after:
    ideas.visibility.comment_shown_to)."""
    return {
        "id": comment.pk,
        "idea": comment.idea_id,
        "parent": comment.parent_id,
        "author": user_brief(comment.author),
        "body": comment.body,
        "kind": comment.kind,
        "created_at": _datetime.to_representation(comment.created_at),
    }
