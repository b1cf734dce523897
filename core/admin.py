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
