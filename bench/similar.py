"""Similar ideas (GET /api/ideas/similar/, ideas.similar) at province scale.

    .venv/bin/python bench/similar.py --full   # 100,000 ideas (bench/generate.py --full)
    .venv/bin/python bench/similar.py          # the small load (make bench)

The data comes from bench/generate.py (reused when the bench database already holds that scale).
The endpoint is called in this process through Django's test client (the view, the selector and
the JSON: no HTTP server, no network), one request at a time, by a staff account, over varied
realistic queries: titles as the generator writes them, paraphrased ones (other inflections,
synonyms, words dropped), titles with a typo, a title with its problem, and problems alone.
After a warm-up, each query is timed once; the JSON gives p50/p95/p99 in ms per kind and over
all, the share of queries with a suggestion, and the EXPLAIN (ANALYZE) of the candidate and
ranking queries of one query, to show that they use the GIN indexes.

Prints one JSON object.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _corpus  # noqa: E402
from _setup import (  # noqa: E402
    django_setup,
    emit,
    log,
    machine_busy,
    percentiles,
    skip_if_unreachable,
    wait_for_quiet,
)
from generate import FULL, SMALL, ensure  # noqa: E402

PLACES = ["Kelapa Gading", "Cakung", "Tebet", "Kemayoran", "Cilincing", "Grogol", "Pasar Minggu"]
PARAPHRASE = {
    "mengatasi": "menangani",
    "kemacetan": "macet",
    "genangan": "banjir",
    "sampah": "limbah",
    "antrean": "antre",
    "pungutan liar": "pungli",
    "rob di pesisir": "genangan pasang di pesisir",
    "terjadwal": "yang dijadwalkan",
    "pelaporan": "melaporkan",
    "pemantauan": "memantau",
    "pengerukan": "mengeruk",
}


def _typo(rng: random.Random, text: str) -> str:
    words = text.split()
    index = rng.randrange(len(words))
    word = words[index]
    if len(word) > 4:
        cut = rng.randrange(1, len(word) - 1)
        words[index] = word[:cut] + word[cut + 1 :]
    return " ".join(words)


def queries(n: int, seed: int = 7) -> list[tuple[str, dict]]:
    rng = random.Random(seed)
    found = []
    kinds = ["title", "paraphrase", "typo", "title_problem", "problem"]
    for i in range(n):
        kind = kinds[i % len(kinds)]
        category = rng.choice(list(_corpus.TOPICS))
        title, problem, _solution, _impact = _corpus.idea_text(rng, category, rng.choice(PLACES))
        if kind == "paraphrase":
            for old, new in PARAPHRASE.items():
                title = title.replace(old, new)
            words = title.split()
            del words[rng.randrange(len(words))]
            title = " ".join(words)
        elif kind == "typo":
            title = _typo(rng, title)
        query = {"title": title}
        if kind == "title_problem":
            query["problem"] = problem
        elif kind == "problem":
            query = {"problem": problem}
        found.append((kind, query))
    return found


def explain(user, query: dict) -> dict:
    from django.db import connection, transaction

    from ideas import similar

    plans = {}
    what = similar.typed(**query)
    candidates = similar.similar_candidates(user=user)
    groups = similar.term_groups(what)
    tier = (
        candidates.filter(similar.at_least(groups, len(groups) - 1))
        .order_by()
        .values_list("pk", flat=True)[: similar.TIER_CAP]
    )
    ranked = similar._postgres_ranked(candidates, what).values("id", "score")[
        : similar.SIMILAR_LIMIT
    ]
    alike = (
        candidates.filter(title__trigram_similar=what.title)
        .order_by()
        .values_list("pk", flat=True)[: similar.TRIGRAM_CAP]
    )
    for name, queryset in (("tier", tier), ("trigram", alike), ("rank", ranked)):
        sql, params = queryset.query.sql_with_params()
        with transaction.atomic(), connection.cursor() as cursor:
            # As ideas.similar asks for trigram matches: with its threshold.
            cursor.execute(
                f"SET LOCAL pg_trgm.similarity_threshold = {similar.TRIGRAM_THRESHOLD}; "
                "SET LOCAL enable_seqscan = off"
            )
            cursor.execute("EXPLAIN (ANALYZE, COSTS OFF) " + sql, params)
            plans[name] = [row[0] for row in cursor.fetchall()]
    return plans


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--full", action="store_true")
    parser.add_argument("--queries", type=int, default=None)
    args = parser.parse_args()
    skip_if_unreachable("similar")
    scale = FULL if args.full else SMALL
    generated = ensure(dict(scale), reuse=True)
    django_setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)  # this index, if not there

    from rest_framework.test import APIClient

    from accounts.models import User
    from ideas.models import Idea

    user = User.objects.filter(groups__isnull=True).order_by("pk")[50]
    client = APIClient()
    client.force_authenticate(user)
    wanted = args.queries or (500 if args.full else 100)
    all_queries = queries(wanted)
    for _kind, query in all_queries[:30]:  # warm-up: caches, prepared plans
        client.get("/api/ideas/similar/", query)
    timings: dict[str, list[float]] = {}
    suggested = 0
    wait_for_quiet()
    busy_before, wall_before, own_before = machine_busy(), time.monotonic(), os.times()
    for kind, query in all_queries:
        started = time.perf_counter()
        response = client.get("/api/ideas/similar/", query)
        elapsed = time.perf_counter() - started
        assert response.status_code == 200, response.content
        suggested += bool(response.json())
        timings.setdefault(kind, []).append(elapsed)
        timings.setdefault("all", []).append(elapsed)
    busy_after, wall_after, own_after = machine_busy(), time.monotonic(), os.times()
    cores = os.cpu_count() or 1
    seconds = wall_after - wall_before
    machine = (busy_after[0] - busy_before[0]) / max(1, busy_after[1] - busy_before[1]) * cores
    own = (own_after.user + own_after.system - own_before.user - own_before.system) / seconds
    log(f"{len(all_queries)} queries timed")
    emit(
        {
            "benchmark": "similar",
            "ideas": Idea.objects.count(),
            "scale": generated.get("scale"),
            "queries": len(all_queries),
            "with_a_suggestion": round(suggested / len(all_queries), 3),
            # Cores busy while timing: the whole machine, and this process (the rest is
            # PostgreSQL, and anyone else on a shared machine: discard runs where it is high).
            "machine_cpu_cores": round(machine, 2),
            "bench_process_cpu_cores": round(own, 2),
            "latency_ms": {kind: percentiles(values) for kind, values in timings.items()},
            # A title with its problem (the tiers), and a title with a typo (trigrams too).
            "explain": {
                "title_problem": {"query": all_queries[3][1], **explain(user, all_queries[3][1])},
                "typo": {"query": all_queries[2][1], **explain(user, all_queries[2][1])},
            },
        }
    )


if __name__ == "__main__":
    main()
