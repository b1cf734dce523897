"""Writes to accounts: roles granted and taken away (admins only).

The staff directory import lives in accounts.staff_import (a file's rows checked as a whole).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from accounts.roles import ADMIN, GROUP_ROLES, user_is_admin
from core.errors import RuleConflict, RuleForbidden


def user_roles_check(*, user: User, roles: set[str], by: User) -> None:
    """Refuse a role change before anything is written (the admin's form asks it too)."""
    if not user_is_admin(by):
        raise RuleForbidden("not_admin", _("Only innovation admins may change roles."))
    unknown = roles - set(GROUP_ROLES)
    if unknown:
        raise ValidationError({"roles": [_("Unknown role: %s.") % ", ".join(sorted(unknown))]})
    if user.pk == by.pk and ADMIN not in roles and not user.is_superuser:
        raise RuleConflict("own_admin_role", _("You cannot take the admin role from yourself."))


@transaction.atomic
def user_roles_set(*, user_id: int, roles: Iterable[str], by: User) -> User:
    """Give the person exactly these group roles (reviewer, leadership, admin); `staff` is
    everyone's. Admins only; an admin cannot take the admin role from themselves, so the office
    never locks itself out by a slip."""
    wanted = set(roles)
    user = User.objects.select_for_update().get(pk=user_id)
    user_roles_check(user=user, roles=wanted, by=by)
    groups = {name: Group.objects.get_or_create(name=name)[0] for name in GROUP_ROLES}
    user.groups.remove(*(groups[name] for name in GROUP_ROLES if name not in wanted))
    user.groups.add(*(groups[name] for name in sorted(wanted)))
    user._role_groups = None
    return user
