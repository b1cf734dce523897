"""The read paths against the production shape, each beside a vote measured in the same run.

    .venv/bin/python bench/read_paths.py --full  # 100,000 ideas, 5M votes; 16 and 64 clients
    .venv/bin/python bench/read_paths.py         # a small database, short runs (make bench)

The data comes from bench/generate.py (reused when the bench database already holds that scale).
The API runs on gunicorn (`--kind gthread --workers 3 --threads 4` by default, as in
production). For each path and each client count, N closed-loop clients (one keep-alive
connection and one staff token each) send GET requests for `--duration` seconds after a warm-up;
the JSON gives requests/s, p50/p95/p99 latency, the statuses, the API's and PostgreSQL's CPU per
request, and the ratio of each to the vote's. The vote path alternates POST and DELETE of each
client's own vote on ideas of the campaign in its voting phase: every request is a real change.
The exports (`export_csv`, `export_xlsx`, `export_brief`: each request reads the whole
file) run only when `--only` names them. With `--workers-spread` it also reports how the 64
clients' connections sit on the workers.

Prints one JSON object.
"""

from __future__ import annotations

import argparse
import asyncio
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _clients import Http, new_event_loop_policy  # noqa: E402
from _setup import (  # noqa: E402
    CpuMeter,
    Servers,
    emit,
    log,
    percentiles,
    process_tree,
    skip_if_unreachable,
)
from generate import FULL, SMALL, ensure  # noqa: E402


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--full", action="store_true")
    parser.add_argument("--clients", default=None, help="comma-separated client counts")
    parser.add_argument("--duration", type=float, default=None, help="seconds measured per run")
    parser.add_argument("--warmup", type=float, default=None)
    parser.add_argument("--kind", default="gthread")
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument(
        "--worker-connections", type=int, default=None, help="gunicorn's cap per worker"
    )
    parser.add_argument("--only", default="", help="comma-separated path names")
    parser.add_argument("--regenerate", action="store_true", help="do not reuse the database")
    args = parser.parse_args()
    args.clients = [int(c) for c in (args.clients or ("16,64" if args.full else "16")).split(",")]
    args.duration = args.duration or (10.0 if args.full else 2.0)
    args.warmup = args.warmup if args.warmup is not None else (2.0 if args.full else 0.5)
    return args


def bench_data() -> dict:
    """Ids and tokens the paths need, read from the generated database."""
    from django.db import connection
    from rest_framework.authtoken.models import Token

    from accounts.models import User
    from ideas.models import Campaign, Idea

    voting = Campaign.objects.filter(voting_opens__lte=time_now(), voting_closes__gt=time_now())
    campaign = voting.order_by("id").first()
    staff_tokens = list(
        Token.objects.filter(user__username__startswith="asn").order_by("user_id")
        .values_list("key", flat=True)[:400]
    )  # fmt: skip
    reviewer_token = Token.objects.get_or_create(user=User.objects.get(username="reviewer1"))[0]
    leader_token = Token.objects.get_or_create(user=User.objects.get(username="pimpinan"))[0]
    votable = list(
        Idea.objects.filter(campaign=campaign, status__in=Idea.VOTABLE_STATUSES)
        .order_by("id").values_list("id", flat=True)[:2000]
    )  # fmt: skip
    popular = list(Idea.objects.exclude(status="draft").order_by("-vote_count")
                   .values_list("id", flat=True)[:200])  # fmt: skip
    agency = Idea.objects.values_list("agency_id", flat=True).order_by("agency_id").first()
    region = Idea.objects.exclude(region=None).values_list("region__parent_id", flat=True).first()
    pages = Idea.objects.exclude(status="draft").count() // 20
    connection.close()
    return {
        "campaign": campaign.pk,
        "staff_tokens": staff_tokens,
        "reviewer_token": reviewer_token.key,
        "leader_token": leader_token.key,
        "votable": votable,
        "ideas": popular,
        "agency": agency,
        "region": region,
        "deep_page": max(1, pages // 2),
    }


def time_now():
    from django.utils import timezone

    return timezone.now()


def stats_recompute_ms(data: dict, repeats: int = 5) -> dict[str, float]:
    """The dashboard's computation itself (what the socket hub runs after a change, uncached):
    the median of `repeats` runs per filter set, in this process."""
    import statistics

    from django.db import connection
    from django.utils import translation

    from accounts.models import Agency, Region
    from dashboard.stats import StatsFilters, stats_compute
    from ideas.models import Campaign

    campaign = Campaign.objects.get(pk=data["campaign"])
    sets = {
        "all": StatsFilters(),
        "campaign": StatsFilters(campaign=campaign),
        "agency": StatsFilters(agency=Agency.objects.get(pk=data["agency"])),
        "region": StatsFilters(region=Region.objects.get(pk=data["region"])),
    }
    out = {}
    with translation.override("id"):
        for name, filters in sets.items():
            times = []
            for _ in range(repeats):
                started = time.perf_counter()
                stats_compute(filters)
                times.append((time.perf_counter() - started) * 1000)
            out[name] = round(statistics.median(times), 1)
    connection.close()
    return out


def read_paths(data: dict) -> dict[str, tuple[str, str]]:
    """name -> (path template, whose token: "staff", "reviewer" or "leader"). `{idea}` cycles.
    Panel scores are not public while the campaign votes: leadership reads those rankings."""
    c = data["campaign"]
    return {
        "feed": ("/api/ideas/", "staff"),
        "feed_campaign": (f"/api/ideas/?campaign={c}", "staff"),
        "feed_category": ("/api/ideas/?category=flooding", "staff"),
        "feed_agency": (f"/api/ideas/?agency={data['agency']}", "staff"),
        "feed_region": (f"/api/ideas/?region={data['region']}", "staff"),
        "feed_status": ("/api/ideas/?status=shortlisted", "staff"),
        "feed_voted": ("/api/ideas/?voted=true", "staff"),
        "feed_mine": ("/api/ideas/?author=me", "staff"),
        "feed_by_votes": ("/api/ideas/?ordering=-vote_count", "staff"),
        "feed_trending": ("/api/ideas/?ordering=trending", "staff"),
        "feed_oldest": ("/api/ideas/?ordering=created_at", "staff"),
        "feed_by_score": (f"/api/ideas/?campaign={c}&ordering=-score", "staff"),
        "feed_search": ("/api/ideas/?search=banjir", "staff"),
        "feed_deep_page": (f"/api/ideas/?page={data['deep_page']}", "staff"),
        "idea_detail": ("/api/ideas/{idea}/", "staff"),
        "idea_comments": ("/api/ideas/{idea}/comments/", "staff"),
        "leaderboard_votes": (f"/api/leaderboard/?campaign={c}&by=votes", "staff"),
        "leaderboard_panel": (f"/api/leaderboard/?campaign={c}&by=panel", "leader"),
        "leaderboard_combined": (f"/api/leaderboard/?campaign={c}&by=combined", "leader"),
        "review_queue": ("/api/reviews/assignments/", "reviewer"),
        "stats": ("/api/stats/", "leader"),
        "stats_campaign": (f"/api/stats/?campaign={c}", "leader"),
        "stats_category": (f"/api/stats/?campaign={c}&category=flooding", "leader"),
        "stats_agency": (f"/api/stats/?agency={data['agency']}", "leader"),
        "stats_region": (f"/api/stats/?region={data['region']}", "leader"),
        # Exports: each request reads the whole file (the CSV streams: chunked).
        "export_csv": (f"/api/exports/ideas/?campaign={c}&format=csv", "leader"),
        "export_xlsx": (f"/api/exports/ideas/?campaign={c}&format=xlsx", "leader"),
        "export_brief": (f"/api/exports/brief/?campaign={c}&format=pdf", "leader"),
    }


class Run:
    """N closed-loop clients on one path (or the vote) for a warm-up and a measured window."""

    def __init__(self, port: int, clients: int, args):
        self.port, self.clients, self.args = port, clients, args
        self.latencies: list[float] = []
        self.status: dict[str, int] = {}
        self.errors = 0

    async def client(self, c: int, requests) -> None:
        http = Http("127.0.0.1", self.port)
        clock = time.monotonic
        while True:
            started = clock()
            if started >= self.measure_to:
                break
            method, path, header = next(requests)
            try:
                status, _ = await http.request(method, path, header)
            except (ConnectionError, asyncio.IncompleteReadError, OSError):
                self.errors += 1
                await asyncio.sleep(0.01)
                continue
            ended = clock()
            if self.measure_from <= started and ended <= self.measure_to:
                self.latencies.append(ended - started)
                self.status[str(status)] = self.status.get(str(status), 0) + 1
        http.close()

    async def run(self, plans, meter_factory) -> dict:
        now = time.monotonic()
        self.measure_from = now + self.args.warmup
        self.measure_to = self.measure_from + self.args.duration
        tasks = [asyncio.create_task(self.client(c, plans(c))) for c in range(self.clients)]
        await asyncio.sleep(self.args.warmup)
        meter = meter_factory().start()
        await asyncio.sleep(self.args.duration)
        cpu = meter.stop()
        spread = connections_per_worker(self.port)
        await asyncio.gather(*tasks)
        n = len(self.latencies)
        rps = n / self.args.duration
        out = {
            "rps": round(rps, 1),
            **{k: v for k, v in percentiles(self.latencies).items() if k in ("p50", "p95", "p99")},
            "status": self.status,
            "errors": self.errors,
            "api_cpu_ms_per_req": round(1000 * cpu["api_cpu_cores"] / rps, 2) if rps else None,
            "pg_cpu_ms_per_req": round(1000 * cpu["postgres_cpu_cores"] / rps, 2) if rps else None,
            "others_cpu_cores": cpu["others_cpu_cores"],
        }
        if spread:
            out["connections_per_worker"] = spread
        return out


def connections_per_worker(port: int) -> list[int]:
    """Established connections to the API port, by the worker process holding them."""
    try:
        text = subprocess.run(
            ["ss", "-Htnp", "state", "established", f"( sport = :{port} )"],
            capture_output=True, text=True, timeout=5, check=False,
        ).stdout  # fmt: skip
    except (OSError, subprocess.TimeoutExpired):
        return []
    counts: dict[str, int] = {}
    for line in text.splitlines():
        if "pid=" in line:
            pid = line.split("pid=")[1].split(",")[0]
            counts[pid] = counts.get(pid, 0) + 1
    return sorted(counts.values(), reverse=True)


def get_plans(template: str, role: str, data: dict):
    tokens = data["staff_tokens"] if role == "staff" else [data[f"{role}_token"]]
    ideas = data["ideas"]

    def plans(c: int):
        header = b"Authorization: Token %s\r\n" % tokens[c % len(tokens)].encode()
        i = c
        while True:
            i += 1
            yield b"GET", template.format(idea=ideas[i % len(ideas)]), header

    return plans


def vote_plans(data: dict):
    tokens, ideas = data["staff_tokens"], data["votable"]

    def plans(c: int):
        header = b"Authorization: Token %s\r\n" % tokens[c % len(tokens)].encode()
        i = c * 7
        while True:
            i += 1
            path = f"/api/ideas/{ideas[i % len(ideas)]}/vote/"
            yield b"POST", path, header
            yield b"DELETE", path, header

    return plans


def main() -> None:
    args = parse_args()
    skip_if_unreachable("read_paths")
    new_event_loop_policy()
    generated = ensure(dict(FULL if args.full else SMALL), reuse=not args.regenerate)
    data = bench_data()
    servers = Servers()
    api = servers.start_api(
        workers=args.workers,
        kind=args.kind,
        threads=args.threads,
        worker_connections=args.worker_connections,
    )

    def meter():
        return CpuMeter(api=api.pid)

    paths = read_paths(data)
    if args.only:
        paths = {k: v for k, v in paths.items() if k in args.only.split(",")}
    else:  # a whole file per request: measured when named, with few clients (bench/README.md)
        paths = {k: v for k, v in paths.items() if not k.startswith("export_")}
    results: dict[str, dict] = {}
    for clients in args.clients:
        row: dict[str, dict] = {}
        log(f"{clients} clients: vote")
        row["vote"] = asyncio.run(Run(api.port, clients, args).run(vote_plans(data), meter))
        for name, (template, role) in paths.items():
            log(f"{clients} clients: {name}")
            row[name] = asyncio.run(
                Run(api.port, clients, args).run(get_plans(template, role, data), meter)
            )
        vote = row["vote"]
        for name, figures in row.items():
            if name == "vote" or not figures["rps"] or not vote["rps"]:
                continue
            figures["rps_vs_vote"] = round(figures["rps"] / vote["rps"], 2)
            if figures["api_cpu_ms_per_req"] and vote["api_cpu_ms_per_req"]:
                figures["api_cpu_vs_vote"] = round(
                    figures["api_cpu_ms_per_req"] / vote["api_cpu_ms_per_req"], 2
                )
        results[f"c{clients}"] = row
    servers.stop_all()
    recompute = stats_recompute_ms(data) if not args.only or "stats" in args.only else None
    emit(
        {
            "benchmark": "read_paths",
            "scale": generated["scale"],
            "checks": generated.get("checks"),
            "duration_s": args.duration,
            "server": servers.describe(),
            "api_processes": len(process_tree(api.pid)) if api.pid else None,
            "results": results,
            "stats_recompute_ms": recompute,
        }
    )


if __name__ == "__main__":
    main()
