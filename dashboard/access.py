"""Who reads the dashboard, its socket and the exports: one rule for every surface."""

from django.utils.translation import gettext_lazy as _

from accounts.models import User
from accounts.roles import user_is_admin, user_is_leadership
from core.errors import RuleForbidden


def dashboard_readable_by(user: User) -> bool:
    """Leadership and innovation admins (API.md §Next: stats and exports)."""
    return user.is_authenticated and (user_is_leadership(user) or user_is_admin(user))


def ensure_dashboard_reader(user: User) -> None:
    if not dashboard_readable_by(user):
        raise RuleForbidden(
            "not_leadership", _("The dashboard and its exports are for leadership and admins.")
        )
