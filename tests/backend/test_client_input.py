"""Whatever a client sends, the answer is never a 500 (API.md §Errors): nesting, NULs in query
strings, cookies and socket credentials, and bodies over the size limit."""

import asyncio
import json

import pytest
from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator
from django.test import Client, override_settings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from backend import websocket_auth
from backend.asgi import application
from tests.factories import CampaignFactory, UserFactory, make_idea

ORIGIN = (b"origin", b"http://127.0.0.1:8000")
NUL_COOKIE = 'sessionid="abc\\000"'


def deep(depth: int) -> str:
    return "[" * depth + "]" * depth


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/api/auth/token/", "/api/auth/login/", "/api/ideas/"])
def test_json_nested_a_thousand_levels_deep_is_a_400(path, staff):
    client = APIClient()
    if path == "/api/ideas/":
        client.force_authenticate(staff)

    response = client.post(
        path, deep(5000), content_type="application/json", HTTP_ACCEPT_LANGUAGE="en"
    )

    assert response.status_code == 400
    assert response.json() == {
        "detail": "JSON parse error - the document is nested too deeply.",
        "code": "parse_error",
    }


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/api/users/", "/api/ideas/"])
def test_a_nul_in_a_query_string_is_a_400_naming_the_parameter(path, staff):
    client = APIClient()
    client.force_authenticate(staff)

    response = client.get(path, {"search": "banjir\x00", "page": "1"}, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 400
    assert response.json() == {"search": ["Null characters are not allowed."]}


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/api/me/", "/api/ideas/", "/", "/login/", "/healthz"])
def test_a_session_cookie_holding_a_nul_is_no_session(path):
    response = Client().get(path, HTTP_COOKIE=NUL_COOKIE)

    assert response.status_code == Client().get(path).status_code
    assert response.status_code < 500


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/api/auth/token/", "/api/ideas/"])
def test_a_body_over_the_size_limit_is_a_413_in_json(path, staff):
    client = APIClient()
    client.force_authenticate(staff)
    body = json.dumps({"title": "x" * 3_000_000})

    response = client.post(path, body, content_type="application/json", HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 413
    assert response.json() == {"detail": "The request body is too large.", "code": "too_large"}


@pytest.mark.django_db
@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1000)
def test_a_body_read_past_the_limit_without_a_declared_length_is_a_413(staff):
    client = APIClient()
    client.force_authenticate(staff)
    # The test client declares the length; a chunked body reaches the parser undeclared, where
    # Django raises RequestDataTooBig while reading: the same answer then.
    response = client.post(
        "/api/ideas/", json.dumps({"title": "x" * 2000}), content_type="application/json"
    )

    assert response.status_code == 413


@pytest.mark.django_db
@pytest.mark.parametrize("how", ["query", "form body"])
def test_more_parameters_than_the_limit_is_a_400_in_json(how, staff):
    client = APIClient()
    client.force_authenticate(staff)
    many = "&".join(f"p{i}=1" for i in range(1_200))  # DATA_UPLOAD_MAX_NUMBER_FIELDS is 1,000

    if how == "query":
        response = client.get(f"/api/ideas/?{many}", HTTP_ACCEPT_LANGUAGE="en")
    else:
        response = client.post(
            "/api/auth/token/",
            many,
            content_type="application/x-www-form-urlencoded",
            HTTP_ACCEPT_LANGUAGE="en",
        )

    assert response.status_code == 400
    assert response.json() == {
        "detail": "The request has too many parameters (at most 1000).",
        "code": "too_many_fields",
    }


@pytest.mark.django_db
@pytest.mark.parametrize("key", ["abc\x00", "0" * 39 + "\x00", "x" * 40, "a" * 41, "a" * 5000])
def test_a_malformed_token_header_is_a_401_without_a_lookup(key, staff, django_assert_num_queries):
    client = Client()

    with django_assert_num_queries(0):
        response = client.get(
            "/api/ideas/", HTTP_AUTHORIZATION=f"Token {key}", HTTP_ACCEPT_LANGUAGE="en"
        )

    assert response.status_code == 401
    assert response.json() == {"detail": "Invalid token.", "code": "authentication_failed"}


# --- Sockets ------------------------------------------------------------------------------


async def socket_close(path: str, headers=()) -> dict:
    communicator = WebsocketCommunicator(application, path, headers=[ORIGIN, *headers])
    await communicator.connect(timeout=5)
    output = await communicator.receive_output(timeout=5)
    await communicator.disconnect()
    return output


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("path", ["/ws/live/", "/ws/notifications/", "/ws/leaderboard/?campaign=1"])
async def test_a_socket_with_a_nul_session_cookie_is_closed_4401(path):
    output = await socket_close(path, headers=[(b"cookie", NUL_COOKIE.encode())])

    assert output == {"type": "websocket.close", "code": 4401}


@pytest.mark.django_db(transaction=True)
async def test_a_nul_token_is_4401_and_does_not_fail_the_sockets_connecting_with_it():
    def build():
        idea = make_idea(campaign=CampaignFactory())
        return idea, [Token.objects.create(user=UserFactory()).key for _ in range(5)]

    idea, tokens = await sync_to_async(build)()
    keys = [*tokens[:2], "abc%00", *tokens[2:]]
    outputs = await asyncio.gather(
        *(socket_close(f"/ws/ideas/{idea.pk}/?token={key}") for key in keys)
    )

    assert outputs[2] == {"type": "websocket.close", "code": 4401}
    good = [outputs[i] for i in (0, 1, 3, 4, 5)]
    assert [json.loads(o["text"])["type"] for o in good] == ["snapshot"] * 5


@pytest.mark.django_db(transaction=True)
async def test_a_credential_read_that_fails_fails_only_its_own_socket(monkeypatch):
    """Should a key ever break the batched read (a fault the database raises for that key),
    the sockets batched with it still connect: only that one is anonymous."""
    real = websocket_auth._users_for_tokens_read
    breaking = "f" * 40

    async def read(keys):
        if breaking in keys:
            raise ValueError("this key breaks the read")
        return await real(keys)

    monkeypatch.setattr(websocket_auth, "_users_for_tokens_read", read)

    def build():
        idea = make_idea(campaign=CampaignFactory())
        return idea, [Token.objects.create(user=UserFactory()).key for _ in range(4)]

    idea, tokens = await sync_to_async(build)()
    keys = [tokens[0], breaking, *tokens[1:]]
    outputs = await asyncio.gather(
        *(socket_close(f"/ws/ideas/{idea.pk}/?token={key}") for key in keys)
    )

    assert outputs[1] == {"type": "websocket.close", "code": 4401}
    assert [json.loads(outputs[i]["text"])["type"] for i in (0, 2, 3, 4)] == ["snapshot"] * 4


# --- Fuzz ---------------------------------------------------------------------------------

FUZZ = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
texts = st.text(max_size=60)
# What an HTTP header can carry: bytes, read as latin-1.
header_texts = st.text(alphabet=st.characters(max_codepoint=255), max_size=60)


@pytest.mark.django_db
@FUZZ
@given(
    cookie=header_texts,
    language=header_texts,
    token=header_texts,
    query=st.dictionaries(texts, texts, max_size=4),
)
def test_no_header_cookie_or_query_string_gets_a_5xx(staff, cookie, language, token, query):
    client = Client()
    for path in ("/api/ideas/", "/api/users/", "/api/leaderboard/", "/"):
        response = client.get(
            path,
            query,
            HTTP_COOKIE=f"sessionid={cookie}; csrftoken={cookie}",
            HTTP_ACCEPT_LANGUAGE=language,
            HTTP_AUTHORIZATION=f"Token {token}",
        )
        assert response.status_code < 500, (path, response.status_code)


@pytest.mark.django_db
@FUZZ
@given(depth=st.integers(min_value=1, max_value=20_000), opener=st.sampled_from("[{"))
def test_no_nesting_depth_gets_a_5xx(depth, opener):
    body = "[" * depth + "]" * depth if opener == "[" else '{"a":' * depth + "1" + "}" * depth
    response = APIClient().post("/api/auth/token/", body, content_type="application/json")
    assert response.status_code == 400


@pytest.mark.django_db(transaction=True)
@settings(max_examples=40, deadline=None)
@given(query=st.binary(max_size=80), cookie=st.binary(max_size=80))
async def test_no_socket_query_string_or_cookie_breaks_the_handshake(query, cookie):
    communicator = WebsocketCommunicator(
        application, "/ws/live/", headers=[ORIGIN, (b"cookie", cookie)]
    )
    communicator.scope["query_string"] = query
    await communicator.connect(timeout=5)
    output = await communicator.receive_output(timeout=5)
    await communicator.disconnect()
    assert output == {"type": "websocket.close", "code": 4401}
