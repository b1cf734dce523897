import asyncio

import pytest
import redis
from asgiref.sync import sync_to_async
from django.core.cache import cache as django_cache
from django.db import connections
from rest_framework.test import APIClient

from accounts.authentication import remembered
from live.publish import idea_group
from tests.factories import AgencyFactory, CategoryFactory, UserFactory
from tests.support import GroupListener


def pytest_sessionstart(session):
    """The pages name their scripts and styles by content hash (backend/storage.py), as in
    production: collect them once per run, before a server or a test client reads the manifest
    (WhiteNoise lists STATIC_ROOT when the application is built, at import)."""
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)


@pytest.fixture(autouse=True)
def _rankings_read_fresh(settings):
    """In production GET /api/leaderboard/ may answer a ranking up to a second old
    (rankings.selectors.leaderboard_remembered, tested on its own); tests read it right after
    each vote."""
    settings.LEADERBOARD_CACHE_SECONDS = 0
    settings.STATS_CACHE_SECONDS = 0


@pytest.fixture(autouse=True)
def _statements_checked(settings):
    """Every compiled statement (core.db.Statement) is held to the query the ORM builds afresh
    for the same values: a key that misses what the SQL depends on fails the test that meets it.
    The servers the tests start get it from the Makefile's test environment."""
    settings.STATEMENTS_CHECKED = True


@pytest.fixture
def api_client():
    return APIClient()


@pytest.fixture
def agency(db):
    return AgencyFactory(code="DISHUB", name="Dinas Perhubungan")


@pytest.fixture
def other_agency(db):
    return AgencyFactory(code="DSDA", name="Dinas Sumber Daya Air")


@pytest.fixture
def staff(db, agency):
    return UserFactory(username="staff1", full_name="Budi Santoso", agency=agency)


@pytest.fixture
def other_staff(db, other_agency):
    return UserFactory(username="staff2", full_name="Siti Rahmawati", agency=other_agency)


@pytest.fixture
def admin_user(db, agency):
    return UserFactory(username="admin", full_name="Admin Inovasi", agency=agency, roles=["admin"])


@pytest.fixture
def leader(db, agency):
    return UserFactory(
        username="pimpinan", full_name="Pimpinan", agency=agency, roles=["leadership"]
    )


@pytest.fixture
def traffic(db):
    return CategoryFactory(slug="traffic", name_id="Lalu Lintas", name_en="Traffic")


@pytest.fixture
def flooding(db):
    return CategoryFactory(slug="flooding", name_id="Banjir", name_en="Flooding")


def client_for(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def staff_client(staff):
    return client_for(staff)


@pytest.fixture
def admin_client(admin_user):
    return client_for(admin_user)


@pytest.fixture(scope="session", autouse=True)
def _close_connections_of_the_async_thread(django_db_setup, django_db_blocker):
    """Consumers read through database_sync_to_async, whose worker thread keeps a connection
    open; close it before the test database is dropped."""
    yield
    with django_db_blocker.unblock():
        asyncio.run(sync_to_async(connections.close_all)())


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Factories set a password on every account; PBKDF2 would make the suite crawl."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def fresh_counters_and_tokens(settings):
    """Vote counters live in Redis (keyed by user id, which a new test database reuses) and
    token users in process memory; each test starts without either."""
    remembered.clear()
    django_cache.clear()
    if settings.REDIS_URL:
        client = redis.Redis.from_url(settings.REDIS_URL)
        for key in client.scan_iter("gagasan:throttle:*"):
            client.delete(key)
        client.close()


@pytest.fixture
def listen():
    """`listen(group)` -> a GroupListener on the real channel layer, removed afterwards."""
    listeners = []

    def make(group: str) -> GroupListener:
        listener = GroupListener(group)
        listeners.append(listener)
        return listener

    yield make
    for listener in listeners:
        listener.close()


@pytest.fixture
def listen_to_idea(listen):
    """`listen_to_idea(idea_id)` -> a GroupListener on the idea's live group."""
    return lambda idea_id: listen(idea_group(idea_id))
