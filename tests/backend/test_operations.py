import pytest
import yaml
from django.db import connection
from django.test import override_settings

pytestmark = pytest.mark.django_db


def test_healthz_reports_database_and_channel_layer(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "channel_layer": "ok"}


@override_settings(
    REDIS_URL="redis://127.0.0.1:1/0",
    CHANNEL_LAYERS={
        "default": {
            "BACKEND": "channels_redis.pubsub.RedisPubSubChannelLayer",
            "CONFIG": {"hosts": ["redis://127.0.0.1:1/0"]},
        }
    },
)
def test_healthz_reports_a_dead_redis_as_channel_layer_down(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "channel_layer": "down"}


def test_healthz_is_503_when_the_database_is_down(client, monkeypatch):
    if connection.vendor == "postgresql":
        # The check opens a connection of its own (backend.health): point it at a closed port.
        monkeypatch.setitem(connection.settings_dict, "HOST", "127.0.0.1")
        monkeypatch.setitem(connection.settings_dict, "PORT", "1")
    else:

        def broken_cursor(*args, **kwargs):
            raise connection.Database.OperationalError("database is down")

        monkeypatch.setattr(connection, "cursor", broken_cursor)

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["database"] == "down"


def test_openapi_schema_is_public_and_lists_the_contracts_endpoints(client):
    response = client.get("/api/schema/")

    assert response.status_code == 200
    schema = yaml.safe_load(response.content)
    paths = set(schema["paths"])
    assert {
        "/api/auth/token/",
        "/api/auth/login/",
        "/api/auth/logout/",
        "/api/me/",
        "/api/agencies/",
        "/api/regions/",
        "/api/categories/",
        "/api/campaigns/",
        "/api/campaigns/{campaign_id}/",
        "/api/campaigns/{campaign_id}/criteria/",
        "/api/ideas/",
        "/api/ideas/{idea_id}/",
        "/api/ideas/{idea_id}/status/",
        "/api/ideas/{idea_id}/comments/",
        "/api/ideas/{idea_id}/vote/",
    } <= paths
    idea_params = {p["name"] for p in schema["paths"]["/api/ideas/"]["get"]["parameters"]}
    assert {
        "campaign",
        "category",
        "agency",
        "region",
        "status",
        "author",
        "voted",
        "search",
        "ordering",
        "page",
        "page_size",
    } <= idea_params


def test_interactive_docs_are_served(client):
    assert client.get("/api/docs/").status_code == 200


@pytest.mark.parametrize("path", ["/", "/login/", "/ideas/new/", "/ideas/1/"])
def test_pages_are_served_with_a_csrf_cookie(client, path):
    response = client.get(path)

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert "csrftoken" in response.cookies
