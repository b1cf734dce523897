"""In the browser: following an idea from its page, choosing how notifications are emailed on
one's own page, and the unsubscribe link's confirmation page (no sign-in), at phone width,
with no serious axe violation."""

import pytest

from ideas.models import IdeaFollow
from notifications import emails
from notifications.models import NotificationPreference
from tests.e2e.conftest import axe_serious, expect, shoot, sign_in
from tests.factories import campaign_in_phase, make_idea

pytestmark = pytest.mark.e2e


def test_a_reader_follows_an_idea_and_unfollows_it(page, server_url, staff, other_staff, traffic):
    idea = make_idea(
        author=other_staff,
        category=traffic,
        campaign=campaign_in_phase("voting"),
        title="Sensor genangan di underpass",
    )
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, server_url, username=staff.username)
    page.goto(f"{server_url}/ideas/{idea.pk}/")

    button = page.get_by_test_id("follow-button")
    expect(button).to_have_attribute("aria-pressed", "false")
    button.click()
    expect(button).to_have_attribute("aria-pressed", "true")
    expect(page.get_by_test_id("follow-state")).to_contain_text("2")
    assert IdeaFollow.objects.filter(idea=idea, user=staff).exists()
    assert axe_serious(page) == []
    shoot(page, "idea-follow-390")

    button.click()
    expect(button).to_have_attribute("aria-pressed", "false")
    assert not IdeaFollow.objects.filter(idea=idea, user=staff).exists()


def test_email_settings_are_chosen_on_ones_own_page(page, server_url, staff):
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, server_url, username=staff.username)
    page.goto(f"{server_url}/saya/#notification-preferences")

    row = page.locator('[data-testid="preference"][data-kind="comment"] select')
    expect(row).to_have_value("immediate")
    row.select_option("digest")
    page.locator("#pref-language").select_option("en")
    page.get_by_test_id("preferences-save").click()

    expect(page.get_by_test_id("preferences-message")).not_to_be_empty()
    assert NotificationPreference.objects.get(user=staff, kind="comment").delivery == "digest"
    assert axe_serious(page) == []
    page.reload()
    expect(page.locator('[data-testid="preference"][data-kind="comment"] select')).to_have_value(
        "digest"
    )
    shoot(page, "email-settings-390")


def test_the_unsubscribe_link_asks_then_stops_the_emails_without_signing_in(
    page, server_url, staff
):
    url = emails.unsubscribe_url(user_id=staff.pk, kinds=["comment"]).split("/berhenti")[1]
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{server_url}/berhenti{url}")

    assert not NotificationPreference.objects.exists()
    assert axe_serious(page) == []
    page.get_by_test_id("unsubscribe-confirm").click()

    expect(page.get_by_test_id("unsubscribe-done")).to_be_visible()
    assert NotificationPreference.objects.get(user=staff, kind="comment").delivery == "never"
    assert axe_serious(page) == []
