"""Vote-to-screen latency: K sockets on one campaign's leaderboard (uvicorn, `?token=` auth) and
a few on idea groups, while votes are cast at a fixed rate through the HTTP API (gunicorn).

Each vote is a real new vote (a POST by a voter who has not voted for that idea), so its idea's
count only grows: the vote's effect is on screen in the first leaderboard frame whose entry for
that idea shows a count >= the count the API answered (every idea is on the board: ideas <=
limit), and in the first idea `tally` whose vote_count is >= it. Times are wall-clock on this one
machine (the frame's `generated_at` splits the latency into "until the ranking was computed"
and "fan-out").

Also: messages per client per second, frames queued per client (generated but not yet read),
whether every client ends on the database's numbers after a settle time, the uvicorn process's
RSS (KiB per idle socket), and how long all sockets take to come back after the socket server is
restarted (clients reconnect with full-jitter exponential backoff).

Small: `python bench/live_latency.py`; full: `--full` (2,000 sockets, 100 votes/s, 30 s).
"""

from __future__ import annotations

import argparse
import asyncio
import bisect
import json
import math
import os
import signal
import sys
import time
import urllib.error
import urllib.request
from datetime import datetime

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import _setup  # noqa: E402
from _clients import Http, Slot, WsPool, new_event_loop_policy  # noqa: E402
from _setup import CpuMeter, Servers, log, percentiles, rss_kib  # noqa: E402


def parse_args() -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--full", action="store_true", help="2,000 sockets, 100 votes/s, 30 s")
    p.add_argument("--sockets", type=int, default=None, help="leaderboard sockets (200; full 2000)")
    p.add_argument("--idea-sockets", type=int, default=None, help="idea sockets (10; full 20)")
    p.add_argument("--rate", type=float, default=None, help="votes per second (50; full 100)")
    p.add_argument("--duration", type=float, default=None, help="seconds of voting (10; full 30)")
    p.add_argument("--ideas", type=int, default=None, help="ideas in the campaign (20; full 50)")
    p.add_argument("--limit", type=int, default=50, help="leaderboard limit (>= ideas)")
    p.add_argument("--settle", type=float, default=3.0, help="seconds before the final check")
    p.add_argument("--api-worker-class", choices=["sync", "gthread"], default="gthread")
    p.add_argument("--api-workers", type=int, default=3)
    p.add_argument("--api-threads", type=int, default=4)
    p.add_argument("--http-connections", type=int, default=16)
    p.add_argument("--no-restart", action="store_true", help="skip the reconnect test")
    p.add_argument(
        "--auth",
        choices=["token", "session"],
        default="token",
        help="how sockets sign in: ?token= (default) or a browser session cookie",
    )
    p.add_argument("--kill-signal", choices=["TERM", "KILL"], default="TERM")
    p.add_argument("--backoff-base", type=float, default=0.25)
    p.add_argument("--backoff-cap", type=float, default=2.0)
    args = p.parse_args()
    full = args.full
    args.sockets = args.sockets if args.sockets is not None else (2000 if full else 200)
    args.idea_sockets = args.idea_sockets if args.idea_sockets is not None else (20 if full else 10)
    args.rate = args.rate or (100.0 if full else 50.0)
    args.duration = args.duration or (30.0 if full else 10.0)
    args.ideas = args.ideas or (50 if full else 20)
    if args.ideas > args.limit:
        p.error("--ideas must be <= --limit: every idea has to be on the board")
    return args


class Frames:
    """Every distinct leaderboard frame (parsed once), and what each socket received."""

    def __init__(self):
        self.payloads: dict[bytes, bytes] = {}

    def on_message(self, slot: Slot, payload: bytes, t: float) -> None:
        if slot.kind == "lb":
            end = payload.find(b'"entries"', 0, 400)
            key = payload[:end] if end > 0 else payload
            if key not in self.payloads:
                self.payloads[key] = payload
            slot.data.append((t, key))
        else:
            message = json.loads(payload)
            if "vote_count" in message:
                slot.data.append((t, message["vote_count"]))

    def parse(self):
        """Frames ordered by generation: keys -> index, gen times, seqs, and per idea the counts
        by index (non-decreasing, as votes are only cast)."""
        parsed = []
        for key, payload in self.payloads.items():
            body = json.loads(payload)
            parsed.append(
                (
                    datetime.fromisoformat(body["generated_at"]).timestamp(),
                    body["seq"],
                    key,
                    {e["idea"]["id"]: e["vote_count"] for e in body["entries"]},
                )
            )
        parsed.sort(key=lambda f: (f[0], f[1]))
        return parsed


def analyse(args, fixture, pool: WsPool, frames: Frames, votes, window, db_board) -> dict:
    parsed = frames.parse()
    index = {f[2]: i for i, f in enumerate(parsed)}
    gens = [f[0] for f in parsed]
    per_idea = {idea: [f[3].get(idea, -1) for f in parsed] for idea in fixture.idea_ids}

    # The first frame (by generation) showing each vote.
    groups: dict[int, list[float]] = {}
    to_generated, unseen = [], 0
    for t_send, idea, count, _t_resp in votes:
        need = bisect.bisect_left(per_idea[idea], count)
        if need >= len(parsed):
            unseen += 1
            continue
        groups.setdefault(need, []).append(t_send)
        to_generated.append(gens[need] - t_send)
    needs = sorted(groups)

    lb_slots = [s for s in pool.slots if s.kind == "lb"]
    hist = [0] * 200_000  # 0.1 ms buckets up to 20 s; the last one holds the rest
    pairs = missed = 0
    first_seen: dict[int, float] = {}
    all_seen: dict[int, float] = {}
    fanout_delay = []  # from generation to each client's receipt
    max_queued = []
    t0, t1 = window
    frames_in_window = []
    final_ok = 0
    db_counts = {e["idea"]["id"]: e["vote_count"] for e in db_board["entries"]}
    for slot in lb_slots:
        got = [(t, index[k]) for t, k in slot.data]
        idxs = [i for _, i in got]
        times = [t for t, _ in got]
        frames_in_window.append(sum(1 for t in times if t0 <= t <= t1))
        # Frames queued: generated but not yet read, at each read.
        cgens = [gens[i] for i in idxs]
        max_queued.append(
            max((bisect.bisect_right(cgens, t) - k for k, t in enumerate(times)), default=0)
        )
        for t, i in got:
            fanout_delay.append(t - gens[i])
        for need in needs:
            k = bisect.bisect_left(idxs, need)
            if k >= len(idxs):
                missed += len(groups[need])
                continue
            arrival = times[k]
            first_seen[need] = min(first_seen.get(need, math.inf), arrival)
            all_seen[need] = max(all_seen.get(need, 0.0), arrival)
            for t_send in groups[need]:
                bucket = int((arrival - t_send) * 10_000)
                hist[min(max(bucket, 0), len(hist) - 1)] += 1
                pairs += 1
        last = parsed[idxs[-1]] if idxs else None
        if last and last[1] == db_board["seq"] and last[3] == db_counts:
            final_ok += 1

    def hist_percentiles() -> dict:
        if not pairs:
            return {"n": 0}
        out, seen, marks = {"n": pairs}, 0, [("p50", 0.5), ("p95", 0.95), ("p99", 0.99)]
        for bucket, n in enumerate(hist):
            seen += n
            while marks and seen >= marks[0][1] * pairs:
                out[marks.pop(0)[0]] = round(bucket / 10, 1)
            if not marks:
                break
        out["max"] = round(max(b for b, n in enumerate(hist) if n) / 10, 1)
        total = sum(b * n for b, n in enumerate(hist))
        out["mean"] = round(total / pairs / 10, 1)
        return out

    every_client = [all_seen[need] - t for need in needs if need in all_seen for t in groups[need]]

    # Idea sockets: the first tally (or snapshot) whose count reaches the vote's.
    idea_lat, idea_missed, idea_final_ok = [], 0, 0
    idea_slots = [s for s in pool.slots if s.kind == "idea"]
    for slot in idea_slots:
        counts = [c for _, c in slot.data]
        times = [t for t, _ in slot.data]
        for t_send, idea, count, _ in votes:
            if idea != slot.tag:
                continue
            k = bisect.bisect_left(counts, count)
            if k >= len(counts):
                idea_missed += 1
            else:
                idea_lat.append(times[k] - t_send)
        if counts and counts[-1] == db_counts.get(slot.tag):
            idea_final_ok += 1

    window_s = t1 - t0
    return {
        "vote_to_screen_ms": hist_percentiles(),
        "vote_to_every_screen_ms": percentiles(every_client),
        "vote_to_first_screen_ms": percentiles(
            [first_seen[n] - t for n in needs if n in first_seen for t in groups[n]]
        ),
        "vote_to_frame_generated_ms": percentiles(to_generated),
        "frame_generated_to_screen_ms": percentiles(fanout_delay),
        "http_vote_ms": percentiles([t_resp - t_send for t_send, _, _, t_resp in votes]),
        "idea_socket_vote_to_screen_ms": percentiles(idea_lat),
        "unseen_votes": unseen,
        "missed_vote_client_pairs": missed,
        "idea_socket_missed": idea_missed,
        "distinct_frames_pushed": len(parsed),
        "messages_per_client_per_s": {
            "mean": round(sum(frames_in_window) / max(1, len(lb_slots)) / window_s, 2),
            "max": round(max(frames_in_window, default=0) / window_s, 2),
        },
        "max_frames_queued_per_client": max(max_queued, default=0),
        "max_frames_in_one_read": max((s.max_per_read for s in lb_slots), default=0),
        "clients_on_db_state": {
            "leaderboard": f"{final_ok}/{len(lb_slots)}",
            "ideas": f"{idea_final_ok}/{len(idea_slots)}",
            "all": final_ok == len(lb_slots) and idea_final_ok == len(idea_slots),
            "db_seq": db_board["seq"],
        },
    }


async def cast_votes(args, fixture, port: int, votes: list) -> dict:
    """Open loop: vote i is due at start + i/rate, on a free keep-alive connection."""
    free: asyncio.Queue[Http] = asyncio.Queue()
    for _ in range(args.http_connections):
        free.put_nowait(Http("127.0.0.1", port))
    m = len(fixture.idea_ids)
    total = int(args.rate * args.duration)
    statuses: dict[str, int] = {}
    late = []
    pending = set()

    async def one(i: int, http: Http) -> None:
        idea = fixture.idea_ids[i % m]
        header = b"Authorization: Token %s\r\n" % fixture.tokens[i // m].encode()
        t_send = time.time()
        try:
            status, body = await http.request(b"POST", f"/api/ideas/{idea}/vote/", header)
        except (ConnectionError, asyncio.IncompleteReadError, OSError):
            statuses["connection_error"] = statuses.get("connection_error", 0) + 1
            free.put_nowait(http)
            return
        t_resp = time.time()
        statuses[str(status)] = statuses.get(str(status), 0) + 1
        if status == 200:
            votes.append((t_send, idea, json.loads(body)["vote_count"], t_resp))
        free.put_nowait(http)

    start = time.monotonic()
    for i in range(total):
        due = start + i / args.rate
        delay = due - time.monotonic()
        if delay > 0:
            await asyncio.sleep(delay)
        http = await free.get()
        late.append(max(0.0, time.monotonic() - due))
        task = asyncio.create_task(one(i, http))
        pending.add(task)
        task.add_done_callback(pending.discard)
    await asyncio.gather(*pending)
    while not free.empty():
        free.get_nowait().close()
    return {
        "votes_sent": total,
        "achieved_rate": round(total / (time.monotonic() - start), 1),
        "status": statuses,
        "send_lateness_ms": percentiles(late),
    }


async def run(args, fixture, servers: Servers) -> dict:
    ws = servers.ws
    frames = Frames()
    pool = WsPool(
        "127.0.0.1",
        ws.port,
        on_message=frames.on_message,
        reconnect=True,
        backoff_base=args.backoff_base,
        backoff_cap=args.backoff_cap,
    )
    credentials = await asyncio.to_thread(socket_credentials, args.auth, fixture)
    lb_path = f"/ws/leaderboard/?campaign={fixture.campaign_id}&limit={args.limit}"
    for i in range(args.sockets):
        query, headers = credentials[i % len(credentials)]
        pool.add(lb_path + "&" + query, "lb", headers=headers).data = []
    watched = fixture.idea_ids[: min(5, len(fixture.idea_ids))]
    for i in range(args.idea_sockets):
        idea = watched[i % len(watched)]
        query, headers = credentials[(args.sockets + i) % len(credentials)]
        slot = pool.add(f"/ws/ideas/{idea}/?{query}", "idea", tag=idea, headers=headers)
        slot.data = []
    total = len(pool.slots)

    memory = {"rss_kib_ready": rss_kib(ws.pid)}
    warm = pool.slots[:10]
    await asyncio.gather(*(pool._connect_with_backoff(s, False) for s in warm))
    await asyncio.sleep(0.5)
    memory["rss_kib_10_sockets"] = rss_kib(ws.pid)
    started = time.monotonic()
    await asyncio.gather(*(pool._connect_with_backoff(s, False) for s in pool.slots[10:]))
    connect_s = time.monotonic() - started
    log(f"{pool.ready_count}/{total} sockets connected in {connect_s:.2f}s")
    await asyncio.sleep(2.0)
    memory["rss_kib_all_sockets"] = rss_kib(ws.pid)
    memory["kib_per_idle_socket"] = round(
        (memory["rss_kib_all_sockets"] - memory["rss_kib_10_sockets"]) / max(1, total - 10), 1
    )

    healthz = await asyncio.to_thread(probe_healthz, ws.port)
    log(f"/healthz on the socket server with {pool.ready_count} sockets connected: {healthz}")
    lost_before = pool.lost_count

    log(f"voting: {args.rate}/s for {args.duration}s through the HTTP API")
    votes: list = []
    meter = CpuMeter(api=servers.api.pid, ws=ws.pid).start()
    t0 = time.time()
    sending = await cast_votes(args, fixture, servers.api.port, votes)
    t1 = time.time()
    cpu = meter.stop()
    await asyncio.sleep(args.settle)
    memory["rss_kib_after_votes"] = rss_kib(ws.pid)
    db_board = await asyncio.to_thread(_setup.leaderboard_now, fixture.campaign_id, args.limit)
    result = analyse(args, fixture, pool, frames, votes, (t0, t1), db_board)
    result.update(sending=sending, cpu_while_voting=cpu, memory=memory)
    result["socket_server_healthz_with_sockets"] = healthz
    result["sockets_dropped_by_server_while_voting"] = pool.lost_count - lost_before
    result["connect"] = {
        "sockets": total,
        "connected": pool.ready_count,
        "all_connected_s": round(connect_s, 2),
        "summary": pool.summary(),
    }

    if not args.no_restart:
        result["restart"] = await restart(args, servers, pool, total)
    await pool.close_all()
    return result


def probe_healthz(port: int, timeout: float = 10.0) -> dict:
    started = time.monotonic()
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=timeout) as r:
            return {"status": r.status, "seconds": round(time.monotonic() - started, 2)}
    except (OSError, urllib.error.URLError) as exc:
        return {"status": None, "seconds": round(time.monotonic() - started, 2), "error": str(exc)}


def socket_credentials(auth: str, fixture) -> list[tuple[str, bytes]]:
    """Per voter: the query string and handshake headers a socket authenticates with: `?token=`
    (scripts, wall displays), or a browser's session cookie (one signed-in session per voter,
    made as Django's login makes it)."""
    if auth == "token":
        return [(f"token={token}", b"") for token in fixture.tokens]
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.db import connections

    from accounts.models import User

    store_class = import_module(settings.SESSION_ENGINE).SessionStore
    credentials = []
    try:
        for user in User.objects.filter(pk__in=fixture.user_ids).order_by("pk"):
            store = store_class()
            store[SESSION_KEY] = str(user.pk)
            store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
            store[HASH_SESSION_KEY] = user.get_session_auth_hash()
            store.create()
            cookie = f"Cookie: {settings.SESSION_COOKIE_NAME}={store.session_key}\r\n"
            credentials.append(("", cookie.encode()))
    finally:
        connections.close_all()
    return credentials


async def restart(args, servers: Servers, pool: WsPool, total: int) -> dict:
    ws = servers.ws
    sig = signal.SIGTERM if args.kill_signal == "TERM" else signal.SIGKILL
    log(f"restart: SIG{args.kill_signal} to uvicorn {ws.pid}, then start it again on :{ws.port}")
    before = {s.idx: len(s.ready_at) for s in pool.slots}
    t_kill = time.monotonic()
    await asyncio.to_thread(ws.stop, sig, 15.0)
    t_exited = time.monotonic()
    down = total - pool.ready_count
    ws.start()
    t_spawned = time.monotonic()
    ready_s = await asyncio.to_thread(ws.wait_listening, 60.0)
    t_ready = t_spawned + ready_s
    took = await pool.wait_ready(total, 60.0)
    t_all = time.monotonic()
    back = sum(1 for s in pool.slots if len(s.ready_at) > before[s.idx])
    out = {
        "signal": f"SIG{args.kill_signal}",
        "sockets_dropped": down,
        "sockets_back": back,
        "all_back": took is not None,
        "old_process_exit_s": round(t_exited - t_kill, 2),
        "server_listening_s_after_spawn": round(t_ready - t_spawned, 2),
        "all_reconnected_s_from_kill": round(t_all - t_kill, 2),
        "all_reconnected_s_from_spawn": round(t_all - t_spawned, 2),
        "all_reconnected_s_from_listening": round(t_all - t_ready, 2),
        "backoff": f"full jitter, base {args.backoff_base}s, cap {args.backoff_cap}s",
        "failed_attempts": sum(s.failures for s in pool.slots),
    }
    log("restart:", out)
    return out


def main() -> None:
    args = parse_args()
    _setup.skip_if_unreachable("live_latency")
    _setup.raise_nofile()
    users = math.ceil(args.rate * args.duration / args.ideas) + 5
    # One account per socket: 2,000 sockets are 2,000 people, each signing in on their own (a
    # shared credential would let the process's token memory answer most connects).
    fixture = _setup.prepare(
        ideas=args.ideas, users=max(users, args.sockets + args.idea_sockets, 20)
    )
    servers = Servers()
    try:
        servers.start_api(
            workers=args.api_workers, kind=args.api_worker_class, threads=args.api_threads
        )
        servers.start_ws()
        new_event_loop_policy()
        result = asyncio.run(run(args, fixture, servers))
        out = {
            "benchmark": "live_latency",
            "config": {
                "leaderboard_sockets": args.sockets,
                "idea_sockets": args.idea_sockets,
                "votes_per_s": args.rate,
                "duration_s": args.duration,
                "ideas": args.ideas,
                "limit": args.limit,
                "settle_s": args.settle,
                "votes_via": f"HTTP API, gunicorn {args.api_worker_class} x{args.api_workers}"
                + (f" ({args.api_threads} threads)" if args.api_worker_class == "gthread" else "")
                + f", {args.http_connections} keep-alive connections, open loop",
                "socket_server": "uvicorn, one process, DATABASE_POOL=1",
                "socket_auth": args.auth,
            },
            **result,
            "server_tracebacks": {
                "api": servers.api.errors_logged(),
                "ws": servers.ws.errors_logged(),
            },
            "servers": servers.describe(),
        }
        _setup.emit(out)
    finally:
        servers.stop_all()


if __name__ == "__main__":
    main()
