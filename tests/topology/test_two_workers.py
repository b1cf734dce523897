"""Two ASGI worker processes on one PostgreSQL and one Redis: a vote cast through worker A
reaches a socket held by worker B (DESIGN.md §Scale beyond one machine)."""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.db import connection
from rest_framework.authtoken.models import Token
from websockets.sync.client import connect

from tests.factories import CampaignFactory, UserFactory, make_idea

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.topology,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not (
            os.environ.get("DATABASE_URL", "").startswith("postgres")
            and os.environ.get("REDIS_URL")
        ),
        reason="needs DATABASE_URL (PostgreSQL) and REDIS_URL: several processes share them",
    ),
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def worker_env() -> dict:
    db = connection.settings_dict
    database_url = (
        f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    )
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "DATABASE_POOL": "1",
        "DJANGO_SECRET_KEY": "topology-test",
        "DJANGO_DEBUG": "0",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
    }


def wait_healthy(port: int, process: subprocess.Popen, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"worker on {port} exited with {process.returncode}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as reply:
                body = json.load(reply)
                if body == {"status": "ok", "database": "ok", "channel_layer": "ok"}:
                    return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"worker on {port} did not become healthy")


@pytest.fixture
def two_workers():
    env = worker_env()
    ports = [free_port(), free_port()]
    processes = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "uvicorn",
                "backend.asgi:application",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--lifespan",
                "off",
                "--ws-per-message-deflate",
                "false",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
        )
        for port in ports
    ]
    try:
        for port, process in zip(ports, processes, strict=True):
            wait_healthy(port, process)
        yield ports
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=10)


def post_vote(port: int, idea_id: int, token: str) -> dict:
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/api/ideas/{idea_id}/vote/",
        method="POST",
        headers={"Authorization": f"Token {token}"},
    )
    with urllib.request.urlopen(request, timeout=10) as reply:
        return json.load(reply)


def receive(ws, timeout=10.0) -> dict:
    return json.loads(ws.recv(timeout=timeout))


def test_a_vote_through_worker_a_reaches_sockets_held_by_worker_b(two_workers):
    port_a, port_b = two_workers
    campaign = CampaignFactory()
    idea = make_idea(campaign=campaign)
    voter_token = Token.objects.create(user=UserFactory()).key
    watcher_token = Token.objects.create(user=UserFactory()).key

    with (
        connect(f"ws://127.0.0.1:{port_b}/ws/ideas/{idea.pk}/?token={watcher_token}") as idea_ws,
        connect(
            f"ws://127.0.0.1:{port_b}/ws/leaderboard/?campaign={campaign.pk}&token={watcher_token}"
        ) as board_ws,
    ):
        assert receive(idea_ws)["type"] == "snapshot"
        first_board = receive(board_ws)
        assert first_board["entries"][0]["vote_count"] == 0

        assert post_vote(port_a, idea.pk, voter_token) == {"vote_count": 1, "has_voted": True}

        tally = receive(idea_ws)
        assert tally == {"type": "tally", "idea": idea.pk, "vote_count": 1, "seq": 1}
        board = receive(board_ws)
        assert board["type"] == "leaderboard"
        assert board["entries"][0]["idea"]["id"] == idea.pk
        assert board["entries"][0]["vote_count"] == 1
        assert board["seq"] > first_board["seq"]
