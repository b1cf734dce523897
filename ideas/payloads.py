"""What a comment looks like on the wire, built once for REST and for the live frames (API.md:
the live `comment` has the same shape as the REST comment). Plain dicts, no serializer: the
services build the frames they publish from here."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
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


def comment_editable_until(comment: Comment) -> datetime:
    """Until when its author may edit or delete the comment (settings.COMMENT_EDIT_SECONDS)."""
    return comment.created_at + timedelta(seconds=settings.COMMENT_EDIT_SECONDS)


def comment_payload(comment: Comment) -> dict[str, Any]:
    """The comment as a reader without restrictions sees it (visibility rules apply after:
    ideas.visibility.comment_shown_to). A comment no longer published (kept in a thread list
    because its replies are) has neither text nor author, only why it went (`withdrawn`)."""
    withdrawn = comment.withdrawn
    return {
        "id": comment.pk,
        "idea": comment.idea_id,
        "parent": comment.parent_id,
        "author": None if withdrawn else user_brief(comment.author),
        "body": "" if withdrawn else comment.body,
        "kind": comment.kind,
        "created_at": _datetime.to_representation(comment.created_at),
        "edited_at": _datetime.to_representation(comment.edited_at) if comment.edited_at else None,
        "editable_until": _datetime.to_representation(comment_editable_until(comment)),
        "withdrawn": withdrawn,
    }


# --- Ideas, from plain rows --------------------------------------------------------------------
# The feed and the idea page read ideas as rows (ideas.selectors.idea_rows) rather than model
# instances through nested serializers, which cost more than the rest of the request together.
# The shape is IdeaSerializer's exactly (tests/ideas/test_idea_rows.py holds them together).


def _agency(row: dict, prefix: str) -> dict[str, Any] | None:
    if row[f"{prefix}id"] is None:
        return None
    return {
        "id": row[f"{prefix}id"],
        "code": row[f"{prefix}code"],
        "name": row[f"{prefix}name"],
    }


def user_brief_row(row: dict, prefix: str) -> dict[str, Any]:
    """user_brief from a row's `<prefix>id`, `<prefix>full_name`, `<prefix>agency__*`."""
    return {
        "id": row[f"{prefix}id"],
        "full_name": row[f"{prefix}full_name"],
        "agency": _agency(row, f"{prefix}agency__"),
    }


def idea_payload(
    row: dict,
    *,
    co_authors: list[dict],
    invitations: list[dict],
    vote_refusal: str | None,
    can_edit: bool,
    category_name: str,
    author_hidden: bool,
    panel_score_shown: bool,
) -> dict[str, Any]:
    """The idea as API.md shapes it, from a row of ideas.selectors.IDEA_ROW_FIELDS; the
    visibility answers (ideas.visibility) come from the caller."""
    region = None
    if row["region_id"] is not None:
        region = {
            "id": row["region_id"],
            "code": row["region__code"],
            "name": row["region__name"],
            "kind": row["region__kind"],
            "parent": row["region__parent_id"],
        }
    return {
        "id": row["id"],
        "title": row["title"],
        "problem": row["problem"],
        "solution": row["solution"],
        "expected_impact": row["expected_impact"],
        "category": {"slug": row["category__slug"], "name": category_name},
        "campaign": row["campaign_id"],
        "agency": None if author_hidden else _agency(row, "agency__"),
        "region": region,
        "author": None if author_hidden else user_brief_row(row, "author__"),
        "co_authors": [] if author_hidden else co_authors,
        "invitations": [
            {**invitation, "created_at": _datetime.to_representation(invitation["created_at"])}
            for invitation in invitations
        ],
        "is_collaboration": None if author_hidden else bool(row["is_collaboration"]),
        "status": row["status"],
        "merged_into": row["merged_into_id"],
        "vote_count": row["vote_count"],
        "comment_count": row["comment_count"],
        "has_voted": bool(row["has_voted"]),
        "is_following": bool(row["is_following"]),
        "vote_refusal": vote_refusal,
        "can_edit": can_edit,
        "panel_score": row["panel_score"] if panel_score_shown else None,
        "created_at": _datetime.to_representation(row["created_at"]),
        "updated_at": _datetime.to_representation(row["updated_at"]),
    }
