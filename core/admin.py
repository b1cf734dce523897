"""Helpers for every app's Django admin."""


class ReadOnlyAdminMixin:
    """For records that change only through their services (votes, verdicts, audit rows): the
    admin lists and shows them, and never adds, edits or deletes one."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class RequestFormMixin:
    """Hands the request to the ModelAdmin's form (as `form.request`), for forms whose clean()
    asks a service's rule about the person editing."""

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        return type(form.__name__, (form,), {"request": request})
