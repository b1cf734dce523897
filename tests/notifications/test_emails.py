"""Emails of notifications: per person and kind immediately, in the day's digest or never
(GET/PUT /api/notifications/preferences/), in the recipient's language, queued after commit
as a Celery task (eager here), each with a one-click unsubscribe link per kind (RFC 8058)."""

import re
import socket
from datetime import UTC, datetime, timedelta

import pytest
from celery.signals import task_retry
from django.core import mail
from django.core.management import call_command
from django.utils import timezone, translation
from django.utils.translation import gettext

from ideas import services as idea_services
from notifications import emails, services
from notifications.kinds import kinds_all
from notifications.models import Digest, Notification, NotificationPreference
from tests.conftest import client_for
from tests.factories import CampaignFactory, UserFactory, make_idea
from tests.notifications.conftest import person

pytestmark = pytest.mark.django_db

KINDS = [
    "status_changed",
    "comment",
    "comment_hidden",
    "review_feedback",
    "vote_milestone",
    "comment_reply",
    "official_response",
    "review_assigned",
    "coauthor_invited",
    "coauthor_answered",
    "idea_merged",
    "followed_activity",
]


@pytest.fixture
def budi(db):
    return person(username="budi", full_name="Budi Santoso")


@pytest.fixture
def idea(budi, traffic):
    made = make_idea(author=budi, category=traffic, title="Sensor genangan di underpass")
    Notification.objects.all().delete()
    return made


def comment_on(idea, django_capture_on_commit_callbacks, body="Setuju."):
    with django_capture_on_commit_callbacks(execute=True):
        return idea_services.comment_create(idea=idea, author=UserFactory(), body=body)


# --- The kinds ---------------------------------------------------------------------------------


def test_every_kind_of_the_issue_is_registered_with_a_label_and_a_subject_in_both_languages():
    registered = {kind.code: kind for kind in kinds_all()}
    assert set(KINDS) <= set(registered)
    data = {"idea": 1, "title": "Sensor", "status": "shortlisted", "votes": 50, "event": "status"}
    for code in KINDS:
        kind = registered[code]

        with translation.override("en"):
            english = kind.subject_for(data)
        with translation.override("id"):
            indonesian = kind.subject_for(data)
        assert "Sensor" in english and str(kind.label)
        assert kind.default_delivery in ("immediate", "digest", "never")
        assert indonesian  # its Indonesian comes with the catalogue (the lead merges it)


# --- Preferences -------------------------------------------------------------------------------


def test_preferences_list_every_kind_with_its_default_and_a_put_changes_only_those_given(budi):
    client = client_for(budi)
    before = client.get("/api/notifications/preferences/").json()
    assert before["language"] == "id"
    by_kind = {item["kind"]: item for item in before["kinds"]}
    assert set(KINDS) <= set(by_kind)
    assert by_kind["comment"]["delivery"] == by_kind["comment"]["default"] == "immediate"
    assert by_kind["followed_activity"]["default"] == "digest"

    put = client.put(
        "/api/notifications/preferences/",
        {"language": "en", "kinds": [{"kind": "comment", "delivery": "digest"}]},
        format="json",
    )

    assert put.status_code == 200
    after = {item["kind"]: item["delivery"] for item in put.json()["kinds"]}
    assert after["comment"] == "digest" and put.json()["language"] == "en"
    assert after["status_changed"] == "immediate"
    assert client.get("/api/notifications/preferences/").json() == put.json()
    assert list(NotificationPreference.objects.values_list("user", "kind", "delivery")) == [
        (budi.pk, "comment", "digest")
    ]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"kinds": [{"kind": "nope", "delivery": "never"}]}, "kinds"),
        ({"kinds": [{"kind": "comment", "delivery": "weekly"}]}, "kinds"),
        ({"language": "fr"}, "language"),
    ],
)
def test_a_bad_preference_is_a_400_naming_the_field(budi, body, field):
    refused = client_for(budi).put("/api/notifications/preferences/", body, format="json")
    assert refused.status_code == 400 and field in refused.json()
    assert not NotificationPreference.objects.exists()


def test_preferences_are_for_the_signed_in_only(api_client):
    assert api_client.get("/api/notifications/preferences/").status_code == 401


# --- Immediately -------------------------------------------------------------------------------


def test_a_comment_is_emailed_at_once_after_commit_with_its_unsubscribe_link_and_headers(
    idea, budi, outbox, django_capture_on_commit_callbacks
):
    services.preferences_set(user=budi, language="en")  # exact strings, before the catalogue
    comment = comment_on(idea, django_capture_on_commit_callbacks)

    assert len(outbox) == 1
    message = outbox[0]
    assert message.to == ["budi@jakarta.go.id"]
    assert message.subject == "[Gagasan] A new comment on your idea “Sensor genangan di underpass”"
    assert f"https://gagasan.jakarta.go.id/ideas/{idea.pk}/" in message.body
    url = re.search(
        r"<(https://gagasan\.jakarta\.go\.id/berhenti-langganan/[^>]+/)>",
        message.extra_headers["List-Unsubscribe"],
    ).group(1)
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert url in message.body
    assert emails.unsubscribe_read(url.rstrip("/").rsplit("/", 1)[1]) == (budi.pk, ["comment"])
    stored = Notification.objects.get(user=budi)
    assert (stored.data["comment"], stored.delivery) == (comment.pk, "immediate")
    assert stored.emailed_at is not None


def test_nothing_is_emailed_before_the_cause_commits(idea, outbox):
    # No on-commit callbacks run in this test's transaction: the email waits for a commit.
    idea_services.comment_create(idea=idea, author=UserFactory(), body="Setuju.")
    assert Notification.objects.filter(delivery="immediate").count() == 1
    assert outbox == []


def test_the_email_is_in_the_recipients_language_else_the_sites(
    idea, budi, outbox, django_capture_on_commit_callbacks
):
    comment_on(idea, django_capture_on_commit_callbacks)
    services.preferences_set(user=budi, language="en")
    comment_on(idea, django_capture_on_commit_callbacks)

    english = "A new comment on your idea “%(title)s”"
    with translation.override("id"):
        indonesian = gettext(english) % {"title": idea.title}
        hello = gettext("Hello %(name)s,") % {"name": "Budi Santoso"}
    assert [m.subject for m in outbox] == [
        f"[Gagasan] {indonesian}",
        f"[Gagasan] {english % {'title': idea.title}}",
    ]
    assert outbox[0].body.startswith(hello + "\n")
    assert outbox[1].body.startswith("Hello Budi Santoso,\n")


def test_never_means_the_list_only(idea, budi, outbox, django_capture_on_commit_callbacks):
    services.preferences_set(user=budi, deliveries={"comment": "never"})
    comment_on(idea, django_capture_on_commit_callbacks)
    assert outbox == []
    assert Notification.objects.get(user=budi).delivery == "never"
    call_command("notifications_digest")
    assert outbox == []


def test_someone_without_an_address_is_never_emailed(
    traffic, outbox, django_capture_on_commit_callbacks
):
    author = UserFactory(email="")
    idea = make_idea(author=author, category=traffic)
    comment_on(idea, django_capture_on_commit_callbacks)
    assert Notification.objects.get(user=author, kind="comment").delivery == "never"
    assert outbox == []


# --- The daily digest --------------------------------------------------------------------------


def test_digest_notifications_wait_for_one_email_a_day_and_a_second_run_sends_nothing(
    idea, budi, outbox, django_capture_on_commit_callbacks
):
    services.preferences_set(
        user=budi, deliveries={"comment": "digest", "status_changed": "digest"}, language="en"
    )
    comment_on(idea, django_capture_on_commit_callbacks, body="Satu.")
    comment_on(idea, django_capture_on_commit_callbacks, body="Dua.")
    with django_capture_on_commit_callbacks(execute=True):
        idea_services.idea_status_change(
            idea_id=idea.pk, to_status="in_review", changed_by=UserFactory(roles=["admin"])
        )
    assert outbox == []

    with django_capture_on_commit_callbacks(execute=True):
        call_command("notifications_digest")
    with django_capture_on_commit_callbacks(execute=True):
        call_command("notifications_digest")

    assert len(outbox) == 1
    digest = outbox[0]
    assert digest.to == ["budi@jakarta.go.id"]
    assert digest.subject == "[Gagasan] Your Gagasan digest: 3 notifications"
    assert digest.body.count(f"/ideas/{idea.pk}/") == 3
    assert digest.body.count("/berhenti-langganan/") == 2  # a link per kind in it
    token = re.search(r"/berhenti-langganan/([^/>]+)/>", digest.extra_headers["List-Unsubscribe"])
    assert emails.unsubscribe_read(token.group(1)) == (budi.pk, ["comment", "status_changed"])
    stored = Digest.objects.get()
    assert (stored.user, stored.day, stored.sent_at is not None) == (
        budi,
        timezone.localdate(),
        True,
    )
    assert Notification.objects.filter(digest=stored).count() == 3


def test_what_arrives_after_the_days_digest_waits_for_the_next_days(
    idea, budi, outbox, django_capture_on_commit_callbacks
):
    services.preferences_set(user=budi, deliveries={"comment": "digest"})
    comment_on(idea, django_capture_on_commit_callbacks, body="Kemarin.")
    with django_capture_on_commit_callbacks(execute=True):
        services.digests_create(day=timezone.localdate() - timedelta(days=1))
    comment_on(idea, django_capture_on_commit_callbacks, body="Hari ini.")

    with django_capture_on_commit_callbacks(execute=True):
        services.digests_create()
        services.digests_create()

    assert [m.body.count(f"/ideas/{idea.pk}/") for m in outbox] == [1, 1]
    assert Digest.objects.count() == 2


def test_a_run_that_finds_todays_digest_written_by_another_run_makes_none(
    idea, budi, outbox, django_capture_on_commit_callbacks
):
    services.preferences_set(user=budi, deliveries={"comment": "digest"})
    comment_on(idea, django_capture_on_commit_callbacks)
    Digest.objects.create(user=budi, day=timezone.localdate())  # a concurrent run's, committed

    with django_capture_on_commit_callbacks(execute=True):
        assert services.digests_create() == []

    assert outbox == [] and Digest.objects.count() == 1
    assert Notification.objects.get(user=budi).digest is None  # tomorrow's


def test_the_digest_day_is_jakartas(settings):
    # 18:30 UTC is already the next day in Jakarta (UTC+7).
    moment = datetime(2026, 12, 6, 18, 30, tzinfo=UTC)
    assert services.digest_day(moment).isoformat() == "2026-12-07"


def test_the_beat_runs_the_digest_daily():
    from django.conf import settings

    entry = settings.CELERY_BEAT_SCHEDULE["notifications-digest"]
    assert entry["task"] == "notifications.digests_create"
    from backend.celery import app

    app.loader.import_default_modules()
    assert "notifications.digests_create" in app.tasks


# --- Unsubscribing -----------------------------------------------------------------------------


def unsubscribe_path(user, kinds):
    return emails.unsubscribe_url(user_id=user.pk, kinds=kinds).split("gagasan.jakarta.go.id")[-1]


def test_the_link_asks_first_and_unsubscribes_on_post_without_signing_in(
    idea, budi, outbox, api_client, django_capture_on_commit_callbacks
):
    path = unsubscribe_path(budi, ["comment"])

    page = api_client.get(path)
    assert page.status_code == 200 and b'method="post"' in page.content
    assert not NotificationPreference.objects.exists()  # a link scanner unsubscribes nobody

    done = api_client.post(path)
    assert done.status_code == 200 and b"unsubscribe-done" in done.content
    kinds = {
        item["kind"]: item["delivery"] for item in services.preferences_get(user=budi)["kinds"]
    }
    assert (kinds["comment"], kinds["status_changed"]) == ("never", "immediate")
    assert NotificationPreference.objects.get(user=budi, kind="comment").delivery == "never"

    comment_on(idea, django_capture_on_commit_callbacks)
    assert outbox == []


def test_a_mail_clients_one_click_post_unsubscribes(budi, api_client):
    response = api_client.post(
        unsubscribe_path(budi, ["followed_activity", "comment"]),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert sorted(NotificationPreference.objects.values_list("kind", "delivery")) == [
        ("comment", "never"),
        ("followed_activity", "never"),
    ]


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_forged_or_altered_link_changes_nothing(budi, api_client, method):
    path = unsubscribe_path(budi, ["comment"])
    forged = path[:-3] + ("A" if path[-3] != "A" else "B") + path[-2:]
    response = getattr(api_client, method)(forged)
    assert response.status_code == 400
    assert not NotificationPreference.objects.exists()


# --- A mail server that refuses ----------------------------------------------------------------


@pytest.fixture
def dead_smtp(settings):
    """An SMTP setting whose port refuses: bound, read, closed (nothing listens on it now)."""
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS, settings.EMAIL_TIMEOUT = False, 2
    return port


@pytest.fixture
def retries():
    seen = []

    def record(sender=None, request=None, reason=None, **kwargs):
        # `reason` is Celery's Retry: the error that caused it, and the countdown chosen.
        seen.append((sender.name, type(getattr(reason, "exc", reason)).__name__))
        countdowns.append(reason.when)

    countdowns: list = []

    task_retry.connect(record, weak=False)
    yield seen, countdowns
    task_retry.disconnect(record)


@pytest.mark.django_db(transaction=True)
def test_a_dead_mail_server_fails_no_vote_and_the_email_is_retried(
    traffic, dead_smtp, retries, eager
):
    author = person(username="sari")
    idea = make_idea(author=author, category=traffic, campaign=CampaignFactory())
    Notification.objects.all().delete()
    voters = [UserFactory() for _ in range(10)]
    for voter in voters[:9]:
        assert client_for(voter).post(f"/api/ideas/{idea.pk}/vote/").status_code == 200

    tenth = client_for(voters[9]).post(f"/api/ideas/{idea.pk}/vote/")

    assert (tenth.status_code, tenth.json()["vote_count"]) == (200, 10)
    milestone = Notification.objects.get(user=author, kind="vote_milestone")
    assert milestone.emailed_at is None
    from notifications.tasks import notification_email_send

    seen, countdowns = retries
    expected = notification_email_send.max_retries
    assert seen == [("notifications.email_send", "ConnectionRefusedError")] * expected
    # Exponential backoff with full jitter: attempt n waits at most 10 s * 2**n (30 min cap);
    # eagerly, as here, the retries run at once (a worker waits out each countdown).
    assert all(0 <= when <= min(10 * 2**n, 1800) for n, when in enumerate(countdowns))
    assert mail.outbox == []
