"""The leadership dashboard's numbers (API.md §Next: `GET /api/stats/`), read from stored
counters and rollups, never by counting votes: the ideas' own `vote_count` and
`comment_count`, and the per-day activity rows (ideas.models.ActivityDay).

Which ideas count: every idea that has been put forward and is still its own, that is every
status but `draft`, `hidden` (moderated away) and `merged` (its support moved to the original).

The formulas (also in the OpenAPI description of the endpoint):
- An idea counts for its lead agency (the author's agency when it was submitted) and for the
  agency of each co-author. A collaboration is an idea whose authors come from two or more
  agencies; it counts in full for every agency involved (`ideas`, `votes`, the stages), and
  once in `totals`.
- `authors`: distinct people among the authors and co-authors of the ideas counted, each under
  their own agency (the lead author under the idea's agency).
- Stages: `shortlisted` counts ideas now shortlisted or further along (accepted, piloting,
  implemented), `accepted` those accepted or further, `implemented` those implemented.
- `ideas_per_100` = 100 × ideas ÷ headcount and `authors_per_100` = 100 × authors ÷ headcount,
  rounded to 2 decimals; null when the agency's headcount is not known. An agency's `rank`
  orders by ideas_per_100, then authors_per_100 (so a small kelurahan office can lead a large
  dinas); `rank_by_ideas` orders by the raw number of ideas. Equal keys share a rank (1, 2, 2,
  4); agencies without a headcount have no `rank` and come last.
- Regions: ideas located in the region (the idea's `region`, with every region below it), at
  the level of kota / kabupaten administrasi, or of the filtered region's children. A region's
  headcount is that of the agencies sited in it (suku dinas, kecamatan and kelurahan offices),
  null when none is known.
- Funnel: for each stage of submitted → in_review → shortlisted → accepted → piloting →
  implemented, `count` ideas are there now and `reached` ideas are there or further along;
  `rejected` is counted on its own (and in the `reached` of `submitted`).
- Time line: per day (Asia/Jakarta), ideas put forward that day, and the votes and comments
  made that day, net of later withdrawals. Votes and comments are kept per campaign, category
  and lead agency, so under a `region` filter they are null (only ideas are counted per day).
- Reviewers: per campaign panel, each member's assignments and reviews done.
"""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.db import connection
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.translation import get_language

from accounts.models import Agency, Region
from accounts.selectors import region_with_descendants_ids
from core.memo import Memo
from ideas.coauthors import collaboration_links
from ideas.models import ActivityDay, Campaign, Category, Idea
from reviews.models import Panel, Review, ReviewAssignment

S = Idea.Status
NOT_COUNTED = (S.DRAFT, S.HIDDEN, S.MERGED)
# The main line of the funnel, in order; `rejected` leaves it at any stage.
FUNNEL = (S.SUBMITTED, S.IN_REVIEW, S.SHORTLISTED, S.ACCEPTED, S.PILOTING, S.IMPLEMENTED)
STAGE = {status: position for position, status in enumerate(FUNNEL)}
# The stages the rankings count: ideas there now or further along the main line.
STAGES = {"shortlisted": S.SHORTLISTED, "accepted": S.ACCEPTED, "implemented": S.IMPLEMENTED}
TIMELINE_MAX_DAYS = 366


@dataclass(frozen=True)
class StatsFilters:
    """The filters of /api/stats/: each None when not given."""

    campaign: Campaign | None = None
    category: Category | None = None
    agency: Agency | None = None
    region: Region | None = None

    def key(self) -> tuple:
        return tuple(
            getattr(v, "pk", None) for v in (self.campaign, self.category, self.agency, self.region)
        )


def counted_ideas(filters: StatsFilters) -> QuerySet[Idea]:
    """The ideas the stats count, under the filters (the `agency` filter is the lead agency,
    as on /api/ideas/)."""
    ideas = Idea.objects.exclude(status__in=NOT_COUNTED)
    if filters.campaign is not None:
        ideas = ideas.filter(campaign_id=filters.campaign.pk)
    if filters.category is not None:
        ideas = ideas.filter(category_id=filters.category.pk)
    if filters.agency is not None:
        ideas = ideas.filter(agency_id=filters.agency.pk)
    if filters.region is not None:
        ideas = ideas.filter(region_id__in=region_with_descendants_ids(region_id=filters.region.pk))
    return ideas


def per_100(part: int, headcount: int | None) -> float | None:
    """100 × part ÷ headcount, 2 decimals; None when the headcount is unknown (or 0)."""
    if not headcount:
        return None
    return round(100 * part / headcount, 2)


def _stage_counts(status: str, n: int) -> dict[str, int]:
    reached = STAGE.get(status, -1)
    return {name: n if reached >= STAGE[stage] else 0 for name, stage in STAGES.items()}


class _Tally:
    """What a ranking row adds up: ideas, votes, comments, the stages, collaborations."""

    __slots__ = (
        "ideas",
        "votes",
        "comments",
        "shortlisted",
        "accepted",
        "implemented",
        "collaborations",
    )

    def __init__(self) -> None:
        for name in self.__slots__:
            setattr(self, name, 0)

    def add(
        self, *, status: str, n: int, votes: int, comments: int, collaborations: int = 0
    ) -> None:
        self.ideas += n
        self.votes += votes
        self.comments += comments
        self.collaborations += collaborations
        for name, count in _stage_counts(status, n).items():
            setattr(self, name, getattr(self, name) + count)

    def as_dict(self) -> dict[str, int]:
        return {name: getattr(self, name) for name in self.__slots__}


def _ranked(rows: list[dict], *, key, field: str) -> None:
    """Standard competition ranks (1, 2, 2, 4) into row[field] over rows already sorted by
    `key`; rows whose key is None get None."""
    previous, rank = object(), 0
    for position, row in enumerate(rows, start=1):
        value = key(row)
        if value is None:
            row[field] = None
            continue
        if value != previous:
            rank, previous = position, value
        row[field] = rank


def _distinct_people(ideas: QuerySet[Idea], *, lead_group, co_group) -> tuple[dict, int]:
    """Distinct authors and co-authors of `ideas`, per group and in all: `lead_group` groups
    an idea's lead author (an expression over the idea), `co_group` a co-author (over the
    co-author link). Counted in SQL over the union of both kinds of authorship (UNION removes
    the repeats), so no list of people reaches Python."""
    lead = ideas.order_by().values(g=lead_group, p=F("author_id"))
    links = Idea.co_authors.through.objects.filter(idea__in=ideas.order_by().values("pk"))
    co = links.order_by().values(g=co_group, p=F("user_id"))
    sql, params = lead.union(co).query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT u.g, COUNT(*) FROM ({sql}) u GROUP BY u.g", params)
        per_group = dict(cursor.fetchall())
        cursor.execute(f"SELECT COUNT(DISTINCT u.p) FROM ({sql}) u", params)
        (total,) = cursor.fetchone()
    return per_group, total


def _localized(category: Category) -> dict:
    return {"slug": category.slug, "name": category.name}


def _agency_brief(agency: Agency) -> dict:
    return {"id": agency.pk, "code": agency.code, "name": agency.name, "kind": agency.kind}


def _region_brief(region: Region) -> dict:
    return {"id": region.pk, "code": region.code, "name": region.name, "kind": region.kind}


@dataclass
class _Collaboration:
    lead: int
    region: int | None
    status: str
    votes: int
    comments: int
    others: set


def _collaborations(ideas: QuerySet[Idea]) -> dict[int, _Collaboration]:
    """Ideas with co-authors from another agency than the lead's (ideas.coauthors's one rule
    of collaborations), by id."""
    links = collaboration_links().filter(idea__in=ideas.order_by().values("pk"))
    found: dict[int, _Collaboration] = {}
    for idea_id, agency_id, lead, region, status, votes, comments in links.values_list(
        "idea_id",
        "user__agency_id",
        "idea__agency_id",
        "idea__region_id",
        "idea__status",
        "idea__vote_count",
        "idea__comment_count",
    ):
        entry = found.get(idea_id)
        if entry is None:
            entry = found[idea_id] = _Collaboration(lead, region, status, votes, comments, set())
        entry.others.add(agency_id)
    return found


def _agencies(filters, groups, collaborations, people: dict) -> list[dict]:
    tallies: dict[int, _Tally] = defaultdict(_Tally)
    for row in groups:
        tallies[row["agency_id"]].add(
            status=row["status"], n=row["n"], votes=row["votes"], comments=row["comments"]
        )
    for entry in collaborations.values():
        tallies[entry.lead].collaborations += 1
        for agency_id in entry.others:
            tallies[agency_id].add(
                status=entry.status,
                n=1,
                votes=entry.votes,
                comments=entry.comments,
                collaborations=1,
            )
    agencies = Agency.objects.order_by("name")
    if filters.agency is not None:
        agencies = agencies.filter(pk__in={filters.agency.pk, *tallies})
    rows = []
    for agency in agencies:
        tally = tallies.get(agency.pk) or _Tally()
        authors = people.get(agency.pk, 0)
        rows.append(
            {
                "agency": _agency_brief(agency),
                "headcount": agency.headcount,
                **tally.as_dict(),
                "authors": authors,
                "ideas_per_100": per_100(tally.ideas, agency.headcount),
                "authors_per_100": per_100(authors, agency.headcount),
            }
        )
    _ranked(
        sorted(rows, key=lambda r: (-r["ideas"], r["agency"]["name"])),
        key=lambda r: r["ideas"],
        field="rank_by_ideas",
    )

    def normalised(row):
        if row["ideas_per_100"] is None:
            return None
        return (row["ideas_per_100"], row["authors_per_100"])

    rows.sort(
        key=lambda r: (
            normalised(r) is None,
            tuple(-x for x in normalised(r) or ()),
            -r["ideas"],
            r["agency"]["name"],
        )
    )
    _ranked(rows, key=normalised, field="rank")
    return rows


def _region_roots(filters) -> tuple[list[Region], dict[int, int]]:
    """The regions the table shows (kota / kabupaten, or the filtered region's children) and,
    for every region at or below them, the one of them it lies in."""
    regions = list(Region.objects.only("id", "code", "name", "kind", "parent_id"))
    parent = {r.pk: r.parent_id for r in regions}
    if filters.region is not None:
        roots = [r for r in regions if r.parent_id == filters.region.pk]
    else:
        roots = [r for r in regions if r.parent_id is None]
    root_ids = {r.pk for r in roots}
    root_of = {}
    for region in regions:
        at, depth = region.pk, 0
        while at is not None and at not in root_ids and depth < 5:
            at, depth = parent.get(at), depth + 1
        if at in root_ids:
            root_of[region.pk] = at
    return sorted(roots, key=lambda r: r.code), root_of


def _root_expression(root_of: dict[int, int], field: str):
    by_root: dict[int, list[int]] = defaultdict(list)
    for region_id, root in root_of.items():
        by_root[root].append(region_id)
    if not by_root:
        return Value(None, output_field=IntegerField())
    return Case(
        *(When(**{f"{field}__in": ids}, then=Value(root)) for root, ids in by_root.items()),
        default=Value(None),
        output_field=IntegerField(),
    )


def _regions(filters, ideas, collaborations) -> list[dict]:
    roots, root_of = _region_roots(filters)
    tallies: dict[int, _Tally] = defaultdict(_Tally)
    for row in (
        ideas.filter(region__isnull=False)
        .order_by()
        .values("region_id", "status")
        .annotate(n=Count("pk"), votes=Sum("vote_count"), comments=Sum("comment_count"))
    ):
        root = root_of.get(row["region_id"])
        if root is not None:
            tallies[root].add(
                status=row["status"], n=row["n"], votes=row["votes"], comments=row["comments"]
            )
    for entry in collaborations.values():
        root = root_of.get(entry.region)
        if root is not None:
            tallies[root].collaborations += 1
    people, _ = _distinct_people(
        ideas.filter(region__isnull=False),
        lead_group=_root_expression(root_of, "region_id"),
        co_group=_root_expression(root_of, "idea__region_id"),
    )
    headcount: dict[int, int] = defaultdict(int)
    for region_id, count in Agency.objects.filter(
        region__isnull=False, headcount__isnull=False
    ).values_list("region_id", "headcount"):
        root = root_of.get(region_id)
        if root is not None:
            headcount[root] += count
    rows = []
    for region in roots:
        tally = tallies.get(region.pk) or _Tally()
        authors = people.get(region.pk, 0)
        staff = headcount.get(region.pk) or None
        rows.append(
            {
                "region": _region_brief(region),
                "headcount": staff,
                **tally.as_dict(),
                "authors": authors,
                "ideas_per_100": per_100(tally.ideas, staff),
                "authors_per_100": per_100(authors, staff),
            }
        )
    rows.sort(key=lambda r: (-r["ideas"], r["region"]["code"]))
    _ranked(rows, key=lambda r: r["ideas"], field="rank")
    return rows


def _categories(filters, groups) -> list[dict]:
    tallies: dict[int, _Tally] = defaultdict(_Tally)
    for row in groups:
        tallies[row["category_id"]].add(
            status=row["status"], n=row["n"], votes=row["votes"], comments=row["comments"]
        )
    if filters.category is not None:
        categories = [filters.category]
    elif filters.campaign is not None and filters.campaign.categories.exists():
        categories = list(filters.campaign.categories.all())
    else:
        categories = list(Category.objects.all())
    shown = {c.pk for c in categories}
    categories += list(Category.objects.filter(pk__in=set(tallies) - shown))
    rows = [{**_localized(c), **(tallies.get(c.pk) or _Tally()).as_dict()} for c in categories]
    for row in rows:
        del row["collaborations"]
    rows.sort(key=lambda r: (-r["ideas"], r["name"]))
    _ranked(rows, key=lambda r: r["ideas"], field="rank")
    return rows


def _funnel(groups) -> list[dict]:
    now: dict[str, int] = defaultdict(int)
    for row in groups:
        now[row["status"]] += row["n"]
    funnel = []
    for position, status in enumerate(FUNNEL):
        reached = sum(now[s] for s in FUNNEL[position:])
        if status == S.SUBMITTED:
            reached += now[S.REJECTED]
        funnel.append({"status": status, "count": now[status], "reached": reached})
    funnel.append({"status": S.REJECTED, "count": now[S.REJECTED], "reached": now[S.REJECTED]})
    return funnel


def _timeline(filters, ideas) -> list[dict]:
    tz = timezone.get_current_timezone()
    ideas_per_day = dict(
        ideas.order_by()
        .annotate(day=TruncDate("created_at", tzinfo=tz))
        .values("day")
        .annotate(n=Count("pk"))
        .values_list("day", "n")
    )
    activity: dict[date, tuple[int, int]] = {}
    if filters.region is None:
        rows = ActivityDay.objects.all()
        if filters.campaign is not None:
            rows = rows.filter(campaign_key=filters.campaign.pk)
        if filters.category is not None:
            rows = rows.filter(category_id=filters.category.pk)
        if filters.agency is not None:
            rows = rows.filter(agency_id=filters.agency.pk)
        activity = {
            day: (v, c)
            for day, v, c in rows.order_by()
            .values("day")
            .annotate(v=Sum("votes"), c=Sum("comments"))
            .values_list("day", "v", "c")
        }
    days = set(ideas_per_day) | {d for d, (v, c) in activity.items() if v or c}
    today = timezone.localdate()
    if filters.campaign is not None:
        days.add(timezone.localdate(filters.campaign.submission_opens))
        days.add(min(today, timezone.localdate(filters.campaign.review_closes)))
    if not days:
        return []
    last = max(days)
    first = max(min(days), last - timedelta(days=TIMELINE_MAX_DAYS - 1))
    timeline = []
    for offset in range((last - first).days + 1):
        day = first + timedelta(days=offset)
        votes, comments = activity.get(day, (0, 0))
        timeline.append(
            {
                "date": day.isoformat(),
                "ideas": ideas_per_day.get(day, 0),
                "votes": None if filters.region is not None else votes,
                "comments": None if filters.region is not None else comments,
            }
        )
    return timeline


def _reviewers(filters, ideas) -> list[dict]:
    panels = Panel.objects.select_related("campaign").prefetch_related("members__agency")
    if filters.campaign is not None:
        panels = panels.filter(campaign_id=filters.campaign.pk)
    panels = list(panels.order_by("-campaign__review_opens", "-pk")[:20])
    if not panels:
        return []
    done = Review.objects.filter(idea_id=OuterRef("idea_id"), reviewer_id=OuterRef("reviewer_id"))
    counts = {
        (row["idea__campaign_id"], row["reviewer_id"]): (row["assigned"], row["reviewed"])
        for row in ReviewAssignment.objects.filter(
            idea__campaign_id__in=[p.campaign_id for p in panels],
            idea__in=ideas.order_by().values("pk"),
        )
        .annotate(done=Exists(done))
        .order_by()
        .values("idea__campaign_id", "reviewer_id")
        .annotate(assigned=Count("pk"), reviewed=Count("pk", filter=Q(done=True)))
    }
    body = []
    for panel in panels:
        members = sorted(panel.members.all(), key=lambda u: (u.full_name, u.pk))
        reviewer_ids = {u.pk for u in members} | {r for (c, r) in counts if c == panel.campaign_id}
        people = {u.pk: u for u in members}
        rows = []
        for reviewer_id in reviewer_ids:
            assigned, reviewed = counts.get((panel.campaign_id, reviewer_id), (0, 0))
            person = people.get(reviewer_id)
            rows.append(
                {
                    "id": reviewer_id,
                    "full_name": person.full_name if person else None,
                    "agency": person.agency.code if person and person.agency else None,
                    "assigned": assigned,
                    "reviewed": reviewed,
                    "on_panel": person is not None,
                }
            )
        rows.sort(key=lambda r: (r["full_name"] or "", r["id"]))
        assigned = sum(r["assigned"] for r in rows)
        reviewed = sum(r["reviewed"] for r in rows)
        body.append(
            {
                "campaign": {"id": panel.campaign_id, "title": panel.campaign.title},
                "members": len(members),
                "assigned": assigned,
                "reviewed": reviewed,
                "progress": round(100 * reviewed / assigned, 1) if assigned else None,
                "reviewers": rows,
            }
        )
    return body


def stats_compute(filters: StatsFilters) -> dict:
    """The body of /api/stats/ for these filters, read now (see the module's formulas)."""
    ideas = counted_ideas(filters)
    groups = list(
        ideas.order_by()
        .values("status", "category_id", "agency_id")
        .annotate(n=Count("pk"), votes=Sum("vote_count"), comments=Sum("comment_count"))
    )
    collaborations = _collaborations(ideas)
    people, authors = _distinct_people(
        ideas, lead_group=F("agency_id"), co_group=F("user__agency_id")
    )
    agencies = _agencies(filters, groups, collaborations, people)
    reviewers = _reviewers(filters, ideas)
    if filters.agency is not None:
        headcount = filters.agency.headcount
    else:
        headcount = sum(row["headcount"] or 0 for row in agencies) or None
    totals_ideas = sum(row["n"] for row in groups)
    totals = {
        "ideas": totals_ideas,
        "authors": authors,
        "votes": sum(row["votes"] for row in groups),
        "comments": sum(row["comments"] for row in groups),
        "collaborations": len(collaborations),
        "agencies": len(agencies),
        "agencies_taking_part": sum(1 for row in agencies if row["ideas"]),
        "headcount": headcount,
        "ideas_per_100": per_100(totals_ideas, headcount),
        "authors_per_100": per_100(authors, headcount),
        **{
            name: sum(row["n"] for row in groups if STAGE.get(row["status"], -1) >= STAGE[stage])
            for name, stage in STAGES.items()
        },
        "reviews_assigned": sum(p["assigned"] for p in reviewers),
        "reviews_done": sum(p["reviewed"] for p in reviewers),
    }
    return {
        "filters": dict(
            zip(("campaign", "category", "agency", "region"), filters.key(), strict=True)
        )
        | {"category": filters.category.slug if filters.category else None},
        "seq": time.time_ns() // 1_000_000,
        "generated_at": timezone.localtime().isoformat(),
        "totals": totals,
        "funnel": _funnel(groups),
        "categories": _categories(filters, groups),
        "agencies": agencies,
        "regions": _regions(filters, ideas, collaborations),
        "timeline": _timeline(filters, ideas),
        "reviewers": reviewers,
    }


_remembered = Memo(size=500)


def _memo_key(filters: StatsFilters) -> tuple:
    return (filters.key(), get_language())  # category names are in the reader's language


def stats_get(filters: StatsFilters) -> dict:
    """stats_compute as this process computed it at most STATS_CACHE_SECONDS ago (or, while
    one request renews it, up to core.memo.STALE_GRACE_SECONDS more): a wall of dashboards
    costs one computation per filter set, and its `seq` (milliseconds since the epoch, at
    computation) says how fresh it is."""
    return _remembered.get_or_compute(
        _memo_key(filters),
        lambda: stats_compute(filters),
        seconds=settings.STATS_CACHE_SECONDS,
    )


def stats_remember(filters: StatsFilters, body: dict) -> None:
    """Keep a fresh computation for stats_get (the dashboard hub's, after a change)."""
    _remembered.put(_memo_key(filters), body, seconds=settings.STATS_CACHE_SECONDS)
