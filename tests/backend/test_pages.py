import re

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

PAGES = [
    ("/", "feed", "Beranda"),
    ("/login/", "login", "Masuk"),
    ("/ideas/1/", "idea", "Ide"),
    ("/ideas/new/", "submit", "Ide baru"),
    ("/leaderboard/", "leaderboard", "Peringkat"),
    ("/reviews/", "reviews", "Penilaian"),
    ("/panel/", "panel", "Progres panel"),
]

SHARED_MARKUP = [
    '<script src="/jsi18n/"></script>',
    '<a class="skip-link" href="#main">Langsung ke konten utama</a>',
    '<header id="site-header" class="site-header"></header>',
    '<footer class="site-footer">',
    "<p>Platform inovasi ASN Pemprov DKI Jakarta</p>",
]
HASHED = "[0-9a-f]{12}"


@pytest.mark.parametrize(("url", "name", "title"), PAGES)
def test_each_page_renders_the_shared_layout_and_its_own_script(client, url, name, title):
    response = client.get(url)

    assert response.status_code == 200
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert response["Cache-Control"] == "no-cache"
    assert "csrftoken" in response.cookies
    html = response.content.decode()
    assert html.startswith('<!doctype html>\n<html lang="id">\n')
    for markup in SHARED_MARKUP:
        assert html.count(markup) == 1, markup
    assert f"<title>{title} · Gagasan</title>" in html
    assert re.search(f'<link rel="stylesheet" href="/static/css/app\\.{HASHED}\\.css">', html)
    assert html.count("<script") == 2
    assert re.search(
        f'<script type="module" src="/static/js/{name}\\.{HASHED}\\.js"></script>', html
    )
    assert html.index('src="/jsi18n/"') < html.index('type="module"')
    assert f'<body class="page-{name}">' in html
    assert html.index('id="site-header"') < html.index('<main id="main"') < html.index("</main>")
    assert html.index("</main>") < html.index('<footer class="site-footer">')
    assert "{%" not in html and "{{" not in html


def test_only_the_submit_page_narrows_its_main_column(client):
    mains = {
        name: client.get(url).content.decode().split('<main id="main" class="')[1].split('"')[0]
        for url, name, _ in PAGES
    }

    assert mains == {
        name: "main main-narrow" if name == "submit" else "main" for _, name, _ in PAGES
    }


@pytest.mark.parametrize(("url", "name", "title"), PAGES)
def test_pages_refuse_anything_but_get(client, url, name, title):
    assert client.post(url).status_code == 405


@pytest.mark.parametrize(("url", "name", "title"), PAGES)
def test_each_page_is_indonesian_whatever_the_browser_unless_english_was_chosen(url, name, title):
    browser_in_english = Client(HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    indonesian = browser_in_english.get(url).content.decode()

    browser_in_english.cookies["gagasan_lang"] = "en"
    english = browser_in_english.get(url).content.decode()

    assert '<html lang="id">' in indonesian and '<html lang="en">' in english
    assert "Langsung ke konten utama" in indonesian and "Skip to main content" in english
    assert "Platform inovasi ASN" not in english


def test_the_scripts_strings_come_from_the_same_catalogue_in_the_chosen_language():
    client = Client()
    indonesian = client.get("/jsi18n/")
    client.cookies["gagasan_lang"] = "en"
    english = client.get("/jsi18n/")

    assert indonesian.status_code == english.status_code == 200
    assert indonesian["Content-Type"].startswith("text/javascript")
    assert '"Cannot reach the server. Check your connection.": "Tidak dapat terhubung' in (
        indonesian.content.decode()
    )
    assert "Tidak dapat terhubung" not in english.content.decode()  # English is the source
    # Only Gagasan's own strings: none of Django's or the libraries' (the admin's, DRF's).
    assert "Tambah %(name)s" not in indonesian.content.decode()
    assert "Cookie" in indonesian["Vary"]
    assert indonesian["ETag"] != english["ETag"]
    unchanged = client.get("/jsi18n/", HTTP_IF_NONE_MATCH=english["ETag"])
    assert unchanged.status_code == 304


def test_scripts_and_styles_have_hashed_names_every_import_resolves_and_is_cached_a_year():
    client = Client()
    html = client.get("/login/").content.decode()
    pending = re.findall(
        f'(?:href|src)="(/static/(?:css|js)/[a-z]+\\.{HASHED}\\.(?:css|js))"', html
    )
    assert len(pending) == 2
    seen = set()
    while pending:
        url = pending.pop()
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        assert response.status_code == 200, url
        assert (
            "immutable" in response["Cache-Control"]
            and "max-age=315360000" in (response["Cache-Control"])
        )
        body = b"".join(response.streaming_content).decode()
        imports = re.findall(r'from "\./([a-z0-9]+\.[^"]+)"', body)
        for module in imports:
            assert re.fullmatch(f"[a-z0-9]+\\.{HASHED}\\.js", module), (url, module)
        pending += [f"/static/js/{module}" for module in imports]
    # login.js reaches the shared modules: the whole graph was walked.
    assert {re.sub(f"\\.{HASHED}", "", u) for u in seen} >= {
        "/static/js/login.js",
        "/static/js/api.js",
        "/static/js/i18n.js",
        "/static/js/layout.js",
    }
