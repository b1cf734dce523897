"""Shared by the notification tests: tasks run eagerly (in the PostgreSQL + Redis run too, but
for the real worker's test), emails go to django.core.mail.outbox, and people have addresses."""

import pytest
from django.core import mail

from tests.celery_support import celery_conf
from tests.factories import UserFactory
from tests.reviews.conftest import (  # noqa: F401 (the review fixtures, for these tests too)
    author,
    co_author,
    fourth_agency,
    review_campaign,
    reviewer,
    second_reviewer,
    third_agency,
)


@pytest.fixture
def eager():
    with celery_conf(task_always_eager=True):
        yield


@pytest.fixture
def outbox(settings, eager):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.SITE_URL = "https://gagasan.jakarta.go.id"
    mail.outbox = []
    return mail.outbox


def person(**fields):
    """Someone with an email address (the factory's people have none, so get no emails)."""
    fields.setdefault("email", f"{fields.get('username', 'asn')}@jakarta.go.id")
    user = UserFactory(**fields)
    if "username" not in fields:
        user.email = f"{user.username}@jakarta.go.id"
        user.save(update_fields=["email"])
    return user
