"""Digest runs that overlap (two beats, a beat and someone's `manage.py notifications_digest`)
still make one digest per person and day, and one email: proven on PostgreSQL with runs
released together, each on its own connection, and shown to make several without the guards
(the unique constraint on person and day, and the claim of the waiting notifications)."""

import threading

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone

from ideas import services as idea_services
from notifications import services
from notifications.models import Digest
from tests.factories import UserFactory, make_idea
from tests.notifications.conftest import person
from tests.support import run_together

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="concurrency is proven on PostgreSQL"
    ),
]
RUNS = 6


@pytest.fixture
def waiting(traffic):
    budi = person(username="budi")
    services.preferences_set(user=budi, deliveries={"comment": "digest"})
    idea = make_idea(author=budi, category=traffic)
    for body in ("Satu.", "Dua."):
        idea_services.comment_create(idea=idea, author=UserFactory(), body=body)
    return budi


@pytest.fixture
def all_read_first(monkeypatch):
    """Every run has read who is waiting before any makes a digest: the worst overlap."""
    barrier = threading.Barrier(RUNS)
    real = services._digest_create

    def late(**kwargs):
        barrier.wait(timeout=30)
        return real(**kwargs)

    monkeypatch.setattr(services, "_digest_create", late)


def test_overlapping_runs_make_one_digest_and_one_email(waiting, outbox, all_read_first):
    results = run_together([services.digests_create] * RUNS)

    assert not [r for r in results if isinstance(r, Exception)], results
    assert sorted(len(r) for r in results) == [0] * (RUNS - 1) + [1]
    assert Digest.objects.filter(user=waiting, day=timezone.localdate()).count() == 1
    assert len(mail.outbox) == 1 and mail.outbox[0].body.count("/ideas/") == 2


@pytest.fixture
def without_the_guards(monkeypatch):
    with connection.cursor() as cursor:
        cursor.execute(
            "ALTER TABLE notifications_digest "
            "DROP CONSTRAINT notifications_digest_one_per_person_per_day"
        )
    monkeypatch.setattr(services, "_digest_claim", lambda digest: 1)
    yield
    Digest.objects.all().delete()
    with connection.cursor() as cursor:
        cursor.execute(
            "ALTER TABLE notifications_digest ADD CONSTRAINT "
            "notifications_digest_one_per_person_per_day UNIQUE (user_id, day)"
        )


def test_without_the_guards_overlapping_runs_make_several(
    waiting, outbox, without_the_guards, all_read_first
):
    run_together([services.digests_create] * RUNS)
    assert Digest.objects.filter(user=waiting, day=timezone.localdate()).count() > 1
