"""Fan-out of one socket process (uvicorn).

1. Burst: K sockets on one campaign's leaderboard; 150 new votes committed in 0.5 s through
   voting.services.vote_cast (in a subprocess, a few threads: the API's own service, its
   transaction and its on-commit publish; HTTP is left out so that the burst really lands in
   0.5 s). Coalescing must keep the frames per client small, the frames queued per client
   (generated but not yet read) at <= 2, and every client must end on the last state (the
   database's leaderboard).
2. Raw deliveries: T sockets on one idea (`/ws/ideas/{id}/`); `tally.changed` messages are
   sent straight to the idea's group on the channel layer at R per second for D seconds (one
   message per socket each: T x R deliveries/s wanted). Tallies are not coalesced, so every one
   must arrive: lost = sent x T - received.

Small: `python bench/fanout.py`; full: `--full` (2,000 leaderboard sockets; 50 idea sockets
at 100, 200 and 400 tallies/s).
"""

from __future__ import annotations

import argparse
import asyncio
import bisect
import json
import os
import subprocess
import sys
import time
from datetime import datetime

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import _setup  # noqa: E402
from _clients import Slot, WsPool, new_event_loop_policy  # noqa: E402
from _setup import PYTHON, CpuMeter, Servers, log, percentiles  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))


def parse_args() -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--full", action="store_true")
    p.add_argument("--sockets", type=int, default=None, help="leaderboard sockets (200; full 2000)")
    p.add_argument("--burst", type=int, default=150, help="votes in the burst")
    p.add_argument("--burst-seconds", type=float, default=0.5)
    p.add_argument("--ideas", type=int, default=30)
    p.add_argument("--idea-sockets", type=int, default=None, help="sockets on one idea (20; 50)")
    p.add_argument(
        "--tally-rates", default=None, help="tallies/s, comma-separated (50; 100,200,400)"
    )
    p.add_argument("--tally-seconds", type=float, default=None, help="per rate (5; full 10)")
    p.add_argument("--settle", type=float, default=2.0)
    args = p.parse_args()
    full = args.full
    args.sockets = args.sockets if args.sockets is not None else (2000 if full else 200)
    args.idea_sockets = args.idea_sockets or (50 if full else 20)
    args.tally_rates = [
        float(r) for r in (args.tally_rates or ("100,200,400" if full else "50")).split(",")
    ]
    args.tally_seconds = args.tally_seconds or (10.0 if full else 5.0)
    return args


# --- 1. the burst -------------------------------------------------------------------------------


async def burst(args, fixture, servers: Servers) -> dict:
    ws = servers.ws
    payloads: dict[bytes, bytes] = {}

    def on_message(slot: Slot, payload: bytes, t: float) -> None:
        end = payload.find(b'"entries"', 0, 400)
        key = payload[:end] if end > 0 else payload
        payloads.setdefault(key, payload)
        slot.data.append((t, key))

    pool = WsPool("127.0.0.1", ws.port, on_message=on_message, reconnect=True)
    path = f"/ws/leaderboard/?campaign={fixture.campaign_id}&token="
    for i in range(args.sockets):
        pool.add(path + fixture.tokens[i % len(fixture.tokens)], "lb").data = []
    took = await pool.connect_all()
    log(f"burst: {pool.ready_count}/{args.sockets} leaderboard sockets connected in {took:.2f}s")
    await asyncio.sleep(1.0)

    caster = await asyncio.create_subprocess_exec(
        PYTHON, os.path.join(HERE, "_setup.py"), "cast",
        "--campaign", str(fixture.campaign_id),
        "--count", str(args.burst), "--seconds", str(args.burst_seconds),
        stdin=subprocess.PIPE, stdout=subprocess.PIPE,
    )  # fmt: skip
    line = await caster.stdout.readline()
    if line.strip() != b"READY":
        raise RuntimeError(f"caster failed: {line!r}")
    before = {s.idx: len(s.data) for s in pool.slots}
    lost_before = pool.lost_count
    meter = CpuMeter(ws=ws.pid).start()
    t_go = time.time()
    caster.stdin.write(b"go\n")
    await caster.stdin.drain()
    cast = json.loads(await caster.stdout.readline())
    await caster.wait()
    await asyncio.sleep(args.settle)
    cpu = meter.stop()
    db_board = await asyncio.to_thread(_setup.leaderboard_now, fixture.campaign_id)
    db_counts = {e["idea"]["id"]: e["vote_count"] for e in db_board["entries"]}

    parsed = {}
    for key, payload in payloads.items():
        body = json.loads(payload)
        gen = datetime.fromisoformat(body["generated_at"]).timestamp()
        counts = {e["idea"]["id"]: e["vote_count"] for e in body["entries"]}
        parsed[key] = (gen, body["seq"], counts)
    frames_per_client, queued, last_ok, final_at = [], [], 0, []
    pushed = {k for s in pool.slots for _, k in s.data[before[s.idx] :]}
    for slot in pool.slots:
        got = slot.data[before[slot.idx] :]
        frames_per_client.append(len(got))
        times = [t for t, _ in got]
        gens = [parsed[k][0] for _, k in got]
        queued.append(
            max((bisect.bisect_right(gens, t) - i for i, t in enumerate(times)), default=0)
        )
        if slot.data:
            gen, seq, counts = parsed[slot.data[-1][1]]
            if seq == db_board["seq"] and counts == db_counts:
                last_ok += 1
                final_at.append(slot.data[-1][0])
    n = len(pool.slots)
    result = {
        "sockets": n,
        "connect_all_s": round(took, 2),
        "burst": cast,
        "burst_votes_per_s": round(cast["cast"] / max(cast["elapsed_s"], 1e-9), 1),
        "distinct_frames_pushed": len(pushed),
        "frames_per_client": {
            "min": min(frames_per_client),
            "mean": round(sum(frames_per_client) / n, 2),
            "max": max(frames_per_client),
        },
        "max_frames_queued_per_client": max(queued),
        "max_frames_in_one_read": max(s.max_per_read for s in pool.slots),
        "last_state_delivered": f"{last_ok}/{n}",
        "last_state_delivered_all": last_ok == n,
        "last_commit_to_every_client_final_ms": round(
            (max(final_at) - cast["last_commit"]) * 1000, 1
        )
        if final_at and cast["last_commit"]
        else None,
        "sockets_dropped_by_server": pool.lost_count - lost_before,
        "cpu": cpu,
        "db_seq": db_board["seq"],
        "started_at": t_go,
    }
    await pool.close_all()
    return result


# --- 2. raw tally deliveries --------------------------------------------------------------------


async def tallies(args, fixture, servers: Servers) -> list[dict]:
    from channels.layers import get_channel_layer

    from live.publish import idea_group

    ws = servers.ws
    idea = fixture.idea_ids[-1]

    def on_message(slot: Slot, payload: bytes, t: float) -> None:
        message = json.loads(payload)
        if message.get("type") == "tally":
            slot.data.append((t, message["seq"]))

    pool = WsPool("127.0.0.1", ws.port, on_message=on_message, reconnect=True)
    for i in range(args.idea_sockets):
        pool.add(f"/ws/ideas/{idea}/?token={fixture.tokens[i % len(fixture.tokens)]}", "idea")
        pool.slots[-1].data = []
    took = await pool.connect_all()
    log(f"tallies: {pool.ready_count}/{args.idea_sockets} sockets on idea {idea} in {took:.2f}s")
    layer = get_channel_layer()
    group = idea_group(idea)
    results = []
    seq = 10_000_000
    for rate in args.tally_rates:
        await asyncio.sleep(1.0)
        for slot in pool.slots:
            slot.data.clear()
        lost_before = pool.lost_count
        total = int(rate * args.tally_seconds)
        sent_at: dict[int, float] = {}
        send_errors = 0
        meter = CpuMeter(ws=ws.pid).start()
        start = time.monotonic()
        t0 = time.time()
        for i in range(total):
            due = start + i / rate
            delay = due - time.monotonic()
            if delay > 0:
                await asyncio.sleep(delay)
            seq += 1
            sent_at[seq] = time.time()
            try:
                await layer.group_send(
                    group, {"type": "tally.changed", "idea": idea, "vote_count": i, "seq": seq}
                )
            except Exception:  # noqa: BLE001
                send_errors += 1
        send_s = time.monotonic() - start
        # wait until the deliveries stop coming
        last_total, quiet = -1, 0
        while quiet < 10:
            await asyncio.sleep(0.1)
            got = sum(len(s.data) for s in pool.slots)
            quiet = quiet + 1 if got == last_total else 0
            last_total = got
        cpu = meter.stop()
        latencies, last_receipt, got_total = [], t0, 0
        for slot in pool.slots:
            seen = {s for _, s in slot.data if s in sent_at}
            got_total += len(seen)
            for t, s in slot.data:
                if s in sent_at:
                    latencies.append(t - sent_at[s])
                    last_receipt = max(last_receipt, t)
        wanted = total * len(pool.slots)
        span = max(last_receipt - t0, send_s)
        results.append(
            {
                "sockets": len(pool.slots),
                "tallies_per_s": rate,
                "seconds": args.tally_seconds,
                "deliveries_wanted_per_s": round(rate * len(pool.slots), 1),
                "deliveries_per_s": round(got_total / span, 1),
                "delivered": got_total,
                "lost": wanted - got_total,
                "send_errors": send_errors,
                "publish_s": round(send_s, 2),
                "drain_s_after_last_send": round(last_receipt - t0 - send_s, 2),
                "latency_ms": percentiles(latencies),
                "sockets_dropped_by_server": pool.lost_count - lost_before,
                "cpu": cpu,
            }
        )
        log(f"tallies at {rate}/s:", results[-1]["deliveries_per_s"], "deliveries/s,",
            results[-1]["lost"], "lost")  # fmt: skip
    await pool.close_all()
    return results


def main() -> None:
    args = parse_args()
    _setup.skip_if_unreachable("fanout")
    _setup.raise_nofile()
    users = max(args.burst // args.ideas + 2, args.sockets // 10, args.idea_sockets, 20)
    fixture = _setup.prepare(ideas=args.ideas, users=users)
    servers = Servers()
    try:
        ws = servers.start_ws()
        new_event_loop_policy()

        async def both():
            return await burst(args, fixture, servers), await tallies(args, fixture, servers)

        burst_result, tally_results = asyncio.run(both())
        _setup.emit(
            {
                "benchmark": "fanout",
                "config": {
                    "socket_server": "uvicorn, one process, DATABASE_POOL=1",
                    "leaderboard_sockets": args.sockets,
                    "burst": f"{args.burst} votes in {args.burst_seconds}s via vote_cast",
                    "idea_sockets": args.idea_sockets,
                    "tally_rates": args.tally_rates,
                },
                "burst": burst_result,
                "tallies": tally_results,
                "server_tracebacks": ws.errors_logged(),
                "servers": servers.describe(),
            }
        )
    finally:
        servers.stop_all()


if __name__ == "__main__":
    main()
