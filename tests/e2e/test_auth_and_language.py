import pytest

from tests.e2e.conftest import expect, sign_in
from tests.factories import PASSWORD, make_idea

pytestmark = pytest.mark.e2e


def test_anonymous_visit_to_the_feed_goes_to_the_sign_in_page(page, server_url, transactional_db):
    page.goto(f"{server_url}/")

    page.wait_for_url(f"{server_url}/login/?next=%2F")
    expect(page.locator("#login-form")).to_be_visible()
    expect(page.locator("label[for='username']")).to_have_text("Nama pengguna")
    expect(page.get_by_test_id("nav-feed")).to_have_count(0)


def test_anonymous_visit_to_an_idea_returns_there_after_signing_in(
    page, server_url, staff, traffic
):
    idea = make_idea(author=staff, category=traffic, title="Parkir sepeda di halte TransJakarta")

    page.goto(f"{server_url}/ideas/{idea.pk}/")
    page.wait_for_url(f"{server_url}/login/?next=%2Fideas%2F{idea.pk}%2F")

    page.locator("#username").fill("staff1")
    page.locator("#password").fill("salah-sandi")
    page.locator("#login-submit").click()
    expect(page.get_by_test_id("login-error")).to_be_visible()
    expect(page.get_by_test_id("login-error")).not_to_be_empty()
    assert "/login/" in page.url

    page.locator("#password").fill(PASSWORD)
    page.locator("#login-submit").click()
    page.wait_for_url(f"{server_url}/ideas/{idea.pk}/")
    expect(page.get_by_test_id("idea-title")).to_have_text(idea.title)


def test_language_switch_changes_interface_strings_and_back(
    page, context, server_url, staff, traffic
):
    sign_in(page, server_url, username="staff1")
    html = page.locator("html")
    switch = page.get_by_test_id("lang-switch")
    heading = page.locator("main h1")
    expect(html).to_have_attribute("lang", "id")
    expect(heading).to_have_text("Ide inovasi")
    expect(page.get_by_test_id("nav-feed")).to_have_text("Beranda")
    expect(page.locator("label[for='filter-category']")).to_have_text("Kategori")
    expect(page.locator("#filter-category option[value='traffic']")).to_have_text("Lalu Lintas")
    expect(switch).to_have_text("English")
    expect(switch).to_have_attribute("lang", "en")

    switch.click()

    expect(html).to_have_attribute("lang", "en")
    expect(heading).to_have_text("Innovation ideas")
    expect(page.get_by_test_id("nav-feed")).to_have_text("Home")
    expect(page.get_by_test_id("nav-new")).to_have_text("New idea")
    expect(page.locator("label[for='filter-category']")).to_have_text("Category")
    # Category names come from the server, which follows the language cookie.
    expect(page.locator("#filter-category option[value='traffic']")).to_have_text("Traffic")
    expect(switch).to_have_text("Bahasa Indonesia")
    expect(switch).to_have_attribute("lang", "id")
    cookies = {c["name"]: c["value"] for c in context.cookies()}
    assert cookies.get("gagasan_lang") == "en"

    # The choice survives navigation, and the server's messages follow it.
    page.get_by_test_id("nav-new").click()
    page.wait_for_url(f"{server_url}/ideas/new/")
    expect(html).to_have_attribute("lang", "en")
    expect(page.locator("main h1")).to_have_text("Post a new idea")
    expect(page.locator("#field-category option[value='traffic']")).to_have_text("Traffic")
    page.get_by_test_id("idea-submit").click()
    expect(page.get_by_test_id("error-title")).to_have_text("This field may not be blank.")
    page.locator("#field-problem").fill("Genangan di underpass Kemayoran")

    page.get_by_test_id("lang-switch").click()

    expect(html).to_have_attribute("lang", "id")
    expect(page.locator("main h1")).to_have_text("Ajukan ide baru")
    expect(page.get_by_test_id("nav-feed")).to_have_text("Beranda")
    expect(page.get_by_test_id("lang-switch")).to_have_text("English")
    expect(page.locator("#field-category option[value='traffic']")).to_have_text("Lalu Lintas")
    # The page was loaded again in Indonesian; what was typed but not sent is still there.
    expect(page.locator("#field-problem")).to_have_value("Genangan di underpass Kemayoran")
    cookies = {c["name"]: c["value"] for c in context.cookies()}
    assert cookies.get("gagasan_lang") == "id"
    page.get_by_test_id("idea-submit").click()
    expect(page.get_by_test_id("error-title")).not_to_have_text("This field may not be blank.")
    expect(page.get_by_test_id("error-title")).not_to_be_empty()


def test_signing_out_ends_the_session(page, server_url, staff):
    sign_in(page, server_url, username="staff1")
    expect(page.get_by_test_id("current-user")).to_contain_text("Budi Santoso")

    page.get_by_test_id("signout").click()
    page.wait_for_url(f"{server_url}/login/")
    expect(page.locator("#login-form")).to_be_visible()

    page.goto(f"{server_url}/ideas/new/")
    page.wait_for_url(f"{server_url}/login/?next=%2Fideas%2Fnew%2F")
