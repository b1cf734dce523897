"""The same emails whoever sends them: Celery eager (the embedded default) and, in the
PostgreSQL + Redis run, a real `celery -A backend worker` on the Redis broker. Both write
with Django's file-based email backend into this test's folder, so the worker's sends can be
read here; the worker is given this process's database, secret key and site address."""

import email
import email.policy
import os
import re
import time
from pathlib import Path

import pytest
from django.core.management import call_command

from ideas import follows
from ideas import services as idea_services
from notifications import emails, services
from notifications.models import Notification
from tests.celery_support import real_worker
from tests.factories import UserFactory, make_idea
from tests.notifications.conftest import person

ROOT = Path(__file__).resolve().parents[2]
SITE = "https://gagasan.jakarta.go.id"
SEPARATOR = "-" * 79


@pytest.fixture
def mail_folder(settings, tmp_path):
    folder = tmp_path / "mail"
    folder.mkdir()
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = str(folder)
    settings.SITE_URL = SITE
    return folder


def sent(folder: Path) -> list[email.message.EmailMessage]:
    """The emails in the folder (the file backend writes each followed by a line of dashes)."""
    messages = []
    for path in sorted(folder.iterdir()):
        for chunk in path.read_bytes().split(SEPARATOR.encode()):
            if chunk.strip():
                messages.append(
                    email.message_from_bytes(chunk.lstrip(), policy=email.policy.default)
                )
    return messages


def scenario():
    """Budi's idea; Lia follows it and wants that in a digest; Sari comments, an admin
    shortlists it, the day's digest runs. Answers who is who."""
    budi = person(username="budi", full_name="Budi Santoso")
    lia = person(username="lia", full_name="Lia Amalia")
    services.preferences_set(user=budi, language="en")
    services.preferences_set(user=lia, language="en", deliveries={"followed_activity": "digest"})
    idea = make_idea(author=budi, title="Sensor genangan di underpass")
    Notification.objects.all().delete()
    follows.follow_add(idea=idea, user=lia)
    idea_services.comment_create(idea=idea, author=UserFactory(), body="Setuju.")
    idea_services.idea_status_change(
        idea_id=idea.pk, to_status="shortlisted", changed_by=UserFactory(roles=["admin"])
    )
    call_command("notifications_digest")
    return idea, budi, lia


def expected(idea, budi, lia) -> list[tuple]:
    link = f"{SITE}/ideas/{idea.pk}/"
    return sorted(
        [
            (
                "budi@jakarta.go.id",
                "[Gagasan] A new comment on your idea “Sensor genangan di underpass”",
                link,
            ),
            (
                "budi@jakarta.go.id",
                "[Gagasan] Your idea “Sensor genangan di underpass” is now: Shortlisted",
                link,
            ),
            ("lia@jakarta.go.id", "[Gagasan] Your Gagasan digest: 2 notifications", link),
        ]
    )


def summary(messages) -> list[tuple]:
    """(to, subject, the idea's link) of each email, each checked for a working unsubscribe
    link and the RFC 8058 headers."""
    found = []
    for message in messages:
        body = message.get_content()
        header = "".join(str(message["List-Unsubscribe"]).split())  # unfolded
        token = re.fullmatch(rf"<{SITE}/berhenti-langganan/([^/]+)/>", header).group(1)
        user_id, kinds = emails.unsubscribe_read(token)  # signed with this process's key
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert f"/berhenti-langganan/{token}/" in body or len(kinds) > 1
        link = re.search(rf"{SITE}/ideas/\d+/", body).group(0)
        found.append((message["To"], " ".join(str(message["Subject"]).split()), link))
    return sorted(found)


@pytest.mark.django_db(transaction=True)
def test_eagerly_the_emails_are_sent_in_the_process_that_asks(mail_folder, eager):
    idea, budi, lia = scenario()
    assert summary(sent(mail_folder)) == expected(idea, budi, lia)
    digest_body = [m for m in sent(mail_folder) if m["To"] == "lia@jakarta.go.id"][0]
    assert "A new comment on “Sensor genangan di underpass”" in digest_body.get_content()


@pytest.fixture
def celery_worker(mail_folder):
    """A real worker on the Redis broker, writing its emails to this test's folder."""
    env = {
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(mail_folder),
        "GAGASAN_SITE_URL": SITE,
    }
    with real_worker(queue_prefix="test-mail", env=env) as process:
        yield process


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    not os.environ.get("REDIS_URL")
    or not os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="the real worker runs in the PostgreSQL + Redis run (it needs the Redis broker and "
    "a database the worker process shares)",
)
def test_a_real_worker_on_redis_sends_the_same_emails(mail_folder, celery_worker):
    started = time.monotonic()
    idea, budi, lia = scenario()
    assert time.monotonic() - started < 10  # nobody waited for a mail server
    want = expected(idea, budi, lia)
    deadline = time.monotonic() + 60
    while len(sent(mail_folder)) < len(want):
        if time.monotonic() > deadline or celery_worker.poll() is not None:
            output = "".join(celery_worker.output)
            pytest.fail(f"the worker sent {len(sent(mail_folder))} of {len(want)}\n{output}")
        time.sleep(0.1)
    time.sleep(0.5)  # nothing more comes
    assert summary(sent(mail_folder)) == want
    assert Notification.objects.filter(emailed_at__isnull=False).count() == 2
