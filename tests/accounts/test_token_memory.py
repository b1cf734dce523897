"""accounts.authentication: a token's user is remembered briefly per process (the vote path's
CPU), never shared between requests, and forgotten in time."""

import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from accounts.authentication import CachedTokenAuthentication

pytestmark = pytest.mark.django_db


def token_client(token) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def token_queries(client) -> tuple[int, list[str]]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/api/me/")
    return response.status_code, [q["sql"] for q in queries if "authtoken_token" in q["sql"]]


def test_a_token_is_looked_up_once_then_remembered(staff):
    client = token_client(Token.objects.create(user=staff))

    first_status, first_lookups = token_queries(client)
    second_status, second_lookups = token_queries(client)

    assert first_status == second_status == 200
    assert len(first_lookups) == 1
    assert second_lookups == []


def test_each_request_gets_its_own_copy_of_the_user(staff):
    token = Token.objects.create(user=staff)
    auth = CachedTokenAuthentication()

    first, _ = auth.authenticate_credentials(token.key)
    first.full_name = "Diubah oleh permintaan pertama"
    second, _ = auth.authenticate_credentials(token.key)

    assert second is not first
    assert second.pk == first.pk == staff.pk
    assert second.full_name == staff.full_name


@pytest.mark.parametrize(
    ("memory_seconds", "wait_seconds"),
    [(0.2, 0.3), (0, 0)],
    ids=["once-its-memory-runs-out", "at-once-with-the-memory-off"],
)
def test_a_deleted_token_stops_working(staff, settings, memory_seconds, wait_seconds):
    settings.TOKEN_CACHE_SECONDS = memory_seconds
    token = Token.objects.create(user=staff)
    client = token_client(token)
    assert client.get("/api/me/").status_code == 200

    token.delete()
    time.sleep(wait_seconds)

    assert client.get("/api/me/").status_code == 401
