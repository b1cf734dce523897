"""The Django admin as the innovation office uses it: open to innovation admins by their role
(the `admin` group or a superuser), whether or not the account carries Django's `is_staff`."""

from django.contrib.admin import AdminSite
from django.utils.translation import gettext_lazy as _

from accounts.roles import user_is_admin


class GagasanAdminSite(AdminSite):
    site_header = _("Gagasan: innovation office administration")
    site_title = _("Gagasan administration")
    index_title = _("Records")

    def has_permission(self, request):
        user = request.user
        return user.is_active and (user.is_staff or user_is_admin(user))
