"""Votes per second through the HTTP API (gunicorn, WSGI) on PostgreSQL + Redis.

N closed-loop clients, each with its own keep-alive connection and its own voters' tokens, for
D seconds (after a short warm-up), optionally while S sockets are held open on the campaign's
leaderboard (90 %) and on ideas (10 %) by a separate process against uvicorn.

Every request is a real change of state:
- `--mode insert` (default): each client owns enough voters that every request is a POST of a
  vote that does not exist yet (an INSERT and a counter bump);
- `--mode pairs`: each client has one voter and alternates POST and DELETE on the same idea
  (an INSERT, then a DELETE).
Afterwards the database must hold exactly the votes the 200s imply, and every idea's
vote_count must equal COUNT(votes).

Small: `python bench/vote_throughput.py`; full: `--full` (64 clients, 5 s warm-up, 30 s measured,
2,000 sockets). `latency_p50_p99_by_5s_ms` shows whether a tail is one stall or steady.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import _setup  # noqa: E402
from _clients import Http, new_event_loop_policy  # noqa: E402
from _setup import PYTHON, CpuMeter, Servers, log, percentiles  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))


def parse_args() -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--full", action="store_true", help="64 clients, 30 s, 2,000 sockets")
    p.add_argument("--clients", type=int, default=None, help="concurrent clients (16; full 64)")
    p.add_argument("--duration", type=float, default=None, help="seconds measured (10; full 30)")
    p.add_argument(
        "--warmup",
        type=float,
        default=None,
        help="seconds of load before measuring (2; full 5: the first seconds open 12 database "
        "connections, prepare statements, learn tokens and start the 2,000 sockets' pushes)",
    )
    p.add_argument("--sockets", type=int, default=None, help="held sockets (0; full 2000)")
    p.add_argument("--ideas", type=int, default=100)
    p.add_argument("--mode", choices=["insert", "pairs"], default="insert")
    p.add_argument(
        "--rate",
        type=float,
        default=0,
        help="open loop: this many requests/s in total, spread over the clients (latency is "
        "counted from each request's due time); default: closed loop, as fast as answered",
    )
    # gthread 3x4 keeps connections alive (sync answers Connection: close, so every vote paid
    # for a new TCP connection): 577 votes/s against 391 for sync x3 on 2 cores, with 2,000
    # sockets held; offered 500/s, 4x2 and 6x1 fell behind (417, 378). See bench/README.md.
    p.add_argument("--worker-class", choices=["sync", "gthread"], default="gthread")
    p.add_argument("--workers", type=int, default=3)
    p.add_argument("--threads", type=int, default=4, help="per worker, gthread only")
    p.add_argument("--conn-max-age", type=int, default=60, help="DATABASE_CONN_MAX_AGE (WSGI)")
    p.add_argument(
        "--max-rate", type=float, default=2500, help="req/s the voter pool is sized for (insert)"
    )
    args = p.parse_args()
    full = args.full
    args.clients = args.clients or (64 if full else 16)
    args.duration = args.duration or (30.0 if full else 10.0)
    args.warmup = args.warmup if args.warmup is not None else (5.0 if full else 2.0)
    if args.sockets is None:
        args.sockets = 2000 if full else 0
    return args


def socket_paths(fixture, sockets: int) -> list[tuple[str, str]]:
    paths = []
    ideas_share = sockets // 10
    for i in range(sockets):
        token = fixture.tokens[i % len(fixture.tokens)]
        if i < ideas_share:
            idea = fixture.idea_ids[i % len(fixture.idea_ids)]
            paths.append((f"/ws/ideas/{idea}/?token={token}", "idea"))
        else:
            paths.append((f"/ws/leaderboard/?campaign={fixture.campaign_id}&token={token}", "lb"))
    return paths


class Load:
    def __init__(self, args, fixture, port: int, users_per_client: int):
        self.args, self.fixture, self.port = args, fixture, port
        self.upc = users_per_client
        self.measure_from = self.measure_to = self.stop_at = math.inf
        self.latencies: list[float] = []
        self.started: list[float] = []  # when each measured request was due or sent
        self.status: dict[str, int] = {}
        self.casts = self.withdrawals = 0  # measured window, 200s
        self.net_votes = 0  # whole run: 200 POSTs minus 200 DELETEs
        self.bad_bodies = 0
        self.connection_errors = 0
        self.exhausted = 0
        self.connects = 0
        self.max_lateness = 0.0
        self.t_begin = time.monotonic()

    def by_window(self, width: float) -> list[list[float]]:
        """[p50, p99] of each `width`-second window of the measured time: a tail that comes
        from one stall shows in one window, a tail from steady overload in all of them."""
        windows: dict[int, list[float]] = {}
        for started, latency in zip(self.started, self.latencies, strict=True):
            windows.setdefault(int((started - self.measure_from) // width), []).append(latency)
        return [
            [percentiles(windows[k])["p50"], percentiles(windows[k])["p99"]]
            for k in sorted(windows)
        ]

    def plan(self, c: int):
        """The (method, idea, token) sequence of client c; every step changes a vote."""
        ideas, m = self.fixture.idea_ids, len(self.fixture.idea_ids)
        offset = c * m // self.args.clients
        if self.args.mode == "pairs":
            header = b"Authorization: Token %s\r\n" % self.fixture.tokens[c].encode()
            k = 0
            while True:
                idea = ideas[(offset + k) % m]
                yield b"POST", idea, header
                yield b"DELETE", idea, header
                k += 1
        for u in range(self.upc):
            token = self.fixture.tokens[c * self.upc + u]
            header = b"Authorization: Token %s\r\n" % token.encode()
            for k in range(m):
                yield b"POST", ideas[(offset + u + k) % m], header

    async def client(self, c: int) -> None:
        http = Http("127.0.0.1", self.port)
        steps = self.plan(c)
        clock = time.monotonic
        rate = self.args.rate / self.args.clients if self.args.rate else 0
        due = self.t_begin + (c / self.args.clients) / rate if rate else 0.0
        while True:
            started = clock()
            if rate:  # open loop: wait for the due time; a late request counts from it
                if due > started:
                    await asyncio.sleep(due - started)
                started, due = due, due + 1 / rate
                self.max_lateness = max(self.max_lateness, clock() - started)
            if started >= self.stop_at:
                break
            try:
                method, idea, header = next(steps)
            except StopIteration:
                self.exhausted += 1
                break
            try:
                status, body = await http.request(method, f"/api/ideas/{idea}/vote/", header)
            except (ConnectionError, asyncio.IncompleteReadError, OSError):
                self.connection_errors += 1
                await asyncio.sleep(0.01)
                continue
            ended = clock()
            if status == 200:
                changed = 1 if method == b"POST" else -1
                self.net_votes += changed
                expected = b'"has_voted":true' if changed > 0 else b'"has_voted":false'
                if expected not in body:
                    self.bad_bodies += 1
            if self.measure_from <= started and ended <= self.measure_to:
                self.latencies.append(ended - started)
                self.started.append(started)
                key = str(status)
                self.status[key] = self.status.get(key, 0) + 1
                if status == 200:
                    if method == b"POST":
                        self.casts += 1
                    else:
                        self.withdrawals += 1
        self.connects += http.connects
        http.close()

    async def run(self, meter_factory) -> dict:
        now = self.t_begin = time.monotonic()
        self.measure_from = now + self.args.warmup
        self.measure_to = self.measure_from + self.args.duration
        self.stop_at = self.measure_to
        tasks = [asyncio.create_task(self.client(c)) for c in range(self.args.clients)]
        await asyncio.sleep(self.args.warmup)
        meter = meter_factory().start()
        await asyncio.sleep(self.args.duration)
        cpu = meter.stop()
        await asyncio.gather(*tasks)
        return cpu


def main() -> None:
    args = parse_args()
    _setup.skip_if_unreachable("vote_throughput")
    _setup.raise_nofile()
    m = args.ideas
    if args.mode == "pairs":
        upc = 1
    else:
        upc = math.ceil(args.max_rate * (args.duration + args.warmup) / (args.clients * m))
    users = max(args.clients * upc, 50)
    fixture = _setup.prepare(ideas=m, users=users)
    servers = Servers()
    holder = None
    try:
        api = servers.start_api(
            workers=args.workers,
            kind=args.worker_class,
            threads=args.threads,
            conn_max_age=args.conn_max_age,
        )
        holder_ready = None
        if args.sockets:
            ws = servers.start_ws()
            with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
                json.dump(socket_paths(fixture, args.sockets), f)
            holder = subprocess.Popen(
                [PYTHON, os.path.join(HERE, "_clients.py"), "hold", "--port", str(ws.port),
                 "--paths-file", f.name],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
            )  # fmt: skip
            line = holder.stdout.readline()
            if not line.startswith("READY "):
                raise RuntimeError(f"socket holder failed: {line!r}")
            holder_ready = json.loads(line[6:])
            log(f"{holder_ready['connected']}/{args.sockets} sockets connected "
                f"in {holder_ready['connect_all_s']} s")  # fmt: skip
        load = Load(args, fixture, api.port, upc)
        log(f"load: {args.clients} clients, mode {args.mode}, {args.warmup}s warm-up + "
            f"{args.duration}s measured")  # fmt: skip

        def meter():
            return CpuMeter(
                api=api.pid,
                ws=servers.ws.pid if servers.ws else 0,
                holder=holder.pid if holder else 0,
            )

        new_event_loop_policy()
        cpu = asyncio.run(load.run(meter))
        held = None
        if holder is not None:
            holder.stdin.close()
            held = json.loads(holder.stdout.readline())
            holder.wait(30)
            holder = None
        time.sleep(1.0)  # let the outboxes drain; the database is the truth anyway
        check = _setup.consistency(fixture.campaign_id)
        check["expected_votes"] = load.net_votes
        check["every_request_changed_a_vote"] = (
            check["votes_in_db"] == load.net_votes and load.bad_bodies == 0
        )
        measured = len(load.latencies)
        errors_5xx = sum(n for code, n in load.status.items() if code.startswith("5"))
        result = {
            "benchmark": "vote_throughput",
            "config": {
                "clients": args.clients,
                "duration_s": args.duration,
                "warmup_s": args.warmup,
                "mode": args.mode,
                "ideas": m,
                "voters": users,
                "sockets": args.sockets,
                "api_server": "gunicorn (WSGI)",
                "worker_class": args.worker_class,
                "workers": args.workers,
                "threads": args.threads if args.worker_class == "gthread" else 1,
                "conn_max_age": args.conn_max_age,
                "client": "asyncio+uvloop, raw HTTP/1.1 keep-alive, one connection per client",
            },
            "loop": f"open, {args.rate} req/s offered" if args.rate else "closed",
            "requests_per_s": round(measured / args.duration, 1),
            "votes_per_s": round((load.casts + load.withdrawals) / args.duration, 1),
            "casts": load.casts,
            "withdrawals": load.withdrawals,
            "latency_ms": percentiles(load.latencies),
            "latency_p50_p99_by_5s_ms": load.by_window(5.0),
            "status": load.status,
            "errors_5xx": errors_5xx,
            "connection_errors": load.connection_errors,
            "unexpected_bodies": load.bad_bodies,
            "tcp_connects": load.connects,
            "clients_out_of_voters": load.exhausted,
            "max_send_lateness_ms": round(load.max_lateness * 1000, 1) if args.rate else None,
            "consistency": check,
            "cpu": cpu,
            "server_tracebacks": {
                "api": api.errors_logged(),
                "ws": servers.ws.errors_logged() if servers.ws else 0,
            },
        }
        if args.sockets:
            result["sockets"] = {"at_start": holder_ready, "at_end": held}
        result["servers"] = servers.describe()
        _setup.emit(result)
    finally:
        if holder is not None:
            holder.kill()
        servers.stop_all()


if __name__ == "__main__":
    main()
