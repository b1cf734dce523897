"""Co-author invitations in a real browser (issue 12): the invitee accepts from their
notification list on /saya/ and becomes a co-author (the idea is then marked as a cross-agency
collaboration, and the feed's filter finds it); the author sees who is still invited on the
idea page and withdraws an invitation."""

import pytest

from ideas.models import CoAuthorInvitation
from ideas.services import idea_create
from tests.e2e.conftest import expect, shoot, sign_in
from tests.factories import UserFactory, make_idea

pytestmark = pytest.mark.e2e


def invited(author, invitee, category, title):
    idea = idea_create(
        author=author,
        category=category,
        title=title,
        problem="Warga bantaran kali tidak tahu posko mana yang buka saat banjir.",
        solution="Peta posko bersama yang diperbarui petugas dua dinas.",
        co_authors=[invitee],
    )
    return idea, idea.invitations.get()


def test_an_invitation_is_accepted_from_the_notification_list(
    page, server_url, staff, other_staff, traffic
):
    idea, invitation = invited(staff, other_staff, traffic, "Posko banjir bersama dua dinas")
    make_idea(author=staff, category=traffic, title="Lampu adaptif satu dinas")

    sign_in(page, server_url, username="staff2")  # Siti, of another agency than Budi's
    page.goto(f"{server_url}/saya/")
    item = page.get_by_test_id("notification").filter(has_text="Posko banjir bersama dua dinas")
    expect(item).to_have_count(1)
    with page.expect_response(f"**/api/invitations/{invitation.pk}/accept/") as answer:
        item.get_by_test_id("notification-invitation-accept").click()
    assert answer.value.status == 200
    expect(item.get_by_test_id("notification-invitation-status")).not_to_be_empty()
    expect(item.get_by_test_id("notification-invitation-accept")).to_be_hidden()
    shoot(page, "invitation-accepted")
    invitation.refresh_from_db()
    assert invitation.status == "accepted"
    assert list(idea.co_authors.values_list("pk", flat=True)) == [other_staff.pk]

    # Answered: after a reload the list says so instead of offering the buttons again.
    page.reload()
    item = page.get_by_test_id("notification").filter(has_text="Posko banjir bersama dua dinas")
    expect(item.get_by_test_id("notification-invitation-status")).not_to_be_empty()
    expect(item.get_by_test_id("notification-invitation-accept")).to_have_count(0)

    # The idea page: a co-author now (may edit), and a cross-agency collaboration.
    page.goto(f"{server_url}/ideas/{idea.pk}/")
    expect(page.get_by_test_id("idea-co-authors")).to_contain_text("Siti Rahmawati")
    expect(page.get_by_test_id("idea-collaboration")).to_be_visible()
    expect(page.get_by_test_id("idea-edit")).to_be_visible()
    expect(page.get_by_test_id("idea-invitation")).to_have_count(0)

    # The feed's filter finds collaborations only.
    page.goto(f"{server_url}/?collaboration=true")
    cards = page.get_by_test_id("idea-card")
    expect(cards).to_have_count(1)
    expect(cards.first).to_contain_text("Posko banjir bersama dua dinas")
    expect(cards.first.get_by_test_id("idea-collaboration")).to_be_visible()
    page.goto(f"{server_url}/")
    expect(page.get_by_test_id("idea-card")).to_have_count(2)


def test_the_invitee_declines_on_the_idea_page_and_the_author_withdraws_another(
    page, server_url, staff, other_staff, traffic
):
    idea, invitation = invited(staff, other_staff, traffic, "Posko banjir bersama dua dinas")
    third = UserFactory(username="staff3", full_name="Rina Kurnia")
    second_idea, second_invitation = invited(staff, third, traffic, "Peta genangan bersama")

    sign_in(page, server_url, username="staff2")
    page.goto(f"{server_url}/ideas/{idea.pk}/")
    box = page.get_by_test_id("idea-invitation")
    expect(box).to_be_visible()
    expect(page.get_by_test_id("idea-edit")).to_be_hidden()  # not before accepting
    with page.expect_response(f"**/api/invitations/{invitation.pk}/decline/") as answer:
        box.get_by_test_id("idea-invitation-decline").click()
    assert answer.value.status == 200
    expect(box.get_by_test_id("idea-invitation-status")).not_to_be_empty()
    invitation.refresh_from_db()
    assert invitation.status == "declined"

    page.context.clear_cookies()
    sign_in(page, server_url, username="staff1")
    page.goto(f"{server_url}/ideas/{second_idea.pk}/")
    pending = page.get_by_test_id("invitation-pending")
    expect(pending).to_have_count(1)
    expect(pending).to_contain_text("Rina Kurnia")
    with page.expect_response(f"**/api/invitations/{second_invitation.pk}/withdraw/") as answer:
        pending.get_by_test_id("invitation-withdraw").click()
    assert answer.value.status == 200
    expect(page.get_by_test_id("invitation-pending")).to_have_count(0)
    assert CoAuthorInvitation.objects.get(pk=second_invitation.pk).status == "withdrawn"
