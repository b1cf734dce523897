"""Roles (API.md §Authentication): `staff` for every account, the rest from groups.

`reviewer` is also granted by membership of any review panel (voting.Panel), which the panel
reads through the reverse relation `review_panels`, so this module imports no app above it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from accounts.models import User

STAFF = "staff"
REVIEWER = "reviewer"
LEADERSHIP = "leadership"
ADMIN = "admin"

GROUP_ROLES = (REVIEWER, LEADERSHIP, ADMIN)


def user_roles(user: User) -> list[str]:
    """Every role the user holds, in a stable order."""
    if not user.is_authenticated:
        return []
    groups = {group.name for group in user.groups.all()}
    roles = [STAFF]
    if REVIEWER in groups or _sits_on_a_panel(user):
        roles.append(REVIEWER)
    if LEADERSHIP in groups:
        roles.append(LEADERSHIP)
    if user_is_admin(user, groups=groups):
        roles.append(ADMIN)
    return roles


def user_is_admin(user: User, *, groups: set[str] | None = None) -> bool:
    """Innovation admins: the `admin` group, and Django superusers."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    if groups is None:
        return user.groups.filter(name=ADMIN).exists()
    return ADMIN in groups


def user_is_leadership(user: User) -> bool:
    return user.is_authenticated and user.groups.filter(name=LEADERSHIP).exists()


def _sits_on_a_panel(user: User) -> bool:
    panels = getattr(user, "review_panels", None)
    return panels is not None and panels.exists()


def user_sees_panel_scores(user: User) -> bool:
    """Admins and leadership see panel scores at any time (API.md §Panel reviews)."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return user.groups.filter(name__in=[ADMIN, LEADERSHIP]).exists()
