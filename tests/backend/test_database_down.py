"""While PostgreSQL does not answer, the servers say so quickly: /healthz is a JSON 503 within a
second, on the ASGI server (uvicorn, with the pool, as production runs it) as on WSGI
(gunicorn), and the API answers a JSON 503 with the code `unavailable`, never an HTML 500.

The database is a listener that accepts connections and never replies: a host that hangs,
the failure that held /healthz on uvicorn until the pool gave up."""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.topology.test_two_workers import free_port

ROOT = Path(__file__).resolve().parent.parent.parent

SERVERS = {
    "asgi": [
        "-m",
        "uvicorn",
        "backend.asgi:application",
        "--host",
        "127.0.0.1",
        "--lifespan",
        "off",
        "--log-level",
        "warning",
        "--port",
    ],
    "wsgi": ["-m", "gunicorn", "backend.wsgi:application", "--threads", "4", "--bind"],
}


@pytest.fixture
def silent_database():
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(100)  # connections complete in the kernel's backlog; nobody ever replies
    yield listener.getsockname()[1]
    listener.close()


def get(url: str, headers=None) -> tuple[int, dict, str, float]:
    started = time.monotonic()
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as reply:
            status, content_type, body = reply.status, reply.headers["Content-Type"], reply.read()
    except urllib.error.HTTPError as error:
        status, content_type, body = error.code, error.headers["Content-Type"], error.read()
    return (
        status,
        json.loads(body) if "json" in content_type else {},
        content_type,
        (time.monotonic() - started),
    )


@pytest.mark.parametrize("kind", sorted(SERVERS))
def test_with_the_database_hanging_healthz_and_the_api_answer_503_json_quickly(
    kind, silent_database
):
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://gagasan@127.0.0.1:{silent_database}/gagasan",
        "DATABASE_POOL": "1" if kind == "asgi" else "0",
        "DATABASE_CONNECT_TIMEOUT": "2",
        "DATABASE_POOL_TIMEOUT": "3",
        "DJANGO_SECRET_KEY": "database-down-test",
        "DJANGO_DEBUG": "0",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
    }
    env.pop("REDIS_URL", None)
    bind = str(port) if kind == "asgi" else f"127.0.0.1:{port}"
    server = subprocess.Popen([sys.executable, *SERVERS[kind], bind], cwd=ROOT, env=env)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert time.monotonic() < deadline and server.poll() is None, "server did not start"
                time.sleep(0.2)

        # The first request also loads the application's modules; the second is the check alone.
        for _ in range(2):
            status, body, _, took = get(f"http://127.0.0.1:{port}/healthz")
            assert (status, body["status"], body["database"]) == (503, "error", "down")
        assert took < 1.5, took

        status, body, content_type, took = get(
            f"http://127.0.0.1:{port}/api/ideas/",
            {"Authorization": "Token " + "a" * 40, "Accept-Language": "en"},
        )
        assert (status, content_type) == (503, "application/json"), body
        assert body == {
            "detail": "The service is briefly unavailable. Please try again in a moment.",
            "code": "unavailable",
        }
        assert took < 8, took
    finally:
        server.terminate()
        server.wait(timeout=10)
