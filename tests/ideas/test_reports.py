"""Reporting a comment or an idea to the moderators, the queue, and settling reports:
POST /api/comments/{id}/report/, POST /api/ideas/{id}/report/, GET /api/moderation/reports/,
POST /api/moderation/reports/{id}/resolve/."""

import pytest
from django.db import IntegrityError, transaction

from ideas import comments, services
from ideas.models import Comment, Idea, Report
from notifications.models import Notification
from tests.conftest import client_for
from tests.factories import UserFactory, make_idea
from tests.ideas.conftest import iso

pytestmark = pytest.mark.django_db


@pytest.fixture
def idea(other_staff, traffic, voting_campaign):
    return make_idea(author=other_staff, category=traffic, campaign=voting_campaign, title="Rob")


@pytest.fixture
def rude(idea, other_staff):
    return services.comment_create(idea=idea, author=other_staff, body="Komentar kasar")


def report_comment(client, comment, reason="offensive", **extra):
    return client.post(
        f"/api/comments/{comment.pk}/report/", {"reason": reason, **extra}, format="json"
    )


def test_reporting_a_comment_is_201_with_the_report_and_stored_open(staff, staff_client, rude):
    response = report_comment(staff_client, rude, note="Menghina warga")

    assert response.status_code == 201, response.content
    report = Report.objects.get()
    assert response.json() == {
        "id": report.pk,
        "idea": rude.idea_id,
        "comment": rude.pk,
        "reason": "offensive",
        "note": "Menghina warga",
        "status": "open",
        "created_at": iso(report.created_at),
    }
    assert (report.reporter, report.status) == (staff, "open")


def test_a_second_report_by_the_same_person_is_the_same_report(staff_client, rude):
    first = report_comment(staff_client, rude)
    second = report_comment(staff_client, rude, reason="spam")

    assert (first.status_code, second.status_code) == (201, 200)
    assert second.json()["id"] == first.json()["id"]
    assert second.json()["reason"] == "offensive"  # the open report stands as it was
    assert Report.objects.count() == 1


def test_the_database_refuses_a_second_open_report_by_the_same_person(staff, rude, idea):
    Report.objects.create(reporter=staff, idea=idea, comment=rude, reason="spam")
    Report.objects.create(reporter=staff, idea=idea, reason="spam")  # the idea: another object
    for comment in (rude, None):
        with pytest.raises(IntegrityError), transaction.atomic():
            Report.objects.create(reporter=staff, idea=idea, comment=comment, reason="other")


def test_others_reports_are_their_own_and_nobody_is_told_of_them(
    staff_client, leader, rude, admin_client
):
    mine = report_comment(staff_client, rude).json()
    theirs = report_comment(client_for(leader), rude, reason="spam").json()

    assert mine["id"] != theirs["id"]
    assert set(mine) == {"id", "idea", "comment", "reason", "note", "status", "created_at"}
    queue = admin_client.get("/api/moderation/reports/", {"status": "open"}).json()
    assert [row["open_reports"] for row in queue["results"]] == [2, 2]


def test_reporting_an_idea(staff_client, idea):
    response = staff_client.post(f"/api/ideas/{idea.pk}/report/", {"reason": "spam"})
    again = staff_client.post(f"/api/ideas/{idea.pk}/report/", {"reason": "spam"})

    assert (response.status_code, again.status_code) == (201, 200)
    assert (response.json()["idea"], response.json()["comment"]) == (idea.pk, None)
    assert Report.objects.get().comment_id is None


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "reason"),
        ({"reason": "boring"}, "reason"),
        ({"reason": "other", "note": "x" * 1001}, "note"),
    ],
)
def test_a_bad_reason_or_note_is_400_naming_it(staff_client, rude, body, field):
    response = staff_client.post(f"/api/comments/{rude.pk}/report/", body, format="json")

    assert (response.status_code, list(response.json())) == (400, [field])
    assert not Report.objects.exists()


def test_what_cannot_be_seen_cannot_be_reported(staff, staff_client, admin_user, traffic, rude):
    draft = make_idea(author=UserFactory(), category=traffic, draft=True)
    services.comment_moderate(comment_id=rude.pk, by=admin_user, reason="Kasar")

    assert (
        staff_client.post(f"/api/ideas/{draft.pk}/report/", {"reason": "spam"}).status_code == 404
    )
    assert report_comment(staff_client, rude).status_code == 404
    assert staff_client.post("/api/comments/999999/report/", {"reason": "spam"}).status_code == 404
    assert not Report.objects.exists()


def test_the_queue_is_for_admins_only(staff_client, leader, rude):
    report_comment(staff_client, rude)

    assert staff_client.get("/api/moderation/reports/").status_code == 403
    assert client_for(leader).get("/api/moderation/reports/").status_code == 403


def test_the_queue_shows_what_was_reported_oldest_first_and_filters_by_status(
    staff, staff_client, admin_client, other_staff, idea, rude, django_assert_max_num_queries
):
    report_comment(staff_client, rude, note="Kasar sekali")
    staff_client.post(f"/api/ideas/{idea.pk}/report/", {"reason": "off_topic"})
    for _ in range(3):
        report_comment(client_for(UserFactory()), rude, reason="spam")

    with django_assert_max_num_queries(6):
        body = admin_client.get("/api/moderation/reports/", {"status": "open"}).json()

    assert body["count"] == 5
    first, second = body["results"][:2]
    assert first["target"] == {
        "type": "comment",
        "idea": idea.pk,
        "idea_title": "Rob",
        "comment": rude.pk,
        "body": "Komentar kasar",
        "author": {
            "id": other_staff.pk,
            "full_name": other_staff.full_name,
            "agency": {
                "id": other_staff.agency.pk,
                "code": other_staff.agency.code,
                "name": other_staff.agency.name,
            },
        },
        "shown": True,
    }
    assert (first["reason"], first["note"], first["reporter"]["id"]) == (
        "offensive",
        "Kasar sekali",
        staff.pk,
    )
    assert first["open_reports"] == 4
    assert (second["target"]["type"], second["target"]["comment"], second["open_reports"]) == (
        "idea",
        None,
        1,
    )
    assert (
        admin_client.get("/api/moderation/reports/", {"status": "dismissed"}).json()["count"] == 0
    )
    assert admin_client.get("/api/moderation/reports/", {"status": "nope"}).status_code == 400


def test_dismissing_a_report_settles_every_open_report_on_that_object_only(
    staff_client, leader, admin_user, admin_client, idea, rude
):
    one = report_comment(staff_client, rude).json()
    report_comment(client_for(leader), rude)
    on_idea = staff_client.post(f"/api/ideas/{idea.pk}/report/", {"reason": "spam"}).json()

    response = admin_client.post(
        f"/api/moderation/reports/{one['id']}/resolve/", {"action": "dismiss"}, format="json"
    )

    assert response.status_code == 200, response.content
    assert (response.json()["status"], response.json()["resolved_by"]["id"]) == (
        "dismissed",
        admin_user.pk,
    )
    assert set(Report.objects.filter(comment=rude).values_list("status", flat=True)) == {
        "dismissed"
    }
    assert Report.objects.get(pk=on_idea["id"]).status == "open"
    assert Comment.objects.get(pk=rude.pk).is_published
    again = admin_client.post(
        f"/api/moderation/reports/{one['id']}/resolve/", {"action": "dismiss"}, format="json"
    )
    assert (again.status_code, again.json()["code"]) == (409, "report_closed")
    # Settled: the same person may report the comment anew.
    assert report_comment(staff_client, rude).status_code == 201


def test_hiding_a_reported_comment_takes_it_down_and_closes_its_reports(
    staff_client, leader, admin_client, other_staff, idea, rude
):
    one = report_comment(staff_client, rude).json()
    report_comment(client_for(leader), rude)

    response = admin_client.post(
        f"/api/moderation/reports/{one['id']}/resolve/",
        {"action": "hide", "note": "Melanggar etika."},
        format="json",
    )

    assert response.status_code == 200, response.content
    assert response.json()["status"] == "actioned"
    assert response.json()["target"]["shown"] is False
    rude.refresh_from_db()
    assert (rude.is_published, rude.moderation_reason) == (False, "Melanggar etika.")
    assert Idea.objects.get(pk=idea.pk).comment_count == 0
    assert set(Report.objects.values_list("status", flat=True)) == {"actioned"}
    assert Notification.objects.filter(user=other_staff, kind="comment_hidden").exists()


def test_hiding_needs_a_note_for_the_author(staff_client, admin_client, rude):
    one = report_comment(staff_client, rude).json()

    response = admin_client.post(
        f"/api/moderation/reports/{one['id']}/resolve/", {"action": "hide"}, format="json"
    )

    assert (response.status_code, list(response.json())) == (400, ["note"])
    assert Report.objects.get().status == "open"
    assert Comment.objects.get(pk=rude.pk).is_published


def test_hiding_a_reported_idea_goes_through_the_status_change(staff_client, admin_client, idea):
    one = staff_client.post(f"/api/ideas/{idea.pk}/report/", {"reason": "spam"}).json()

    response = admin_client.post(
        f"/api/moderation/reports/{one['id']}/resolve/",
        {"action": "hide", "note": "Iklan."},
        format="json",
    )

    assert response.status_code == 200, response.content
    idea.refresh_from_db()
    assert idea.status == "hidden"
    assert idea.status_changes.last().note == "Iklan."
    assert Report.objects.get().status == "actioned"


def test_the_existing_moderation_services_close_the_open_reports_themselves(
    staff, leader, admin_user, idea, rude
):
    comments.comment_report(comment=rude, reporter=staff, reason="offensive")
    comments.idea_report(idea=idea, reporter=leader, reason="spam")

    services.comment_moderate(comment_id=rude.pk, by=admin_user, reason="Kasar")
    assert list(Report.objects.order_by("pk").values_list("status", flat=True)) == [
        "actioned",
        "open",
    ]
    services.idea_status_change(
        idea_id=idea.pk, to_status="hidden", changed_by=admin_user, note="Spam"
    )
    assert set(Report.objects.values_list("status", flat=True)) == {"actioned"}


def test_only_admins_settle_reports(staff_client, leader, rude):
    one = report_comment(staff_client, rude).json()

    response = client_for(leader).post(
        f"/api/moderation/reports/{one['id']}/resolve/", {"action": "dismiss"}, format="json"
    )

    assert (response.status_code, response.json()["code"]) == (403, "not_admin")
    assert Report.objects.get().status == "open"
