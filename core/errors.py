"""Rule errors: a service refuses with a stable snake_case code; backend maps it to HTTP."""

from django.utils.translation import gettext_lazy as _


class RuleError(Exception):
    """A business rule said no. Refused writes change nothing (services raise before writing)."""

    status_code = 409
    default_message = _("This action conflicts with the current state.")

    def __init__(self, code: str, message: str | None = None):
        self.code = code
        self.message = message or self.default_message
        super().__init__(f"{code}: {self.message}")


class RuleForbidden(RuleError):
    """403: the rule forbids this person this action."""

    status_code = 403
    default_message = _("You may not do this.")


class RuleConflict(RuleError):
    """409: the action conflicts with the current state (phase, status)."""

    status_code = 409
