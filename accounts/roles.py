"""Roles (API.md §Authentication): `staff` for every account, the rest from groups.

`reviewer` is also granted by membership of any review panel (reviews.Panel), which the panel
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


def _group_names(user: User) -> frozenset[str]:
    """The user's group names, read once per user object (a request checks roles often)."""
    cached = getattr(user, "_role_groups", None)
    if cached is None:
        cached = user_groups_load(user)
    return cached


def user_groups_load(user: User) -> frozenset[str]:
    """Read the user's groups now (one query), for role checks that must not query later:
    async code loads them in its database thread, then checks roles in the event loop."""
    user._role_groups = frozenset(user.groups.values_list("name", flat=True))
    return user._role_groups


def users_groups_load(users: list[User]) -> None:
    """user_groups_load for many users in one query."""
    if not users:
        return
    memberships = users[0].groups.through.objects.filter(user_id__in=[u.pk for u in users])
    names: dict[int, set[str]] = {}
    for user_id, name in memberships.values_list("user_id", "group__name"):
        names.setdefault(user_id, set()).add(name)
    for user in users:
        user._role_groups = frozenset(names.get(user.pk, ()))


def users_roles_load(users: list[User]) -> None:
    """Everything user_roles reads, for a page of people in two queries (groups, panels)."""
    users_groups_load(users)
    if not users:
        return
    through = type(users[0]).review_panels.rel.through
    on_panel = set(
        through.objects.filter(user_id__in=[u.pk for u in users]).values_list("user_id", flat=True)
    )
    for user in users:
        user._on_a_panel = user.pk in on_panel


def user_groups_loaded(user: User) -> bool:
    return getattr(user, "_role_groups", None) is not None


def user_roles(user: User) -> list[str]:
    """Every role the user holds, in a stable order."""
    if not user.is_authenticated:
        return []
    groups = _group_names(user)
    roles = [STAFF]
    if REVIEWER in groups or _sits_on_a_panel(user):
        roles.append(REVIEWER)
    if LEADERSHIP in groups:
        roles.append(LEADERSHIP)
    if user_is_admin(user):
        roles.append(ADMIN)
    return roles


def user_is_admin(user: User) -> bool:
    """Innovation admins: the `admin` group, and Django superusers."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return ADMIN in _group_names(user)


def user_is_leadership(user: User) -> bool:
    return user.is_authenticated and LEADERSHIP in _group_names(user)


def _sits_on_a_panel(user: User) -> bool:
    if getattr(user, "_stand_in", False):
        raise RuntimeError("panel membership is not among a stand-in's role facts")
    known = getattr(user, "_on_a_panel", None)
    if known is not None:
        return known
    panels = getattr(user, "review_panels", None)
    return panels is not None and panels.exists()


def user_sees_panel_scores(user: User) -> bool:
    """Admins and leadership see panel scores at any time (API.md §Panel reviews)."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return bool(_group_names(user) & {ADMIN, LEADERSHIP})


def user_sees_nips(user: User) -> bool:
    """Only innovation admins look people up by NIP (staff choose co-authors by name)."""
    return user_is_admin(user)


def user_role_facts(user: User) -> tuple:
    """What every role check but panel membership reads: the key under which a query built for
    one reader serves every reader with the same roles (core.db.Statement)."""
    return (user.is_superuser, _group_names(user))


def user_stand_in(facts: tuple, pk: int) -> User:
    """A user that answers role checks from `facts` (user_role_facts), with `pk` standing in
    for a real reader's id while a Statement's query is built."""
    from accounts.models import User

    is_superuser, groups = facts
    user = User(pk=pk, is_superuser=is_superuser)
    user._role_groups = groups
    user._stand_in = True
    return user
