"""Province-scale data in the throw-away bench database, for the read benchmarks and later ones.

    .venv/bin/python bench/generate.py --full    # 65,000 staff, 100,000 ideas, 5,000,000 votes
    .venv/bin/python bench/generate.py           # a small load for CI (make bench)

On top of `seed_demo` (Jakarta's regions and real agencies, the categories, the demo accounts,
two campaigns with rubrics and panels) it adds a third, closed campaign and then, with COPY and
set-based INSERTs: staff spread over the agencies (Indonesian names, valid unique NIPs), ideas
over the three campaigns (Indonesian titles and bodies from bench/_corpus.py, a realistic mix of
statuses, cross-agency co-authors, comments) and votes, each idea's count drawn from a
heavy-tailed distribution with distinct voters, never the idea's own authors. The counters
(`vote_count`, `comment_count`, `live_version`, `trending_score`) are written from what was
inserted and checked against COUNT(*) at the end. The review campaign's panel gets a queue of
assignments per reviewer, half of them scored, and its panel results are computed by the
service. `--reuse` keeps a database already generated at the same scale.

Prints one JSON object: the scale, the ids later benchmarks need, timings, and the checks.
"""

from __future__ import annotations

import argparse
import io
import json
import random
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _corpus  # noqa: E402
from _setup import (  # noqa: E402
    PASSWORD,
    django_setup,
    emit,
    endpoints,
    exclusive_run,
    log,
    recreate_database,
    services_reachable,
)

FULL = {"staff": 65_000, "ideas": 100_000, "votes": 5_000_000, "comments_per_idea": 3.0}
SMALL = {"staff": 3_000, "ideas": 4_000, "votes": 120_000, "comments_per_idea": 2.0}
QUEUE_PER_REVIEWER = 200
# Statuses of published ideas, by share (the rest of API.md's workflow is rarer).
STATUS_MIX = (
    ("submitted", 0.58),
    ("in_review", 0.14),
    ("shortlisted", 0.08),
    ("accepted", 0.04),
    ("piloting", 0.02),
    ("implemented", 0.02),
    ("rejected", 0.07),
    ("draft", 0.05),
)
CO_AUTHORED_SHARE = 0.18
TOKENS = 400  # API tokens for the benchmark clients (the first staff accounts)


def _nip(rng: random.Random, used: set[str]) -> str:
    """An 18-digit NIP: birth date, appointment year and month, sex, serial."""
    while True:
        born = datetime(1965, 1, 1) + timedelta(days=rng.randrange(365 * 35))
        appointed = max(born.year + 20, 1990) + rng.randrange(10)
        month, sex, serial = rng.randint(1, 12), rng.randint(1, 2), rng.randrange(1000)
        nip = f"{born:%Y%m%d}{appointed}{month:02d}{sex}{serial:03d}"
        if nip not in used:
            used.add(nip)
            return nip


def _vote_counts(rng: random.Random, ideas: int, votes: int, voters: int) -> list[int]:
    """Per idea, a heavy-tailed (log-normal) number of votes, scaled to sum to `votes`, each at
    most the number of voters less a few (its authors may not vote)."""
    raw = [rng.lognormvariate(0, 1.4) for _ in range(ideas)]
    scale = votes / sum(raw)
    cap = voters - 20
    counts = [min(cap, int(value * scale)) for value in raw]
    short = votes - sum(counts)
    i = 0
    while short > 0:  # hand out what rounding and the cap left, to ideas with room
        if counts[i % ideas] < cap:
            counts[i % ideas] += 1
            short -= 1
        i += 7919
    return counts


def _copy(cursor, table: str, columns: list[str], rows) -> int:
    n = 0
    with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)
            n += 1
    return n


def _third_campaign(now: datetime):
    """A closed campaign of last year, so that reads meet every phase."""
    from ideas.models import Campaign, Category

    start = now - timedelta(days=400)
    campaign = Campaign.objects.create(
        title="Jakarta Tangguh Bencana: Gagasan ASN 2025",
        description="Gagasan ketangguhan kota terhadap banjir, rob dan cuaca ekstrem.",
        submission_opens=start,
        submission_closes=start + timedelta(days=60),
        voting_opens=start + timedelta(days=14),
        voting_closes=start + timedelta(days=75),
        review_opens=start + timedelta(days=76),
        review_closes=start + timedelta(days=110),
    )
    campaign.categories.set(Category.objects.filter(slug__in=["flooding", "environment", "social"]))
    return campaign


def generate(scale: dict, *, seed: int = 2026) -> dict:
    from django.conf import settings
    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.utils import timezone
    from rest_framework.authtoken.models import Token

    from accounts.models import Agency, Region, User
    from ideas.models import Campaign, Category, Idea
    from ideas.services import TRENDING_EPOCH, TRENDING_HALF_DAY_SECONDS
    from reviews.models import Criterion, Panel
    from reviews.services import panel_results_recompute

    rng = random.Random(seed)
    timings: dict[str, float] = {}
    mark = time.monotonic()

    def lap(name: str) -> None:
        nonlocal mark
        timings[name] = round(time.monotonic() - mark, 1)
        mark = time.monotonic()
        log(f"{name}: {timings[name]} s")

    call_command("migrate", verbosity=0, interactive=False)
    call_command("seed_demo", force=True, stdout=io.StringIO())  # stdout: the JSON only
    now = timezone.now()
    campaigns = list(Campaign.objects.order_by("id")) + [_third_campaign(now)]
    lap("migrate_and_demo_s")

    agencies = list(Agency.objects.values_list("id", flat=True))
    places = list(
        Region.objects.filter(kind__in=["kecamatan", "kelurahan"]).values_list("id", "name")
    )
    categories = dict(Category.objects.values_list("slug", "id"))
    campaign_categories = {
        c.pk: [cat.slug for cat in c.categories.all()] or list(categories) for c in campaigns
    }
    hashed = make_password(PASSWORD)
    cursor = connection.cursor().cursor  # psycopg's own, for COPY

    # --- staff -------------------------------------------------------------------------------
    used_nips = set(User.objects.exclude(nip=None).values_list("nip", flat=True))
    # Agencies differ in size: a few large dinas, many small offices.
    weights = [rng.paretovariate(1.2) for _ in agencies]
    staff_agency = rng.choices(agencies, weights=weights, k=scale["staff"])
    joined = now - timedelta(days=30)
    _copy(
        cursor,
        "accounts_user",
        [
            "password",
            "is_superuser",
            "username",
            "first_name",
            "last_name",
            "email",
            "is_staff",
            "is_active",
            "date_joined",
            "nip",
            "full_name",
            "agency_id",
        ],
        (
            (
                hashed,
                False,
                f"asn{i:06d}",
                "",
                "",
                "",
                False,
                True,
                joined,
                _nip(rng, used_nips),
                _corpus.person_name(rng),
                staff_agency[i],
            )
            for i in range(scale["staff"])
        ),
    )
    staff = list(
        User.objects.filter(username__startswith="asn")
        .order_by("id")
        .values_list("id", "agency_id")
    )
    Token.objects.bulk_create(
        [Token(key=Token.generate_key(), user_id=user_id) for user_id, _ in staff[:TOKENS]]
    )
    lap("staff_s")

    # --- ideas ---------------------------------------------------------------------------------
    statuses, shares = zip(*STATUS_MIX, strict=True)
    idea_rows = []
    authors_of: list[tuple[int, ...]] = []
    for i in range(scale["ideas"]):
        campaign = campaigns[i % len(campaigns)] if rng.random() < 0.9 else None
        slug = rng.choice(campaign_categories[campaign.pk] if campaign else list(categories))
        region_id, place = rng.choice(places)
        author_id, agency_id = staff[rng.randrange(len(staff))]
        status = rng.choices(statuses, weights=shares)[0]
        opened = campaign.submission_opens if campaign else now - timedelta(days=365)
        closes = min(campaign.submission_closes, now) if campaign else now
        created = opened + (closes - opened) * rng.random()
        title, problem, solution, impact = _corpus.idea_text(rng, slug, place)
        idea_rows.append(
            (
                title,
                problem,
                solution,
                impact,
                categories[slug],
                campaign.pk if campaign else None,
                agency_id,
                region_id,
                author_id,
                status,
                0,
                0,
                0,
                0.0,
                created,
                created,
            )
        )
        co = ()
        if rng.random() < CO_AUTHORED_SHARE:  # colleagues, mostly from other agencies
            co = tuple(
                {staff[rng.randrange(len(staff))][0] for _ in range(rng.randint(1, 3))}
                - {author_id}
            )
        authors_of.append((author_id, *co))
    first_idea = (Idea.objects.order_by("-id").values_list("id", flat=True).first() or 0) + 1
    _copy(
        cursor,
        "ideas_idea",
        [
            "title",
            "problem",
            "solution",
            "expected_impact",
            "category_id",
            "campaign_id",
            "agency_id",
            "region_id",
            "author_id",
            "status",
            "vote_count",
            "comment_count",
            "live_version",
            "trending_score",
            "created_at",
            "updated_at",
        ],
        idea_rows,
    )
    idea_ids = list(
        Idea.objects.filter(id__gte=first_idea).order_by("id").values_list("id", flat=True)
    )
    _copy(
        cursor,
        "ideas_idea_co_authors",
        ["idea_id", "user_id"],
        ((idea_ids[i], user_id) for i, people in enumerate(authors_of) for user_id in people[1:]),
    )
    lap("ideas_s")

    # --- comments ----------------------------------------------------------------------------
    comment_counts = [0] * len(idea_ids)
    comment_rows = []
    for i, idea_id in enumerate(idea_ids):
        if idea_rows[i][9] == "draft":
            continue
        n = min(40, int(rng.expovariate(1 / scale["comments_per_idea"])))
        comment_counts[i] = n
        for k in range(n):
            comment_rows.append(
                (
                    idea_id,
                    staff[rng.randrange(len(staff))][0],
                    _corpus.comment_text(rng, rng.choice(places)[1]),
                    "staff",
                    True,
                    idea_rows[i][14] + timedelta(hours=k + 1),
                    "",
                )
            )
    _copy(
        cursor,
        "ideas_comment",
        ["idea_id", "author_id", "body", "kind", "is_published", "created_at", "moderation_reason"],
        comment_rows,
    )
    lap("comments_s")

    # --- votes: per idea, `k` distinct voters (offset + j * stride, mod the staff count, with
    # a stride prime to it), skipping the idea's authors; all in one INSERT ... SELECT. ----------
    published = [i for i in range(len(idea_ids)) if idea_rows[i][9] != "draft"]
    counts = _vote_counts(rng, len(published), scale["votes"], len(staff))
    n_staff, first_staff = len(staff), staff[0][0]
    strides = [p for p in (7, 11, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53) if n_staff % p]
    plan = [
        (idea_ids[i], k, rng.randrange(n_staff), rng.choice(strides))
        for i, k in zip(published, counts, strict=True)
        if k
    ]
    cursor.execute(
        "CREATE TEMP TABLE bench_vote_plan"
        " (idea_id bigint, k int, off int, stride int, created timestamptz)"
    )
    _copy(
        cursor,
        "bench_vote_plan",
        ["idea_id", "k", "off", "stride", "created"],
        (
            (idea_id, k, off, stride, idea_rows[idea_id - first_idea][14])
            for idea_id, k, off, stride in plan
        ),
    )
    with transaction.atomic():
        # Bulk load: no per-row foreign-key triggers (the ids are known to exist).
        cursor.execute("SET LOCAL session_replication_role = replica")
        cursor.execute(
            """
            INSERT INTO voting_vote (idea_id, voter_id, created_at)
            SELECT p.idea_id, %(first)s + ((p.off + j::bigint * p.stride) %% %(n)s),
                   p.created + j * interval '37 seconds'
            FROM bench_vote_plan p CROSS JOIN LATERAL generate_series(0, p.k - 1) j
            ON CONFLICT DO NOTHING
            """,
            {"first": first_staff, "n": n_staff},
        )
        # Authors and co-authors may not vote for their own idea: take those votes back out.
        cursor.execute(
            """
            DELETE FROM voting_vote v USING ideas_idea i
            WHERE v.idea_id = i.id AND i.id >= %(first)s AND v.voter_id = i.author_id
            """,
            {"first": first_idea},
        )
        cursor.execute(
            """
            DELETE FROM voting_vote v USING ideas_idea_co_authors a
            WHERE v.idea_id = a.idea_id AND v.voter_id = a.user_id AND a.idea_id >= %(first)s
            """,
            {"first": first_idea},
        )
    lap("votes_s")

    # --- counters from what was inserted ------------------------------------------------------
    cursor.execute(
        """
        UPDATE ideas_idea i SET
            vote_count = coalesce(v.n, 0),
            comment_count = coalesce(c.n, 0),
            live_version = coalesce(v.n, 0) + coalesce(c.n, 0),
            trending_score = round((log(greatest(coalesce(v.n, 0), 1)::float8)
                + extract(epoch FROM i.created_at - %(epoch)s)::float8 / %(half)s)::numeric,
                7)::float8
        FROM ideas_idea x
        LEFT JOIN (SELECT idea_id, count(*) n FROM voting_vote GROUP BY idea_id) v
               ON v.idea_id = x.id
        LEFT JOIN (SELECT idea_id, count(*) n FROM ideas_comment WHERE is_published
                   GROUP BY idea_id) c ON c.idea_id = x.id
        WHERE i.id = x.id AND x.id >= %(first)s
        """,
        {"epoch": TRENDING_EPOCH, "half": TRENDING_HALF_DAY_SECONDS, "first": first_idea},
    )
    lap("counters_s")

    # --- the dashboard's rollups: per-day activity, and each agency's headcount ------------------
    # What the vote and comment services keep row by row (ideas.activity), built in one pass.
    cursor.execute(
        """
        INSERT INTO ideas_activityday (campaign_key, day, category_id, agency_id, votes, comments)
        SELECT coalesce(i.campaign_id, 0), (e.at AT TIME ZONE %(tz)s)::date, i.category_id,
               i.agency_id, sum(e.votes), sum(e.comments)
        FROM (SELECT idea_id, created_at at, 1 votes, 0 comments FROM voting_vote
              UNION ALL
              SELECT idea_id, created_at, 0, 1 FROM ideas_comment WHERE is_published) e
        JOIN ideas_idea i ON i.id = e.idea_id
        WHERE i.id >= %(first)s
        GROUP BY 1, 2, 3, 4
        ON CONFLICT (campaign_key, day, category_id, agency_id) DO UPDATE SET
            votes = ideas_activityday.votes + EXCLUDED.votes,
            comments = ideas_activityday.comments + EXCLUDED.comments
        """,
        {"tz": settings.TIME_ZONE, "first": first_idea},
    )
    cursor.execute(
        """UPDATE accounts_agency a SET headcount = s.n
           FROM (SELECT agency_id, count(*) n FROM accounts_user GROUP BY agency_id) s
           WHERE s.agency_id = a.id"""
    )
    lap("rollups_s")

    # --- the review campaign's queues ----------------------------------------------------------
    review_campaign = next((c for c in campaigns if c.phase == Campaign.Phase.REVIEW), None)
    queue = {}
    if review_campaign is not None:
        panel = Panel.objects.get(campaign=review_campaign)
        criteria = list(
            Criterion.objects.filter(campaign=review_campaign).order_by("position", "id")
        )
        for reviewer in panel.members.all():
            cursor.execute(
                """
                INSERT INTO voting_reviewassignment (idea_id, reviewer_id, due_at, created_at)
                SELECT i.id, %(reviewer)s, %(due)s, now() FROM ideas_idea i
                WHERE i.campaign_id = %(campaign)s AND i.status = ANY(%(reviewable)s)
                  AND i.agency_id IS DISTINCT FROM %(agency)s AND i.author_id <> %(reviewer)s
                  AND NOT EXISTS (SELECT 1 FROM ideas_idea_co_authors a
                                  WHERE a.idea_id = i.id AND a.user_id = %(reviewer)s)
                  AND NOT EXISTS (SELECT 1 FROM voting_reviewassignment r
                                  WHERE r.idea_id = i.id AND r.reviewer_id = %(reviewer)s)
                ORDER BY md5(i.id::text || %(reviewer)s::text) LIMIT %(n)s
                """,
                {
                    "reviewer": reviewer.pk,
                    "due": review_campaign.review_closes,
                    "campaign": review_campaign.pk,
                    "agency": reviewer.agency_id,
                    "reviewable": list(Idea.REVIEWABLE_STATUSES),
                    "n": QUEUE_PER_REVIEWER,
                },
            )
            queue[reviewer.username] = QUEUE_PER_REVIEWER
            _score_half_of_queue(cursor, reviewer, review_campaign, criteria, rng)
        panel_results_recompute(campaign_id=review_campaign.pk)
    lap("reviews_s")

    cursor.execute("VACUUM (ANALYZE)")  # autocommit here: fresh statistics and visibility map
    lap("vacuum_analyze_s")
    return {
        "campaigns": {c.title: {"id": c.pk, "phase": c.phase} for c in campaigns},
        "review_campaign": review_campaign.pk if review_campaign else None,
        "reviewers": queue,
        "first_idea": first_idea,
        "tokens": TOKENS,
        "timings": timings,
    }


def _score_half_of_queue(cursor, reviewer, campaign, criteria, rng) -> None:
    """Reviews (with a score per criterion) for every other assignment in the queue."""
    if not criteria:
        return
    cursor.execute(
        """SELECT a.idea_id FROM voting_reviewassignment a WHERE a.reviewer_id = %s
           AND NOT EXISTS (SELECT 1 FROM voting_review r
                           WHERE r.idea_id = a.idea_id AND r.reviewer_id = a.reviewer_id)
           ORDER BY a.id""",
        [reviewer.pk],
    )
    ideas = [row[0] for row in cursor.fetchall()][::2]
    total_weight = sum(c.weight for c in criteria)
    for idea_id in ideas:
        values = [rng.randint(c.min_value, c.max_value) for c in criteria]
        weighted = (
            sum(
                c.weight * (v - c.min_value) / (c.max_value - c.min_value)
                for c, v in zip(criteria, values, strict=True)
            )
            / total_weight
            * 100
        )
        cursor.execute(
            """
            INSERT INTO voting_review (idea_id, reviewer_id, comment, private_note, weighted_score,
                                       created_at, updated_at)
            VALUES (%s, %s, '', '', %s, now(), now()) RETURNING id
            """,
            [idea_id, reviewer.pk, round(weighted, 2)],
        )
        review_id = cursor.fetchone()[0]
        _copy(
            cursor,
            "voting_score",
            ["review_id", "criterion_id", "value", "min_value", "max_value"],
            (
                (review_id, c.pk, v, c.min_value, c.max_value)
                for c, v in zip(criteria, values, strict=True)
            ),
        )


def checks(first_idea: int) -> dict:
    """The counters against COUNT(*), for every generated idea, and the totals."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT count(*),
                   count(*) FILTER (WHERE i.vote_count <> coalesce(v.n, 0)),
                   count(*) FILTER (WHERE i.comment_count <> coalesce(c.n, 0)),
                   (SELECT count(*) FROM voting_vote), (SELECT count(*) FROM accounts_user),
                   (SELECT count(*) FROM ideas_comment),
                   (SELECT count(*) FROM ideas_idea_co_authors)
            FROM ideas_idea i
            LEFT JOIN (SELECT idea_id, count(*) n FROM voting_vote GROUP BY idea_id) v
                   ON v.idea_id = i.id
            LEFT JOIN (SELECT idea_id, count(*) n FROM ideas_comment WHERE is_published
                       GROUP BY idea_id) c ON c.idea_id = i.id
            """
        )
        ideas, bad_votes, bad_comments, votes, users, comments, co_authors = cursor.fetchone()
        cursor.execute(
            """SELECT count(*) FROM voting_vote v JOIN ideas_idea i ON i.id = v.idea_id
               WHERE v.voter_id = i.author_id"""
        )
        own_votes = cursor.fetchone()[0]
        from ideas.activity import activity_mismatches

        rollup_mismatches = len(activity_mismatches())
        cursor.execute("SELECT pg_size_pretty(pg_database_size(current_database()))")
        size = cursor.fetchone()[0]
    connection.close()
    return {
        "rollup_mismatches": rollup_mismatches,
        "ideas": ideas,
        "votes": votes,
        "users": users,
        "comments": comments,
        "co_author_links": co_authors,
        "vote_counters_wrong": bad_votes,
        "comment_counters_wrong": bad_comments,
        "votes_for_own_idea": own_votes,
        "database_size": size,
    }


def _stored_scale() -> dict | None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass('bench_meta')")
        if cursor.fetchone()[0] is None:
            return None
        cursor.execute("SELECT body FROM bench_meta")
        row = cursor.fetchone()
    return json.loads(row[0]) if row else None


def _store(result: dict) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE IF NOT EXISTS bench_meta (body text)")
        cursor.execute("DELETE FROM bench_meta")
        cursor.execute("INSERT INTO bench_meta VALUES (%s)", [json.dumps(result)])


def ensure(scale: dict, *, reuse: bool) -> dict:
    """The bench database at `scale`: generated now, or (with `reuse`) as an earlier run left it
    at the same scale. Returns what generate() returned, with the checks."""
    exclusive_run()
    if reuse:
        django_setup()
        try:
            stored = _stored_scale()
        except Exception:  # noqa: BLE001 - no database yet
            stored = None
        if stored and stored.get("scale") == scale:
            log(f"reusing the bench database {endpoints().db_name} at {scale}")
            return stored
        from django.db import connection

        connection.close()
    started = time.monotonic()
    recreate_database()
    django_setup()
    result = generate(scale)
    result["scale"] = scale
    result["checks"] = checks(result["first_idea"])
    result["generate_s"] = round(time.monotonic() - started, 1)
    _store(result)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--full", action="store_true", help="65,000 staff, 100,000 ideas, 5M votes")
    parser.add_argument("--reuse", action="store_true", help="keep a database of the same scale")
    for name in ("staff", "ideas", "votes"):
        parser.add_argument(f"--{name}", type=int)
    args = parser.parse_args()
    why = services_reachable()
    if why:
        emit({"skipped": why})
        return
    scale = dict(FULL if args.full else SMALL)
    for name in ("staff", "ideas", "votes"):
        if getattr(args, name):
            scale[name] = getattr(args, name)
    result = ensure(scale, reuse=args.reuse)
    emit({"benchmark": "generate", **result})
    checked = result["checks"]
    if (
        checked["vote_counters_wrong"]
        or checked["comment_counters_wrong"]
        or checked["votes_for_own_idea"]
    ):
        sys.exit("the generated counters disagree with the rows")


if __name__ == "__main__":
    main()
