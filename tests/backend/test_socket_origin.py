"""Which pages may open a socket: their own origin (scheme, host and port of the request, the
host allowed, as Django's CSRF origin check decides it) and the explicit allow-list; never a
look-alike. Before, every socket of a page served on another host or port got 4403."""

import pytest
from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator
from django.test import override_settings
from rest_framework.authtoken.models import Token

from backend.asgi import application
from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.asyncio]

SITE = "gagasan.jakarta.go.id"
PROXY = ("HTTP_X_FORWARDED_PROTO", "https")


async def opens(host: str, origin: str, *, scheme="ws", forwarded: str | None = None) -> bool:
    token = await sync_to_async(lambda: Token.objects.create(user=UserFactory()).key)()
    headers = [(b"host", host.encode()), (b"origin", origin.encode())]
    if forwarded:
        headers.append((b"x-forwarded-proto", forwarded.encode()))
    communicator = WebsocketCommunicator(application, f"/ws/live/?token={token}", headers)
    communicator.scope["scheme"] = scheme
    connected, code = await communicator.connect(timeout=5)
    await communicator.disconnect()
    assert connected or code == 4403
    return connected


@override_settings(ALLOWED_HOSTS=["127.0.0.1", "localhost", SITE], WEBSOCKET_ALLOWED_ORIGINS=[])
@pytest.mark.parametrize(
    ("host", "origin", "scheme"),
    [
        ("127.0.0.1:8123", "http://127.0.0.1:8123", "ws"),  # uvicorn on another port
        ("localhost:8000", "http://localhost:8000", "ws"),
        (SITE, f"https://{SITE}", "wss"),  # TLS on its own domain
        (f"{SITE}:443", f"https://{SITE}", "wss"),  # the default port, written or not
        (SITE.upper(), f"https://{SITE}", "wss"),
    ],
)
async def test_a_page_opens_a_socket_on_its_own_origin(host, origin, scheme):
    assert await opens(host, origin, scheme=scheme)


@override_settings(ALLOWED_HOSTS=["127.0.0.1", SITE], WEBSOCKET_ALLOWED_ORIGINS=[])
@pytest.mark.parametrize(
    ("host", "origin", "scheme"),
    [
        ("127.0.0.1:8123", "http://127.0.0.1:8124", "ws"),  # another port
        ("127.0.0.1:8123", "https://127.0.0.1:8123", "ws"),  # another scheme
        (SITE, f"https://evil-{SITE}", "wss"),  # a suffix trick
        (SITE, f"https://{SITE}.evil.example", "wss"),
        (SITE, f"https://user@{SITE}", "wss"),
        (SITE, f"https://{SITE}/path", "wss"),
        (SITE, "null", "wss"),
        (SITE, "", "wss"),
        ("evil.example", "https://evil.example", "wss"),  # same origin, but not an allowed host
        (SITE, f"http://{SITE}", "wss"),
    ],
)
async def test_look_alikes_and_other_origins_are_refused(host, origin, scheme):
    assert not await opens(host, origin, scheme=scheme)


@override_settings(
    ALLOWED_HOSTS=[SITE], WEBSOCKET_ALLOWED_ORIGINS=[], SECURE_PROXY_SSL_HEADER=PROXY
)
async def test_behind_a_tls_proxy_its_header_counts_where_settings_trust_it():
    assert await opens(SITE, f"https://{SITE}", scheme="ws", forwarded="https")


@override_settings(ALLOWED_HOSTS=[SITE], WEBSOCKET_ALLOWED_ORIGINS=[])
async def test_a_forwarded_scheme_is_ignored_unless_settings_trust_it():
    assert not await opens(SITE, f"https://{SITE}", scheme="ws", forwarded="https")


@override_settings(
    ALLOWED_HOSTS=["127.0.0.1"], WEBSOCKET_ALLOWED_ORIGINS=["https://portal.jakarta.go.id"]
)
async def test_an_origin_on_the_allow_list_may_open_a_socket_from_another_site():
    assert await opens("127.0.0.1:8000", "https://portal.jakarta.go.id")
    assert not await opens("127.0.0.1:8000", "https://portal.jakarta.go.id.evil.example")
