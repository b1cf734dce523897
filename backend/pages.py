"""The browser app's pages, which talk only to the API.

The pages are Django templates in frontend_static/pages/ (that folder is in TEMPLATES["DIRS"]):
base.html holds the shared head, skip link, header and footer; each page extends it and fills in
its title, body class, title key, page script and main content. They render no server-side data.

Served by Django (not by the static handler) so that each page sets the CSRF cookie the API's
session authentication needs.
"""

from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.views.decorators.cache import cache_control
from django.views.decorators.csrf import ensure_csrf_cookie
from django.views.decorators.http import require_safe


def _page(name: str):
    @require_safe  # GET, and HEAD as GET does (monitors, link checkers)
    @ensure_csrf_cookie
    def view(request, **kwargs):
        response = render(request, f"{name}.html")
        response["Cache-Control"] = "no-cache"
        return response

    view.__name__ = f"{name}_page"
    return view


feed_page = _page("feed")
login_page = _page("login")
idea_page = _page("idea")
submit_page = _page("submit")
leaderboard_page = _page("leaderboard")
reviews_page = _page("reviews")
panel_page = _page("panel")
console_page = _page("console")
mine_page = _page("mine")
dashboard_page = _page("dashboard")


@require_safe
@cache_control(max_age=86400, public=True)
def favicon(request):
    """Browsers ask /favicon.ico of any page, the API's included: the icon's hashed file."""
    return redirect(static("img/favicon.svg"), permanent=False)
