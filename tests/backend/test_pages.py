import pytest

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
    '<link rel="stylesheet" href="/static/css/app.css">',
    '<a class="skip-link" href="#main" data-i18n="skip.main">Langsung ke konten utama</a>',
    '<header id="site-header" class="site-header"></header>',
    '<footer class="site-footer">',
    '<p data-i18n="app.tagline">Platform inovasi ASN Pemprov DKI Jakarta</p>',
]


@pytest.mark.parametrize(("url", "name", "title"), PAGES)
def test_each_page_renders_the_shared_layout_and_its_own_script(client, url, name, title):
    response = client.get(url)

    assert response.status_code == 200
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert response["Cache-Control"] == "no-cache"
    assert "csrftoken" in response.cookies
    html = response.content.decode()
    assert html.startswith("<!doctype html>\n")
    for markup in SHARED_MARKUP:
        assert html.count(markup) == 1, markup
    assert f"<title>{title} · Gagasan</title>" in html
    assert html.count("<script") == 1
    assert f'<script type="module" src="/static/js/{name}.js"></script>' in html
    assert f'<body class="page-{name}" data-title-key="{name}.title">' in html
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
