"""The role groups and what the `admin` group may do in the Django admin.

Run after every migrate (accounts.apps), so a fresh database, a new model and a deployment all
end with the same grants, not only the demo data. Innovation admins get every model permission
of Gagasan's own apps; each ModelAdmin then narrows what is editable to what its services allow
(read-only trails, writes through services). Django's own models (groups, tokens, sessions)
stay with superusers: roles change through accounts.services, never by editing a group.
"""

from __future__ import annotations

import sys
from pathlib import Path

from django.apps import AppConfig, apps
from django.conf import settings

from accounts.roles import ADMIN, GROUP_ROLES


def project_app(app_config: AppConfig) -> bool:
    """Gagasan's own apps: those whose code lives in this repository."""
    path = Path(app_config.path)
    return path.is_relative_to(settings.BASE_DIR) and not path.is_relative_to(sys.prefix)


def role_groups_sync(*, app_config: AppConfig, using: str, **_kwargs) -> None:
    """post_migrate: the role groups exist, and `admin` holds every permission of the app just
    migrated if it is one of ours (idempotent; auth created the permissions just before)."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name in GROUP_ROLES:
        Group.objects.using(using).get_or_create(name=name)
    if not project_app(app_config):
        return
    admin = Group.objects.using(using).get(name=ADMIN)
    granted = Permission.objects.using(using).filter(content_type__app_label=app_config.label)
    admin.permissions.add(*granted)
