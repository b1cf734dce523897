"""Shared set-up for the benchmarks: a throw-away PostgreSQL database, bench data, and the two
servers (the REST API on gunicorn, the sockets on uvicorn) as subprocesses on free ports.

Never touches any database but the bench one (default `gagasan_bench`, dropped and recreated),
and uses its own Redis database (default index 13, flushed) so that channel groups such as
`leaderboard.dirty.1` never mix with those of tests or a dev server on the same Redis.

Environment: DATABASE_URL (server, user and password are taken from it; the database name never
is), REDIS_URL (host and port are taken from it), BENCH_DB_NAME, BENCH_REDIS_DB.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import resource
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
BIN = REPO / ".venv" / "bin"
PYTHON = str(BIN / "python") if (BIN / "python").exists() else sys.executable
SECRET = "bench-only-not-a-secret-0123456789abcdef"
PASSWORD = "bench-pass-123"
VOTER_PREFIX = "benchvoter"


def log(*parts) -> None:
    print(f"[{time.strftime('%H:%M:%S')}]", *parts, file=sys.stderr, flush=True)


def emit(result: dict) -> None:
    """The one JSON object on stdout."""
    sys.stdout.write(json.dumps(result, sort_keys=False) + "\n")
    sys.stdout.flush()


def raise_nofile(wanted: int = 65536) -> int:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
    if soft < target:
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
    return resource.getrlimit(resource.RLIMIT_NOFILE)[0]


def _preexec_nofile() -> None:  # runs in the server child before exec
    raise_nofile()


# --- where things are -------------------------------------------------------------------------


@dataclass(frozen=True)
class Endpoints:
    admin_dsn: str  # libpq DSN of the maintenance database "postgres"
    db_name: str
    database_url: str  # the bench database, for Django
    redis_url: str  # the bench Redis database


def endpoints() -> Endpoints:
    base = urlsplit(os.environ.get("DATABASE_URL") or "postgres://postgres@127.0.0.1:5432/postgres")
    if base.scheme not in ("postgres", "postgresql", "pgsql"):
        base = urlsplit("postgres://postgres@127.0.0.1:5432/postgres")
    name = os.environ.get("BENCH_DB_NAME", "gagasan_bench")
    if "bench" not in name or not name.replace("_", "").isalnum():
        raise SystemExit(f"refusing to use {name!r} as the bench database (must contain 'bench')")
    database_url = urlunsplit(("postgres", base.netloc, f"/{name}", "", ""))
    admin_dsn = urlunsplit(("postgresql", base.netloc, "/postgres", "connect_timeout=3", ""))
    redis = urlsplit(os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0")
    redis_db = int(os.environ.get("BENCH_REDIS_DB", "13"))
    redis_url = urlunsplit((redis.scheme or "redis", redis.netloc, f"/{redis_db}", "", ""))
    return Endpoints(admin_dsn, name, database_url, redis_url)


def services_reachable() -> str | None:
    """None when PostgreSQL and Redis both answer; otherwise why not."""
    where = endpoints()
    try:
        import psycopg

        with psycopg.connect(where.admin_dsn, autocommit=True) as conn:
            conn.execute("SELECT 1")
    except Exception as exc:  # noqa: BLE001
        return f"PostgreSQL unreachable ({where.admin_dsn}): {exc}"
    try:
        import redis

        redis.Redis.from_url(where.redis_url, socket_connect_timeout=2).ping()
    except Exception as exc:  # noqa: BLE001
        return f"Redis unreachable ({where.redis_url}): {exc}"
    return None


def server_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The servers' environment (and this process's Django settings)."""
    where = endpoints()
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "DATABASE_", "GAGASAN_")) and k != "REDIS_URL"
    }
    env.update(
        DJANGO_SETTINGS_MODULE="backend.settings",
        DJANGO_SECRET_KEY=SECRET,
        DJANGO_DEBUG="0",
        DJANGO_SECURE_COOKIES="0",
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_LOG_LEVEL="WARNING",
        DATABASE_URL=where.database_url,
        REDIS_URL=where.redis_url,
        GAGASAN_VOTE_RATE="1000000/min",
        PYTHONUNBUFFERED="1",
        PYTHONDONTWRITEBYTECODE="1",
    )
    # What-if knob: BENCH_PUSH_INTERVAL=<s> sets the leaderboard hub's push interval.
    if os.environ.get("BENCH_PUSH_INTERVAL"):
        env["GAGASAN_LEADERBOARD_PUSH_INTERVAL"] = os.environ["BENCH_PUSH_INTERVAL"]
    env.update(extra or {})
    return env


# --- the database -----------------------------------------------------------------------------


def django_setup() -> None:
    """Configure Django in this process for the bench database and Redis database."""
    env = server_env()
    for key in (
        "DJANGO_SETTINGS_MODULE",
        "DJANGO_SECRET_KEY",
        "DJANGO_DEBUG",
        "DJANGO_SECURE_COOKIES",
        "DJANGO_LOG_LEVEL",
        "DATABASE_URL",
        "REDIS_URL",
        "GAGASAN_VOTE_RATE",
    ):
        os.environ[key] = env[key]
    os.environ.pop("DATABASE_POOL", None)
    for path in (str(REPO), str(HERE)):
        if path not in sys.path:
            sys.path.insert(0, path)
    import django

    django.setup()


def recreate_database() -> None:
    import psycopg

    where = endpoints()
    for attempt in range(30):  # a shared server may be briefly out of connection slots
        try:
            with psycopg.connect(where.admin_dsn, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{where.db_name}" WITH (FORCE)')
                conn.execute(f'CREATE DATABASE "{where.db_name}"')
            break
        except psycopg.OperationalError as exc:
            if "too many clients" not in str(exc) or attempt == 29:
                raise
            log("PostgreSQL is out of connection slots; retrying")
            time.sleep(2)
    import redis

    redis.Redis.from_url(where.redis_url).flushdb()


@dataclass
class Fixture:
    campaign_id: int
    idea_ids: list[int]
    tokens: list[str]  # one per voter, in the voters' order
    user_ids: list[int]
    timings: dict = field(default_factory=dict)

    def to_json(self) -> dict:
        return {
            "campaign": self.campaign_id,
            "ideas": len(self.idea_ids),
            "users": len(self.tokens),
        }


def wait_for_quiet() -> None:
    """On a shared machine, BENCH_WAIT_QUIET=<seconds> waits (at most that long) until the
    machine has been nearly idle (< 0.3 cores busy) for 3 s before setting up."""
    limit = float(os.environ.get("BENCH_WAIT_QUIET") or 0)
    if not limit:
        return
    cores = os.cpu_count() or 1
    started, quiet = time.monotonic(), 0
    while time.monotonic() - started < limit and quiet < 3:
        b0 = machine_busy()
        time.sleep(1.0)
        b1 = machine_busy()
        busy = (b1[0] - b0[0]) / max(1, b1[1] - b0[1]) * cores
        quiet = quiet + 1 if busy < 0.3 else 0
    log(f"machine quiet for {quiet}s after waiting {time.monotonic() - started:.0f}s")


_LOCK = None


def exclusive_run() -> None:
    """One benchmark at a time on this machine: runs share the bench database and Redis
    database, and each would skew the other's figures. Held until the process exits."""
    global _LOCK
    import fcntl

    path = os.environ.get("BENCH_LOCK_FILE") or os.path.join(
        tempfile.gettempdir(), "gagasan-bench.lock"
    )
    _LOCK = open(path, "w")  # noqa: SIM115 - held for the life of the process
    try:
        fcntl.flock(_LOCK, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        log(f"another benchmark run holds {path}; waiting for it")
        fcntl.flock(_LOCK, fcntl.LOCK_EX)


def prepare(*, ideas: int, users: int) -> Fixture:
    """Fresh database, migrated; one campaign in its voting phase, `ideas` ideas, `users` voters
    with DRF tokens (bulk-created with one pre-hashed password)."""
    exclusive_run()
    wait_for_quiet()
    started = time.monotonic()
    recreate_database()
    django_setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    migrated = time.monotonic()

    from django.contrib.auth.hashers import make_password
    from rest_framework.authtoken.models import Token

    from accounts.models import User
    from tests.factories import AgencyFactory, CampaignFactory, CategoryFactory, make_idea

    agency = AgencyFactory(code="BENCH", name="Dinas Benchmark")
    author = User.objects.create_user(
        username="benchauthor", password=PASSWORD, full_name="Penulis Bench", agency=agency
    )
    campaign = CampaignFactory(title="Tantangan Bench")
    category = CategoryFactory(slug="traffic")
    idea_ids = [
        make_idea(
            author=author, category=category, campaign=campaign, title=f"Gagasan bench {i:04d}"
        ).pk
        for i in range(ideas)
    ]
    hashed = make_password(PASSWORD)
    voters = User.objects.bulk_create(
        [
            User(
                username=f"{VOTER_PREFIX}{i:06d}",
                full_name=f"Pemilih {i}",
                password=hashed,
                agency=agency,
            )
            for i in range(users)
        ],
        batch_size=2000,
    )
    tokens = Token.objects.bulk_create(
        [Token(key=Token.generate_key(), user=u) for u in voters], batch_size=2000
    )
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    fixture = Fixture(
        campaign_id=campaign.pk,
        idea_ids=idea_ids,
        tokens=[t.key for t in tokens],
        user_ids=[u.pk for u in voters],
        timings={
            "migrate_s": round(migrated - started, 2),
            "seed_s": round(time.monotonic() - migrated, 2),
        },
    )
    connection.close()
    log(f"bench data: campaign {campaign.pk}, {ideas} ideas, {users} voters", fixture.timings)
    return fixture


def consistency(campaign_id: int) -> dict:
    """Every idea's stored counter against COUNT(votes), straight from the database."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT i.id, i.vote_count, COUNT(v.id)
            FROM ideas_idea i LEFT JOIN voting_vote v ON v.idea_id = i.id
            WHERE i.campaign_id = %s GROUP BY i.id, i.vote_count
            """,
            [campaign_id],
        )
        rows = cursor.fetchall()
    connection.close()
    bad = [{"idea": r[0], "vote_count": r[1], "votes": r[2]} for r in rows if r[1] != r[2]]
    return {
        "ideas_checked": len(rows),
        "votes_in_db": sum(r[2] for r in rows),
        "counters_match": not bad,
        "mismatches": bad[:10],
    }


def leaderboard_now(campaign_id: int, limit: int = 50) -> dict:
    """The leaderboard as the app computes it, read now (for final-state comparisons)."""
    from django.db import connection

    from ideas.models import Campaign
    from rankings.selectors import leaderboard_get

    body = leaderboard_get(campaign=Campaign.objects.get(pk=campaign_id), limit=limit)
    connection.close()
    return body


# --- processes --------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _children(pid: int) -> list[int]:
    out = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as f:
                out.extend(int(c) for c in f.read().split())
    except OSError:
        pass
    return out


def process_tree(pid: int) -> list[int]:
    tree, todo = [], [pid]
    while todo:
        p = todo.pop()
        tree.append(p)
        todo.extend(_children(p))
    return tree


_TICK = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pids: list[int]) -> float:
    total = 0.0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / _TICK
        except (OSError, IndexError, ValueError):
            pass
    return total


def rss_kib(pid: int) -> int:
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def machine_busy() -> tuple[float, float]:
    """(busy jiffies, total jiffies) of the whole machine, for a utilisation ratio."""
    with open("/proc/stat") as f:
        values = [int(x) for x in f.readline().split()[1:]]
    idle = values[3] + values[4]
    return sum(values) - idle, sum(values)


def _cpu_by_name(names: tuple[str, ...]) -> dict[str, float]:
    """CPU seconds of every process whose command name is one of `names` (read-only scan)."""
    out = dict.fromkeys(names, 0.0)
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                raw = f.read()
        except OSError:
            continue
        name = raw[raw.find("(") + 1 : raw.rfind(")")]
        if name in out:
            fields = raw.rsplit(")", 1)[1].split()
            out[name] += (int(fields[11]) + int(fields[12])) / _TICK
    return out


SHARED = ("postgres", "redis-server")


class CpuMeter:
    """CPU used, in cores, by this process (the client), by some process trees (servers), by
    PostgreSQL and Redis, and by everything else on the machine, between start() and stop()."""

    def __init__(self, **trees: int):
        self.trees = {k: p for k, p in trees.items() if p}

    def start(self) -> CpuMeter:
        self.t0 = time.monotonic()
        self.self0 = time.process_time()
        self.m0 = machine_busy()
        self.c0 = {k: cpu_seconds(process_tree(p)) for k, p in self.trees.items()}
        self.s0 = _cpu_by_name(SHARED)
        return self

    def stop(self) -> dict:
        wall = time.monotonic() - self.t0
        m1 = machine_busy()
        shared = _cpu_by_name(SHARED)
        out = {"wall_s": round(wall, 2)}
        known = time.process_time() - self.self0
        out["client_cpu_cores"] = round(known / wall, 3)
        for k, p in self.trees.items():
            used = cpu_seconds(process_tree(p)) - self.c0[k]
            known += used
            out[f"{k}_cpu_cores"] = round(used / wall, 3)
        for name in SHARED:
            used = shared[name] - self.s0[name]
            known += used
            out[f"{name.split('-')[0]}_cpu_cores"] = round(used / wall, 3)
        cores = os.cpu_count() or 1
        busy = (m1[0] - self.m0[0]) / max(1, m1[1] - self.m0[1])
        out["machine_busy_pct"] = round(100 * busy, 1)
        # Everything else on this (shared) machine: other people's tests, the kernel, ...
        out["others_cpu_cores"] = round(max(0.0, busy * cores - known / wall), 3)
        out["machine_cores"] = cores
        return out


def percentiles(values, scale: float = 1000.0, digits: int = 1) -> dict:
    """p50/p95/p99/max (in ms by default) of a sequence of seconds."""
    data = sorted(values)
    if not data:
        return {"n": 0}

    def at(q: float):
        return round(data[min(len(data) - 1, int(q * len(data)))] * scale, digits)

    return {
        "n": len(data),
        "p50": at(0.50),
        "p95": at(0.95),
        "p99": at(0.99),
        "max": round(data[-1] * scale, digits),
        "mean": round(sum(data) / len(data) * scale, digits),
    }


class Server:
    """A server subprocess in its own session, logging to a file; stopped by its own pid."""

    def __init__(self, name: str, argv: list[str], env: dict[str, str], port: int, logdir: Path):
        self.name, self.argv, self.env, self.port = name, argv, env, port
        self.log_path = logdir / f"{name}.log"
        self.proc: subprocess.Popen | None = None
        self.restarts = 0

    def start(self) -> Server:
        logfile = open(self.log_path, "ab")  # noqa: SIM115 - handed to the child
        self.proc = subprocess.Popen(
            self.argv,
            cwd=REPO,
            env=self.env,
            stdin=subprocess.DEVNULL,
            stdout=logfile,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            preexec_fn=_preexec_nofile,
        )
        logfile.close()
        return self

    @property
    def pid(self) -> int:
        return self.proc.pid if self.proc else 0

    def wait_ready(self, timeout: float = 60.0, interval: float = 0.05) -> float:
        """Poll /healthz until 200; the seconds it took."""
        started = time.monotonic()
        url = f"http://127.0.0.1:{self.port}/healthz"
        while True:
            if self.proc.poll() is not None:
                raise RuntimeError(
                    f"{self.name} exited ({self.proc.returncode}); see {self.log_path}"
                )
            try:
                with urllib.request.urlopen(url, timeout=2) as response:
                    if response.status == 200:
                        return time.monotonic() - started
            except (OSError, urllib.error.URLError):
                pass
            if time.monotonic() - started > timeout:
                raise RuntimeError(f"{self.name} not ready after {timeout}s; see {self.log_path}")
            time.sleep(interval)

    def wait_listening(self, timeout: float = 60.0, interval: float = 0.01) -> float:
        """Poll until the port accepts TCP connections; the seconds it took. (Used for the
        socket server's restart: its /healthz can hang while sockets are connected.)"""
        started = time.monotonic()
        while True:
            if self.proc.poll() is not None:
                raise RuntimeError(
                    f"{self.name} exited ({self.proc.returncode}); see {self.log_path}"
                )
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return time.monotonic() - started
            except OSError:
                pass
            if time.monotonic() - started > timeout:
                raise RuntimeError(f"{self.name} not listening after {timeout}s")
            time.sleep(interval)

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 10.0) -> None:
        if not self.proc or self.proc.poll() is not None:
            return
        tree = process_tree(self.proc.pid)
        with contextlib.suppress(ProcessLookupError):
            self.proc.send_signal(sig)
        try:
            self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                self.proc.kill()
            self.proc.wait(5)
        for pid in tree[1:]:  # workers the master did not take down (only ours, by pid)
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(pid, signal.SIGKILL)

    def tail(self, lines: int = 30) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    def errors_logged(self) -> int:
        """Tracebacks in the server's log (5xx leave one)."""
        try:
            return self.log_path.read_text(errors="replace").count("Traceback")
        except OSError:
            return 0


class Servers:
    """Starts the API (gunicorn, WSGI) and/or the sockets (uvicorn, ASGI); stops them on exit,
    on an exception, on Ctrl-C and on SIGTERM."""

    def __init__(self):
        self.logdir = Path(tempfile.mkdtemp(prefix="gagasan-bench-"))
        self.api: Server | None = None
        self.ws: Server | None = None
        atexit.register(self.stop_all)
        signal.signal(signal.SIGTERM, _raise_keyboard_interrupt)

    def start_api(
        self,
        *,
        workers: int = 3,
        kind: str = "sync",
        threads: int = 4,
        conn_max_age: int = 60,
        worker_connections: int | None = None,
        extra_env: dict[str, str] | None = None,
    ) -> Server:
        port = free_port()
        argv = [
            str(BIN / "gunicorn"),
            "backend.wsgi:application",
            "--bind", f"127.0.0.1:{port}",
            "--workers", str(workers),
            "--worker-class", kind,
            "--backlog", "4096",
            "--keep-alive", "30",
            "--timeout", "60",
            "--log-level", "warning",
        ]  # fmt: skip
        if kind == "gthread":
            argv += ["--threads", str(threads)]
        if worker_connections:
            argv += ["--worker-connections", str(worker_connections)]
        # Under WSGI persistent connections are safe (PERFORMANCE.md pitfall 4 is ASGI only).
        env = server_env({"DATABASE_CONN_MAX_AGE": str(conn_max_age), **(extra_env or {})})
        self.api = Server("api-gunicorn", argv, env, port, self.logdir).start()
        took = self.api.wait_ready()
        log(
            f"API: gunicorn {kind} x{workers} on :{port} (pid {self.api.pid}), ready in {took:.1f}s"
        )
        return self.api

    def ws_argv(self, port: int) -> list[str]:
        return [
            str(BIN / "uvicorn"),
            "backend.asgi:application",
            "--host", "127.0.0.1",
            "--port", str(port),
            "--no-access-log",
            "--lifespan", "off",
            "--ws-per-message-deflate", "false",
            "--ws", os.environ.get("BENCH_WS", "auto"),
            "--backlog", "4096",
            "--log-level", "warning",
        ]  # fmt: skip

    def start_ws(self, *, port: int | None = None, extra_env: dict[str, str] | None = None):
        port = port or free_port()
        env = server_env({"DATABASE_POOL": "1", **(extra_env or {})})
        if self.ws is None:
            self.ws = Server("ws-uvicorn", self.ws_argv(port), env, port, self.logdir)
        self.ws.start()
        took = self.ws.wait_ready()
        log(f"sockets: uvicorn on :{port} (pid {self.ws.pid}), ready in {took:.1f}s")
        return self.ws

    def stop_all(self) -> None:
        for server in (self.ws, self.api):
            if server is not None:
                server.stop()

    def describe(self) -> dict:
        out = {
            "logs": str(self.logdir),
            "settings": "backend.settings",
        }
        out["app_code"] = code_fingerprint()
        knobs = {k: v for k, v in os.environ.items() if k.startswith("BENCH_")}
        if knobs:
            out["bench_env"] = knobs
        if self.api:
            out["api"] = " ".join(self.api.argv[1:])
        if self.ws:
            out["ws"] = " ".join(self.ws.argv[1:])
        return out


HOT_PATH_FILES = (
    "voting/services.py",
    "voting/apis.py",
    "ideas/consumers.py",
    "rankings/consumers.py",
    "rankings/hub.py",
    "rankings/selectors.py",
    "backend/multiplex.py",
    "live/publish.py",
    "backend/settings.py",
    "backend/websocket_auth.py",
)


def code_fingerprint() -> dict[str, str]:
    """Short hashes of the hot-path files, to tell which version of the app was measured."""
    import hashlib

    out = {}
    for name in HOT_PATH_FILES:
        try:
            out[name] = hashlib.sha1((REPO / name).read_bytes()).hexdigest()[:10]
        except OSError:
            out[name] = "missing"
    return out


def _raise_keyboard_interrupt(signum, frame):
    raise KeyboardInterrupt


def skip_if_unreachable(name: str) -> None:
    """Exit 0 with a clear message (and a JSON `skipped`) when PostgreSQL or Redis is down."""
    why = services_reachable()
    if why:
        log(f"{name}: SKIPPED: {why}")
        emit({"benchmark": name, "skipped": why})
        raise SystemExit(0)


# --- a vote caster in its own process -----------------------------------------------------------


def _cast_main(argv: list[str]) -> None:
    """`python bench/_setup.py cast --campaign C --count N --seconds T`: set up Django, print
    READY, wait for a line on stdin, then cast N new votes through voting.services.vote_cast
    (the service the API calls: its transaction, its on-commit publish through the outbox),
    spread evenly over T seconds on a few threads; print JSON with the commit times."""
    import argparse
    import threading

    parser = argparse.ArgumentParser()
    parser.add_argument("--campaign", type=int, required=True)
    parser.add_argument("--count", type=int, required=True)
    parser.add_argument("--seconds", type=float, required=True)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--voter-offset", type=int, default=0)
    args = parser.parse_args(argv)
    django_setup()
    from django.db import connection

    from accounts.models import User
    from ideas.models import Idea
    from live import publish
    from voting.services import vote_cast

    ideas = list(
        Idea.objects.filter(campaign_id=args.campaign).order_by("id").values_list("id", flat=True)
    )
    needed = args.voter_offset + args.count // len(ideas) + 1
    voters = list(User.objects.filter(username__startswith=VOTER_PREFIX).order_by("id")[:needed])
    connection.close()
    print("READY", flush=True)
    sys.stdin.readline()
    start, cpu0 = time.monotonic(), time.process_time()
    commits: list[tuple[float, int, int]] = []
    lock = threading.Lock()
    counter = iter(range(args.count))

    def worker():
        while True:
            with lock:
                i = next(counter, None)
            if i is None:
                break
            due = start + args.seconds * i / args.count
            delay = due - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            idea = ideas[i % len(ideas)]
            voter = voters[args.voter_offset + i // len(ideas)]
            result = vote_cast(idea_id=idea, voter=voter)
            with lock:
                commits.append((time.time(), idea, result.vote_count))
        connection.close()

    threads = [threading.Thread(target=worker) for _ in range(args.threads)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - start
    publish.outbox_flush(5.0)
    commits.sort()
    print(
        json.dumps(
            {
                "cast": len(commits),
                "elapsed_s": round(elapsed, 3),
                "caster_cpu_s": round(time.process_time() - cpu0, 3),
                "first_commit": commits[0][0] if commits else None,
                "last_commit": commits[-1][0] if commits else None,
            }
        ),
        flush=True,
    )


if __name__ == "__main__":
    if sys.argv[1:2] == ["cast"]:
        _cast_main(sys.argv[2:])
    elif sys.argv[1:2] == ["check"]:  # exit 1 (with the reason) when PostgreSQL/Redis is down
        reason = services_reachable()
        if reason:
            log(reason)
        raise SystemExit(1 if reason else 0)
    else:
        raise SystemExit("usage: python bench/_setup.py check | cast --campaign C --count N ...")
