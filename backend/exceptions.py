"""One exception handler: rule errors and DRF's errors as API.md §Errors describes."""

from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from backend.middleware import too_large_response, too_many_fields_response
from core.errors import RuleError


def exception_handler(exc, context):
    if isinstance(exc, RequestDataTooBig):  # a body without a declared length, read too far
        return too_large_response()
    if isinstance(exc, TooManyFieldsSent):  # a form body over DATA_UPLOAD_MAX_NUMBER_FIELDS
        return too_many_fields_response()
    if isinstance(exc, RuleError):
        return Response({"detail": str(exc.message), "code": exc.code}, status=exc.status_code)
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(
            exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        )
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.APIException) and not isinstance(exc, exceptions.ValidationError):
        codes = exc.get_codes()
        if isinstance(response.data, dict) and isinstance(codes, str):
            response.data.setdefault("code", codes)
    if response.status_code == status.HTTP_429_TOO_MANY_REQUESTS:
        response.data["code"] = "throttled"
    return response
