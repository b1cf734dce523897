"""Served without the internet: the API docs load their assets from our own static files, the
pages answer HEAD as GET does, and a favicon exists."""

import re

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

PAGES = [
    "/",
    "/login/",
    "/ideas/new/",
    "/ideas/1/",
    "/leaderboard/",
    "/reviews/",
    "/panel/",
    "/kelola/",
    "/saya/",
    "/ideas/1/edit/",
]


def test_the_api_docs_load_nothing_from_another_host():
    client = Client()
    docs = client.get("/api/docs/")
    assert docs.status_code == 200
    html = docs.content.decode()
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert assets, "the docs page names its assets"
    assert not [a for a in assets if re.match(r"(https?:)?//", a)], assets
    scripts = [a for a in assets if a.endswith((".js", ".css"))]
    assert any("swagger-ui" in a for a in scripts), scripts
    for asset in scripts:
        served = client.get(asset)
        assert served.status_code == 200, asset


@pytest.mark.parametrize("path", PAGES)
def test_pages_answer_head_as_get_does(path):
    client = Client()
    got, head = client.get(path), client.head(path)
    assert got.status_code == head.status_code == 200
    assert head["Content-Type"] == got["Content-Type"]
    assert head.content == b""


def test_a_favicon_exists_and_every_page_links_it():
    client = Client()
    icon = client.get("/favicon.ico")
    assert icon.status_code == 302
    served = client.get(icon["Location"])
    assert served.status_code == 200
    assert served["Content-Type"].startswith("image/svg+xml")
    page = client.get("/").content.decode()
    assert f'<link rel="icon" href="{icon["Location"]}"' in page
