"""The browser app's pages: static HTML from frontend_static/pages/, which talk only to the API.

Served by Django (not by the static handler) so that each page sets the CSRF cookie the API's
session authentication needs.
"""

from django.conf import settings
from django.http import HttpResponse
from django.views.decorators.csrf import ensure_csrf_cookie
from django.views.decorators.http import require_GET

PAGES = {
    "feed": "feed.html",
    "login": "login.html",
    "idea": "idea.html",
    "submit": "submit.html",
    "leaderboard": "leaderboard.html",
    "reviews": "reviews.html",
    "panel": "panel.html",
}


def _page(name: str):
    @require_GET
    @ensure_csrf_cookie
    def view(request, **kwargs):
        path = settings.FRONTEND_DIR / "pages" / PAGES[name]
        response = HttpResponse(path.read_bytes(), content_type="text/html; charset=utf-8")
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
