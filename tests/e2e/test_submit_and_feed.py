import re

import pytest

from ideas.models import Idea
from tests.e2e.conftest import expect, sign_in
from tests.factories import make_idea

pytestmark = pytest.mark.e2e


def test_staff_submits_an_idea_after_fixing_a_missing_title_and_finds_it_in_the_feed(
    page, server_url, staff, other_staff, traffic, flooding
):
    # Two ideas already there: one shares the search word but not the category, the other
    # shares the category but not the word. Neither may show up in the filtered feed.
    other_category = make_idea(
        author=other_staff,
        category=flooding,
        title="Saluran resapan di bawah trotoar Sudirman",
        problem="Air hujan menggenangi trotoar dan jalan di kawasan Sudirman setiap sore.",
        solution="Membangun saluran resapan di bawah trotoar dengan grating yang mudah dibuka.",
    )
    other_word = make_idea(
        author=other_staff,
        category=traffic,
        title="Jalur khusus bus sekolah pada jam berangkat",
        problem="Bus sekolah terjebak kemacetan pagi sehingga siswa terlambat masuk kelas.",
        solution="Menyediakan lajur khusus bus sekolah pukul 06.00 sampai 07.00 di koridor utama.",
    )

    sign_in(page, server_url, username="staff1")
    expect(page.get_by_test_id("current-user")).to_contain_text("Budi Santoso")

    page.get_by_test_id("nav-new").click()
    page.wait_for_url(f"{server_url}/ideas/new/")
    expect(page.locator("#field-category option[value='traffic']")).to_have_count(1)

    # First attempt: everything but the title.
    page.locator("#field-problem").fill(
        "Trotoar di Kebayoran Baru terputus dan licin, pengguna kursi roda harus turun ke jalan."
    )
    page.locator("#field-solution").fill(
        "Trotoar dibangun ulang tanpa tangga, dengan ubin pemandu dan tanjakan di setiap simpang."
    )
    page.locator("#field-category").select_option("traffic")
    page.get_by_test_id("idea-submit").click()

    title_error = page.get_by_test_id("error-title")
    expect(title_error).to_be_visible()
    expect(title_error).not_to_be_empty()
    title_input = page.locator("#field-title")
    expect(title_input).to_have_attribute("aria-invalid", "true")
    expect(title_input).to_have_attribute("aria-describedby", re.compile(r"\berror-title\b"))
    summary = page.get_by_test_id("form-errors")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    # Only the title was wrong: the other fields carry no error.
    expect(page.get_by_test_id("error-problem")).to_be_hidden()
    expect(page.locator("#field-problem")).not_to_have_attribute("aria-invalid", "true")
    assert not Idea.objects.filter(author=staff).exists()

    # Second attempt, with a title.
    title_input.fill("Trotoar ramah difabel di Kebayoran Baru")
    page.get_by_test_id("idea-submit").click()
    page.wait_for_url(re.compile(r"/ideas/\d+/$"))

    idea = Idea.objects.get(author=staff)
    assert page.url == f"{server_url}/ideas/{idea.pk}/"
    assert idea.title == "Trotoar ramah difabel di Kebayoran Baru"
    assert idea.category == traffic
    assert idea.status == Idea.Status.SUBMITTED
    expect(page.get_by_test_id("idea-title")).to_have_text(idea.title)
    expect(page.get_by_test_id("idea-problem")).to_contain_text("pengguna kursi roda")
    expect(page.get_by_test_id("idea-author")).to_contain_text("Budi Santoso")
    expect(page.get_by_test_id("idea-category")).to_have_text("Lalu Lintas")

    # The feed, unfiltered, shows all three ideas...
    page.get_by_test_id("nav-feed").click()
    page.wait_for_url(f"{server_url}/")
    cards = page.get_by_test_id("idea-card")
    expect(cards).to_have_count(3)
    expect(page.locator("#filter-category option[value='traffic']")).to_have_count(1)

    # ...and, searched for the word and filtered by the category, only the new one.
    page.locator("#filter-search").fill("trotoar")
    page.locator("#filter-search").press("Enter")
    expect(cards).to_have_count(2)
    page.locator("#filter-category").select_option("traffic")
    page.wait_for_url(re.compile(r"[?&]category=traffic"))
    expect(cards).to_have_count(1)
    expect(cards.first).to_have_attribute("data-idea-id", str(idea.pk))
    expect(cards.first.get_by_test_id("idea-link")).to_have_text(idea.title)
    expect(cards.first.get_by_test_id("idea-link")).to_have_attribute("href", f"/ideas/{idea.pk}/")
    expect(cards.first.get_by_test_id("idea-category")).to_have_text("Lalu Lintas")
    expect(cards.first.get_by_test_id("status-badge")).to_have_text("Diajukan")
    list_text = page.get_by_test_id("idea-list").inner_text()
    assert other_category.title not in list_text
    assert other_word.title not in list_text

    # The filters live in the URL: a reload (or a shared link) shows the same results.
    assert "search=trotoar" in page.url
    page.reload()
    expect(page.locator("#filter-search")).to_have_value("trotoar")
    expect(page.locator("#filter-category")).to_have_value("traffic")
    expect(cards).to_have_count(1)
    expect(cards.first).to_have_attribute("data-idea-id", str(idea.pk))


def test_feed_shows_the_empty_state_when_nothing_matches(page, server_url, staff, traffic):
    make_idea(author=staff, category=traffic, title="Lampu lalu lintas adaptif di simpang")

    sign_in(page, server_url, username="staff1")
    expect(page.get_by_test_id("idea-card")).to_have_count(1)

    page.goto(f"{server_url}/?search=tidakadakatainidimanapun")
    expect(page.get_by_test_id("feed-empty")).to_be_visible()
    expect(page.get_by_test_id("feed-empty")).to_contain_text("Belum ada ide")
    expect(page.get_by_test_id("idea-card")).to_have_count(0)
