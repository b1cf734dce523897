"""The embedded default (SQLite, as `make run` serves it) under concurrent writes: 30 parallel
votes by one person through a real server on a real database file get 30 answers of 200 and
store one vote. Before WAL and IMMEDIATE transactions, 18 to 26 of them were 500s
("database is locked")."""

import json
import os
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction

from ideas.models import Idea
from tests.factories import UserFactory, make_idea
from tests.topology.test_two_workers import free_port

ROOT = Path(__file__).resolve().parent.parent.parent
PARALLEL = 30

pytestmark = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="the embedded default's database is SQLite"
)

SETUP = """
from rest_framework.authtoken.models import Token
from tests.factories import CampaignFactory, UserFactory, make_idea
campaign = CampaignFactory()
idea = make_idea(author=UserFactory(), campaign=campaign)
voter = UserFactory()
print(idea.pk, Token.objects.create(user=voter).key)
"""

COUNT = """
from ideas.models import Idea
from voting.models import Vote
idea = Idea.objects.get(pk={idea})
print(Vote.objects.filter(idea=idea).count(), idea.vote_count)
"""


def manage(env: dict, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return done.stdout.strip()


@pytest.fixture
def sqlite_server():
    """uvicorn on a fresh SQLite file, set up by the project's own commands, as make run does."""
    with tempfile.TemporaryDirectory() as folder:
        env = {
            **os.environ,
            "DATABASE_URL": f"sqlite:///{folder}/pilot.sqlite3",
            "DJANGO_SECRET_KEY": "sqlite-test",
            "DJANGO_DEBUG": "0",
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        }
        env.pop("REDIS_URL", None)
        manage(env, "migrate", "--noinput", "-v", "0")
        idea_id, token = manage(env, "shell", "-c", SETUP).splitlines()[-1].split()
        port = free_port()
        server = subprocess.Popen(
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
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
        )
        try:
            deadline = time.monotonic() + 30
            while True:
                try:
                    urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2).close()
                    break
                except OSError:
                    if time.monotonic() > deadline or server.poll() is not None:
                        raise
                    time.sleep(0.2)
            yield {"port": port, "idea": int(idea_id), "token": token, "env": env}
        finally:
            server.terminate()
            server.wait(timeout=10)


def test_thirty_parallel_votes_by_one_person_all_answer_200_and_store_one_vote(sqlite_server):
    url = f"http://127.0.0.1:{sqlite_server['port']}/api/ideas/{sqlite_server['idea']}/vote/"
    barrier = threading.Barrier(PARALLEL)
    answers: list = [None] * PARALLEL

    def vote(index: int) -> None:
        request = urllib.request.Request(
            url, method="POST", headers={"Authorization": f"Token {sqlite_server['token']}"}
        )
        barrier.wait()
        try:
            with urllib.request.urlopen(request, timeout=60) as reply:
                answers[index] = (reply.status, json.load(reply))
        except urllib.error.HTTPError as error:
            answers[index] = (error.code, error.read()[:200])

    threads = [threading.Thread(target=vote, args=(i,)) for i in range(PARALLEL)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert answers == [(200, {"vote_count": 1, "has_voted": True})] * PARALLEL
    stored = manage(
        sqlite_server["env"], "shell", "-c", COUNT.format(idea=sqlite_server["idea"])
    ).splitlines()[-1]
    assert stored == "1 1"


@pytest.fixture
def second_connection(transactional_db):
    """Another connection to the test database, as a second request's thread would hold."""
    other = connections.create_connection(DEFAULT_DB_ALIAS)
    yield other
    other.close()


def test_the_test_database_lets_a_socket_read_beside_a_write_as_the_pilot_does(second_connection):
    """The browser tests' server reads ideas for a socket while a request writes them. On Django's
    shared-cache in-memory test database both directions fail at once with "database table is
    locked" (its table locks ignore the busy timeout); on the WAL file both go through."""
    author = UserFactory()
    ideas = [make_idea(author=author, title=f"Ide {n}") for n in range(3)]

    reading = second_connection.cursor()
    reading.execute("SELECT id FROM ideas_idea ORDER BY id")
    assert reading.fetchone() == (ideas[0].pk,)  # the statement stays open on the next rows
    Idea.objects.filter(pk=ideas[0].pk).update(title="Ditulis saat dibaca")
    reading.close()

    with transaction.atomic():
        Idea.objects.filter(pk=ideas[1].pk).update(title="Belum disimpan")
        with second_connection.cursor() as cursor:
            cursor.execute("SELECT title FROM ideas_idea WHERE id = %s", [ideas[1].pk])
            assert cursor.fetchone() == ("Ide 1",)  # the last committed title
    assert Idea.objects.get(pk=ideas[0].pk).title == "Ditulis saat dibaca"
