"""Each person's notifications: kept as rows with their cause, listed newest first with the
unread count, marked read by their owner only."""

import pytest

from ideas import services as idea_services
from notifications.models import Notification
from tests.conftest import client_for
from tests.factories import UserFactory, make_idea

pytestmark = pytest.mark.django_db


@pytest.fixture
def noticed(staff, other_staff, traffic):
    idea = make_idea(author=staff, category=traffic, title="Sensor genangan di underpass")
    admin = UserFactory(roles=["admin"])
    idea_services.idea_status_change(idea_id=idea.pk, to_status="in_review", changed_by=admin)
    idea_services.comment_create(idea=idea, author=other_staff, body="Setuju, perlu dicoba.")
    return idea


def test_the_list_is_newest_first_with_the_unread_count(staff_client, noticed):
    body = staff_client.get("/api/notifications/").json()
    assert (body["count"], body["unread"]) == (2, 2)
    assert [n["kind"] for n in body["results"]] == ["comment", "status_changed"]
    assert body["results"][1]["data"] == {
        "idea": noticed.pk,
        "status": "in_review",
        "title": "Sensor genangan di underpass",
    }
    assert body["results"][0]["read"] is False


def test_marking_read_one_then_all(staff_client, noticed):
    first = staff_client.get("/api/notifications/").json()["results"][0]["id"]
    assert staff_client.post("/api/notifications/read/", {"ids": [first]}).json() == {"unread": 1}
    assert staff_client.post("/api/notifications/read/", {}).json() == {"unread": 0}
    assert not Notification.objects.filter(read_at__isnull=True).exists()


def test_nobody_reads_or_marks_anothers_notifications(staff, other_staff, noticed):
    theirs = client_for(other_staff)
    assert theirs.get("/api/notifications/").json()["count"] == 0
    ids = list(Notification.objects.filter(user=staff).values_list("pk", flat=True))
    assert theirs.post("/api/notifications/read/", {"ids": ids}).json() == {"unread": 0}
    assert Notification.objects.filter(user=staff, read_at__isnull=True).count() == 2


@pytest.mark.parametrize("body", [{"ids": "x"}, {"ids": [0]}, {"ids": [2**63]}, {"ids": [1] * 501}])
def test_bad_ids_are_a_400_naming_the_field(staff_client, noticed, body):
    refused = staff_client.post("/api/notifications/read/", body)
    assert refused.status_code == 400 and "ids" in refused.json()
    assert Notification.objects.filter(read_at__isnull=True).count() == 2


def test_anonymous_is_a_401(api_client):
    assert api_client.get("/api/notifications/").status_code == 401
