"""Celery in the tests: its settings changed for a while, and a real `celery -A backend
worker` subprocess on the Redis broker (the PostgreSQL + Redis run), on a queue of its own so
that no other run's worker takes a test's tasks."""

import os
import subprocess
import sys
import threading
import uuid
from contextlib import contextmanager
from pathlib import Path

import redis
from django.conf import settings
from django.db import connection

from backend.celery import app as celery_app

ROOT = Path(__file__).resolve().parents[1]


@contextmanager
def celery_conf(**values):
    """Celery's settings changed for a while (its Settings object does not take monkeypatch's
    undo)."""
    old = {name: celery_app.conf[name] for name in values}
    celery_app.conf.update(values)
    try:
        yield
    finally:
        celery_app.conf.update(old)


def _worker_database_url() -> str:
    """The test database, as a DATABASE_URL the worker process opens too."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    host = db.get("HOST") or "127.0.0.1"
    return f"postgres://{db['USER']}{password}@{host}:{db.get('PORT') or 5432}/{db['NAME']}"


@contextmanager
def real_worker(*, queue_prefix: str, env: dict[str, str]):
    """A worker on the test database and the broker, with `env` added to its environment;
    yields its process once it is ready, with everything it printed in `process.output` (read
    all along: a full pipe would stop it). Tasks sent meanwhile go to its queue alone."""
    queue = f"{queue_prefix}-{uuid.uuid4().hex[:12]}"
    environment = {
        **os.environ,
        "DATABASE_URL": _worker_database_url(),
        "REDIS_URL": settings.REDIS_URL,
        "DJANGO_SECRET_KEY": settings.SECRET_KEY,
        **env,
    }
    environment.pop("DATABASE_TEST_NAME", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "backend", "worker", "--pool=solo",
         "--queues", queue, "--without-gossip", "--without-mingle", "--without-heartbeat",
         "--loglevel=INFO"],
        cwd=ROOT, env=environment, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )  # fmt: skip
    process.output = []
    ready = threading.Event()

    def read():
        for line in process.stdout:
            process.output.append(line.decode(errors="replace"))
            if b" ready." in line:
                ready.set()

    threading.Thread(target=read, daemon=True).start()
    try:
        assert ready.wait(60), "".join(process.output)
        with celery_conf(task_always_eager=False, task_default_queue=queue):
            yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        broker = redis.Redis.from_url(settings.REDIS_URL)
        broker.delete(queue)
        broker.close()
