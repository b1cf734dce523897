"""Client input the views never see, answered as API.md §Errors says: JSON with a code."""

from django.conf import settings
from django.core.exceptions import TooManyFieldsSent
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.utils.translation import gettext as _

API_PREFIX = "/api/"


def too_large_response() -> JsonResponse:
    return JsonResponse(
        {"detail": _("The request body is too large."), "code": "too_large"}, status=413
    )


def too_many_fields_response() -> JsonResponse:
    detail = _("The request has too many parameters (at most %(limit)d).") % {
        "limit": settings.DATA_UPLOAD_MAX_NUMBER_FIELDS
    }
    return JsonResponse({"detail": detail, "code": "too_many_fields"}, status=400)


class ApiInputGuard:
    """For /api/ requests: a declared body over DATA_UPLOAD_MAX_MEMORY_SIZE (or the path's own
    limit in API_BODY_LIMITS, for uploads) is a 413 before
    anything reads it, a query string over DATA_UPLOAD_MAX_NUMBER_FIELDS parameters is a 400
    with a code, and a query string value holding a NUL (which PostgreSQL refuses in text) is
    a 400 naming each such parameter."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(API_PREFIX):
            refused = self._refusal(request)
            if refused is not None:
                return refused
        return self.get_response(request)

    def _refusal(self, request):
        limit = settings.API_BODY_LIMITS.get(request.path, settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if limit is not None and length > limit:
            return too_large_response()
        try:
            query = request.GET
        except TooManyFieldsSent:
            return too_many_fields_response()
        bad = sorted(
            name
            for name, values in query.lists()
            if "\x00" in name or any("\x00" in value for value in values)
        )
        if bad:
            message = _("Null characters are not allowed.")
            return JsonResponse({name.replace("\x00", ""): [message] for name in bad}, status=400)
        return None


def _pool_timeout():
    try:
        from psycopg_pool import PoolTimeout
    except ImportError:  # no pool installed: nothing to catch
        return ()
    return (PoolTimeout,)


UNREACHABLE = (OperationalError, InterfaceError, *_pool_timeout())


class DatabaseUnavailable:
    """While the database cannot be reached, a request is answered 503 (JSON with the code
    `unavailable` for the API, a short page otherwise), never an HTML 500, and asked to come
    back shortly."""

    RETRY_AFTER_SECONDS = "5"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, UNREACHABLE):
            return None
        detail = _("The service is briefly unavailable. Please try again in a moment.")
        if request.path.startswith(API_PREFIX):
            response = JsonResponse({"detail": detail, "code": "unavailable"}, status=503)
        else:
            response = HttpResponse(detail, status=503, content_type="text/plain; charset=utf-8")
        response["Retry-After"] = self.RETRY_AFTER_SECONDS
        return response
