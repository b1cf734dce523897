"""Typing a new idea brings a similar existing one as a suggestion, linked to its page; at a
phone's width too; and nothing is said while nothing is alike."""

import pytest

from tests.e2e.conftest import axe_serious, expect, shoot, sign_in
from tests.factories import make_idea

pytestmark = pytest.mark.e2e


def test_typing_an_idea_brings_a_similar_one_with_a_link(
    page, server_url, staff, other_staff, flooding
):
    original = make_idea(
        author=other_staff,
        category=flooding,
        title="Pompa dan tanggul untuk banjir rob di Muara Angke",
        problem="Air laut merendam permukiman nelayan Muara Angke setiap bulan purnama.",
    )
    make_idea(author=other_staff, category=flooding, title="Bank sampah digital tingkat RW")
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, server_url, username="staff1")
    page.goto(f"{server_url}/ideas/new/")

    box = page.get_by_test_id("similar-ideas")
    page.locator("#field-title").press_sequentially("Tempat penitipan anak", delay=10)
    page.wait_for_timeout(900)
    expect(box).to_be_hidden()  # nothing alike: nothing said

    page.locator("#field-title").fill("")
    page.locator("#field-title").press_sequentially(
        "Mengatasi genangan pasang di Muara Angke", delay=10
    )

    item = page.get_by_test_id("similar-item")
    expect(item).to_have_count(1)
    expect(box).to_be_visible()
    link = item.get_by_role("link")
    expect(link).to_have_text(original.title)
    expect(link).to_have_attribute("href", f"/ideas/{original.pk}/")
    expect(page.locator("#similar-heading")).not_to_be_empty()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, width
    assert axe_serious(page) == []
    shoot(page, "submit-similar-390")


def test_an_admin_merges_a_duplicate_from_its_page_and_both_pages_show_the_lineage(
    page, server_url, admin_user, staff, other_staff, flooding
):
    original = make_idea(
        author=other_staff,
        category=flooding,
        title="Pompa dan tanggul untuk banjir rob di Muara Angke",
        problem="Air laut merendam permukiman nelayan Muara Angke setiap bulan purnama.",
    )
    duplicate = make_idea(
        author=staff,
        category=flooding,
        title="Tanggul banjir rob untuk nelayan Muara Angke",
        problem="Rumah nelayan Muara Angke terendam air pasang.",
    )
    sign_in(page, server_url, username="admin")
    page.goto(f"{server_url}/ideas/{duplicate.pk}/")

    control = page.get_by_test_id("idea-merge")
    expect(control).to_be_visible()
    assert axe_serious(page) == []
    page.get_by_test_id("merge-note").fill("Gagasan yang sama.")
    page.get_by_test_id("merge-search").click()
    candidate = page.get_by_test_id("merge-candidates").locator("li", has_text=original.title)
    expect(candidate).to_have_count(1)
    page.once("dialog", lambda dialog: dialog.accept())
    candidate.get_by_test_id("merge-into").click()

    into = page.get_by_test_id("lineage-into")
    expect(into).to_be_visible()
    expect(into.get_by_role("link")).to_have_attribute("href", f"/ideas/{original.pk}/")
    expect(page.get_by_test_id("idea-merge")).to_be_hidden()
    duplicate.refresh_from_db()
    assert (duplicate.status, duplicate.merged_into_id) == ("merged", original.pk)

    page.goto(f"{server_url}/ideas/{original.pk}/")
    merged_here = page.get_by_test_id("lineage-from")
    expect(merged_here.get_by_role("link")).to_have_text(duplicate.title)
    assert axe_serious(page) == []
    shoot(page, "idea-merged-here")
