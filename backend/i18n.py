"""One set of strings per language for the pages: locale/<lang>/LC_MESSAGES/django.po.

The templates read it through {% translate %}; the scripts through `script_catalog`, Django's
JavaScript catalogue limited to that file (without it, domain "django" would also ship Django's
and every library's own messages). The pages are Indonesian unless the person chose English
(the `gagasan_lang` cookie); the API and the admin follow the request's Accept-Language.
"""

import gettext
import hashlib
from functools import cache

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.views.decorators.cache import cache_control
from django.views.decorators.http import etag
from django.views.decorators.vary import vary_on_cookie
from django.views.i18n import JavaScriptCatalog

# The API and Django's admin (which has no language switch) follow Accept-Language.
BROWSER_LANGUAGE_PREFIXES = ("/api/", "/admin/")


class _NoCatalog:
    """A language without a catalogue (English, in which the strings are written)."""

    _catalog: dict = {}
    _fallback = None


@cache
def _translation(language: str):
    found = gettext.translation(
        "django",
        localedir=str(settings.LOCALE_PATHS[0]),
        languages=[translation.to_locale(language)],
        fallback=True,
    )
    return found if hasattr(found, "_catalog") else _NoCatalog()


@cache
def _catalog_version(language: str) -> str:
    catalog = _translation(language)._catalog
    return hashlib.sha256(repr(sorted(catalog.items(), key=repr)).encode()).hexdigest()[:16]


class ScriptCatalog(JavaScriptCatalog):
    def get(self, request, *args, **kwargs):
        self.translation = _translation(translation.get_language())
        return self.render_to_response(self.get_context_data(**kwargs))


# Revalidated on each page load (a 304 while the translations are unchanged); the language
# comes from the cookie.
script_catalog = vary_on_cookie(
    cache_control(no_cache=True)(
        etag(lambda request: _catalog_version(translation.get_language()))(ScriptCatalog.as_view())
    )
)


class SiteLanguage(LocaleMiddleware):
    """Django's choice (cookie, then Accept-Language), except that a page of the app without
    the cookie is Indonesian whatever the browser's language: Gagasan is Indonesian first, and
    its pages offer the switch."""

    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if chosen or request.path.startswith(BROWSER_LANGUAGE_PREFIXES):
            return super().process_request(request)
        translation.activate(settings.LANGUAGE_CODE)
        request.LANGUAGE_CODE = translation.get_language()
        return None
