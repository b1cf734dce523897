"""`manage.py seed_demo`: Jakarta's reference data plus a demo in which every role has work.

Idempotent: reference rows are upserted by their natural keys, ideas are found by (title,
author), comments by (idea, author, body), and votes go through `vote_cast`, which counts a
voter once. A campaign's rubric, panel, review assignments and reviews are seeded once, while it
has none, and then belong to its users. Ideas, comments, votes, status changes and reviews all go
through the services, so counters, panel scores, the audit trail and live updates behave as they
do in real use.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from accounts.models import Agency, Region, User
from accounts.roles import GROUP_ROLES
from core.errors import RuleError
from demo import accounts_data, ideas_data
from ideas.coauthors import invitation_accept
from ideas.comments import comment_report
from ideas.models import Campaign, Category, Comment, Idea, IdeaStatusChange, Report
from ideas.services import comment_create, idea_create, idea_status_change
from reviews.models import Criterion, Panel, PanelResult, Review, ReviewAssignment, Score
from reviews.rubrics import RUBRICS
from reviews.services import (
    ReviewInput,
    panel_members_set,
    review_assign,
    review_submit,
    rubric_apply,
)
from voting.models import Vote
from voting.services import vote_cast

# Fixed seeds keep the voters and the reviews, and so the leaderboard, the same on every machine.
VOTE_SEED = 2026
REVIEW_SEED = 2026
MAX_VOTERS_IN_CAMPAIGN = 20
MAX_VOTERS_OUTSIDE_CAMPAIGN = 10

COUNTED_MODELS = (
    ("regions", Region),
    ("agencies", Agency),
    ("accounts", User),
    ("categories", Category),
    ("campaigns", Campaign),
    ("criteria", Criterion),
    ("ideas", Idea),
    ("votes", Vote),
    ("comments", Comment),
    ("status changes", IdeaStatusChange),
    ("panels", Panel),
    ("assignments", ReviewAssignment),
    ("reviews", Review),
    ("scores", Score),
    ("panel results", PanelResult),
)


class Command(BaseCommand):
    help = (
        "Load demo data: Jakarta's regions and agencies, demo accounts, two campaigns with "
        "rubrics and review panels, sample ideas with votes, comments and panel reviews. "
        "Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Run even though DEBUG is off.")

    def handle(self, *args, force: bool = False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "seed_demo creates accounts with a published password, so it does not run "
                "while DEBUG is off. Pass --force if this really is a demo server."
            )
        now = timezone.now()
        before = _counts()
        # One transaction: a failure halfway leaves the database as it was.
        with transaction.atomic():
            regions = _seed_regions()
            agencies = _seed_agencies(regions)
            users = _seed_accounts(agencies)
            categories = _seed_categories()
            campaigns = _seed_campaigns(categories, now, users["admin"])
            ideas, skipped = _seed_ideas(users, categories, campaigns, regions, now)
            _seed_votes(ideas, users)
            _seed_statuses(ideas, users["admin"])
            _seed_comments(ideas, users)
            _seed_report(users)
            _seed_panels(campaigns, users)
            _seed_reviews(campaigns, ideas, users)
        self._report(before, _counts(), campaigns, skipped)

    def _report(self, before, after, campaigns, skipped) -> None:
        self.stdout.write(self.style.SUCCESS("Demo data is in place."))
        for label, total in after.items():
            self.stdout.write(f"  {label:<15}{total:>5}  (+{total - before[label]})")
        for campaign in campaigns.values():
            line = f"  campaign “{campaign.title}”: {campaign.phase}"
            assigned = ReviewAssignment.objects.filter(idea__campaign=campaign).count()
            if assigned:
                reviewed = Review.objects.filter(idea__campaign=campaign).count()
                line += f", {assigned} review assignments, {reviewed} reviews in"
            self.stdout.write(line)
        for line in skipped:
            self.stdout.write(self.style.WARNING(f"  idea not created: {line}"))
        with_roles = [a for a in accounts_data.ACCOUNTS if a.get("groups")]
        plain = [a["username"] for a in accounts_data.ACCOUNTS if not a.get("groups")]
        self.stdout.write(f"Accounts, password “{accounts_data.DEMO_PASSWORD}”:")
        for account in with_roles:
            roles = ", ".join(account["groups"])
            self.stdout.write(f"  {account['username']:<10} {roles}")
        if plain:
            self.stdout.write(f"  {plain[0]}..{plain[-1]}  staff")
        self.stdout.write("  (accounts that already existed keep their current password)")


def _counts() -> dict[str, int]:
    return {label: model.objects.count() for label, model in COUNTED_MODELS}


def _seed_regions() -> dict[str, Region]:
    regions: dict[str, Region] = {}
    for city in accounts_data.REGIONS:
        parent, _ = Region.objects.update_or_create(
            code=city["code"],
            defaults={"name": city["name"], "kind": Region.Kind(city["kind"]), "parent": None},
        )
        regions[parent.code] = parent
        for code, name in city["districts"]:
            regions[code], _ = Region.objects.update_or_create(
                code=code,
                defaults={"name": name, "kind": Region.Kind.DISTRICT, "parent": parent},
            )
    for code, name, parent_code in accounts_data.VILLAGES:
        regions[code], _ = Region.objects.update_or_create(
            code=code,
            defaults={"name": name, "kind": Region.Kind.VILLAGE, "parent": regions[parent_code]},
        )
    return regions


def _seed_agencies(regions: dict[str, Region]) -> dict[str, Agency]:
    agencies: dict[str, Agency] = {}
    for code, name, kind, region_code, headcount in accounts_data.AGENCIES:
        agencies[code], _ = Agency.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "kind": Agency.Kind(kind),
                "region": regions[region_code] if region_code else None,
                "headcount": headcount,
            },
        )
    return agencies


def _seed_accounts(agencies: dict[str, Agency]) -> dict[str, User]:
    groups = {name: Group.objects.get_or_create(name=name)[0] for name in GROUP_ROLES}
    users: dict[str, User] = {}
    for account in accounts_data.ACCOUNTS:
        user, created = User.objects.update_or_create(
            username=account["username"],
            defaults={
                "full_name": account["full_name"],
                "nip": account["nip"],
                "agency": agencies[account["agency"]],
                "is_staff": account.get("is_staff", False),
                "is_active": True,
            },
        )
        if created:
            # Only new accounts get the demo password: a re-run must not undo a change.
            user.set_password(accounts_data.DEMO_PASSWORD)
            user.save(update_fields=["password"])
        user.groups.add(*(groups[name] for name in account.get("groups", ())))
        users[user.username] = user
    return users


def _seed_categories() -> dict[str, Category]:
    categories: dict[str, Category] = {}
    for position, (slug, name_id, name_en) in enumerate(ideas_data.CATEGORIES):
        categories[slug], _ = Category.objects.update_or_create(
            slug=slug, defaults={"name_id": name_id, "name_en": name_en, "position": position}
        )
    return categories


def _seed_campaigns(
    categories: dict[str, Category], now: datetime, admin: User
) -> dict[str, Campaign]:
    anchor = now.replace(minute=0, second=0, microsecond=0)
    campaigns: dict[str, Campaign] = {}
    for spec in ideas_data.CAMPAIGNS:
        campaign = Campaign.objects.filter(title=spec["title"]).order_by("pk").first()
        if campaign is None:
            dates = {}
            for window in ("submission", "voting", "review"):
                opens, closes = spec[window]
                dates[f"{window}_opens"] = anchor + timedelta(days=opens)
                dates[f"{window}_closes"] = anchor + timedelta(days=closes)
            review_settings = {
                name: spec[name] for name in ("blind_review", "popular_vote_weight") if name in spec
            }
            campaign = Campaign.objects.create(
                title=spec["title"], description=spec["description"], **dates, **review_settings
            )
        # An existing campaign keeps its dates: moving them on each run would shift its phase
        # under people who are using it, and the ideas already placed inside its windows.
        campaign.categories.set([categories[slug] for slug in spec["categories"]])
        _seed_rubric(campaign, spec["rubric"], admin)
        campaigns[spec["key"]] = campaign
    return campaigns


def _rubric_shape(rows) -> list[tuple]:
    return [(name, float(weight), low, high) for name, weight, low, high in rows]


def _seed_rubric(campaign: Campaign, template_key: str, admin: User) -> None:
    """Give the campaign its shipped rubric, unless reviews already use its criteria or it has a
    rubric of its own (an admin's, or this one). A rubric that is exactly another shipped
    template is an earlier seed's and is replaced while nothing is scored."""
    if Score.objects.filter(criterion__campaign=campaign).exists():
        return
    current = _rubric_shape(
        campaign.criteria.order_by("position", "id").values_list(
            "name", "weight", "min_value", "max_value"
        )
    )
    other_templates = [
        _rubric_shape((c.name, c.weight, c.min_value, c.max_value) for c in template.criteria)
        for key, template in RUBRICS.items()
        if key != template_key
    ]
    if current and current not in other_templates:
        return
    rubric_apply(campaign=campaign, template_key=template_key, by=admin)


def _submitted_at(spec: dict, campaign: Campaign | None, index: int, now: datetime) -> datetime:
    """When the sample idea was sent: inside its campaign's submission window, in office hours."""
    # Spread over the working day by list position, so ideas do not share one timestamp.
    clock = timedelta(hours=8 + (index * 5) % 9, minutes=(index * 17) % 60)
    if campaign is None:
        day = _local_midnight(now - timedelta(days=spec["offset_days"]))
    else:
        day = _local_midnight(campaign.submission_opens) + timedelta(days=spec["offset_days"])
    latest = now - timedelta(minutes=5)
    if campaign is not None:
        latest = min(latest, campaign.submission_closes - timedelta(minutes=1))
    return min(day + clock, latest)


def _local_midnight(moment: datetime) -> datetime:
    return timezone.localtime(moment).replace(hour=0, minute=0, second=0, microsecond=0)


def _seed_ideas(users, categories, campaigns, regions, now) -> tuple[dict[str, Idea], list[str]]:
    ideas: dict[str, Idea] = {}
    skipped: list[str] = []
    for index, spec in enumerate(ideas_data.IDEAS):
        author = users[spec["author"]]
        idea = Idea.objects.filter(title=spec["title"], author=author).order_by("pk").first()
        if idea is None:
            campaign = campaigns.get(spec["campaign"])
            try:
                idea = idea_create(
                    author=author,
                    title=spec["title"],
                    problem=spec["problem"],
                    solution=spec["solution"],
                    expected_impact=spec["expected_impact"],
                    category=categories[spec["category"]],
                    campaign=campaign,
                    region=regions[spec["region"]] if spec.get("region") else None,
                    co_authors=[users[name] for name in spec.get("co_authors", ())],
                    draft=spec.get("draft", False),
                    submitted_at=_submitted_at(spec, campaign, index, now),
                )
            except RuleError as error:
                # Seeding into a campaign created by an earlier run whose submission window
                # has since closed: report it and carry on with the rest.
                skipped.append(f"{spec['key']} ({error.code})")
                continue
            # Co-authors named are invited; in the demo each accepts, through the service.
            for invitation in idea.invitations.filter(status="pending").select_related("invitee"):
                invitation_accept(invitation_id=invitation.pk, user=invitation.invitee)
        ideas[spec["key"]] = idea
    return ideas, skipped


def _seed_votes(ideas: dict[str, Idea], users: dict[str, User]) -> None:
    rng = random.Random(VOTE_SEED)
    everyone = sorted(users)
    for spec in ideas_data.IDEAS:
        if spec.get("draft") or spec["campaign"] not in (ideas_data.KOTA_GLOBAL, None):
            continue
        ceiling = MAX_VOTERS_IN_CAMPAIGN if spec["campaign"] else MAX_VOTERS_OUTSIDE_CAMPAIGN
        drawn = rng.randint(0, ceiling)
        excluded = {spec["author"], *spec.get("co_authors", ())}
        eligible = [name for name in everyone if name not in excluded]
        voters = rng.sample(eligible, min(spec.get("votes", drawn), len(eligible)))
        # The draws above happen for every idea, so skipping one keeps the others' voters.
        idea = ideas.get(spec["key"])
        if idea is None:
            continue
        idea.refresh_from_db(fields=["status"])
        if idea.status not in Idea.VOTABLE_STATUSES:
            continue
        if idea.campaign is not None and not idea.campaign.voting_open:
            continue
        for name in voters:
            vote_cast(idea_id=idea.pk, voter=users[name])


def _seed_statuses(ideas: dict[str, Idea], admin: User) -> None:
    after_campaign = {spec["key"]: spec["status_after_seeding"] for spec in ideas_data.CAMPAIGNS}
    for spec in ideas_data.IDEAS:
        idea = ideas.get(spec["key"])
        if idea is None or spec.get("draft"):
            continue
        if "status" in spec:
            target = (spec["status"], spec.get("status_note", ""))
        else:
            target = after_campaign.get(spec["campaign"])
        if target is None:
            continue
        idea.refresh_from_db(fields=["status"])
        # Only a fresh idea moves: a re-run must not undo what an admin has decided since.
        if idea.status != Idea.Status.SUBMITTED:
            continue
        to_status, note = target
        idea_status_change(idea_id=idea.pk, to_status=to_status, changed_by=admin, note=note)


def _seed_comments(ideas: dict[str, Idea], users: dict[str, User]) -> None:
    posted: dict[tuple[str, str], Comment] = {}
    for spec in ideas_data.COMMENTS:
        idea = ideas.get(spec["idea"])
        if idea is None:
            continue
        author = users[spec["author"]]
        comment = (
            Comment.objects.filter(idea=idea, author=author, body=spec["body"])
            .order_by("pk")
            .first()
        )
        if comment is None:
            reply_to = spec.get("reply_to")
            comment = comment_create(
                idea=idea,
                author=author,
                body=spec["body"],
                parent=posted[(spec["idea"], reply_to)] if reply_to else None,
                kind=spec.get("kind", Comment.Kind.STAFF),
            )
        posted.setdefault((spec["idea"], spec["author"]), comment)


def _seed_report(users: dict[str, User]) -> None:
    """One open report for the moderators' queue, while there is none: a staff member finds
    a comment off-topic (through the service, as from the idea page)."""
    if Report.objects.exists():
        return
    reporter = users["staff1"]
    comment = (
        Comment.objects.filter(is_published=True, kind=Comment.Kind.STAFF)
        .exclude(author=reporter)
        .exclude(idea__status__in=[Idea.Status.DRAFT, Idea.Status.HIDDEN])
        .order_by("pk")
        .first()
    )
    if comment is not None:
        comment_report(
            comment=comment,
            reporter=reporter,
            reason=Report.Reason.OFF_TOPIC,
            note="Komentar ini membahas hal lain, bukan gagasannya.",
        )


def _seed_panels(campaigns: dict[str, Campaign], users: dict[str, User]) -> None:
    """Each campaign's panel, and the review assignments of one whose review phase is open.
    Both only while the campaign has none: afterwards they are the admins' to change."""
    admin = users["admin"]
    for spec in ideas_data.CAMPAIGNS:
        campaign = campaigns[spec["key"]]
        if not Panel.objects.filter(campaign=campaign).exists():
            members = [users[name] for name in spec["panel"]]
            panel_members_set(campaign=campaign, members=members, by=admin)
        per_idea = spec.get("reviewers_per_idea")
        if not per_idea or not campaign.review_open:
            continue
        if ReviewAssignment.objects.filter(idea__campaign=campaign).exists():
            continue
        review_assign(campaign=campaign, per_idea=per_idea, by=admin)


def _seed_reviews(
    campaigns: dict[str, Campaign], ideas: dict[str, Idea], users: dict[str, User]
) -> None:
    """Submit about half of each open review campaign's assignments through `review_submit`,
    leaving reviewer1 a queue. Only while the campaign has no review at all."""
    for spec in ideas_data.CAMPAIGNS:
        campaign = campaigns[spec["key"]]
        if not spec.get("reviewers_per_idea") or not campaign.review_open:
            continue
        if Review.objects.filter(idea__campaign=campaign).exists():
            continue
        for idea, reviewer, data in _planned_reviews(campaign, ideas, users):
            review_submit(idea_id=idea.pk, reviewer=reviewer, data=data)


def _planned_reviews(
    campaign: Campaign, ideas: dict[str, Idea], users: dict[str, User]
) -> list[tuple[Idea, User, ReviewInput]]:
    """Which assignments get a review, and its scores and feedback. Every random draw happens in
    a fixed order, so the same assignments give the same reviews on every machine."""
    rng = random.Random(REVIEW_SEED)
    order = [key for key in ideas_data.REVIEWS if key in ideas]
    key_of = {ideas[key].pk: key for key in order}
    # An idea's merit: where, on each criterion's scale, a fair reviewer would place it.
    merit = {key: rng.uniform(0.35, 0.85) for key in ideas_data.REVIEWS}
    assigned: dict[str, list[str]] = {}  # idea key -> reviewers, by username
    queues: dict[str, list[str]] = {}  # reviewer -> idea keys, in the order of REVIEWS
    rows = ReviewAssignment.objects.filter(idea__campaign=campaign).values_list(
        "idea_id", "reviewer__username"
    )
    # Only the ideas and reviewers this seed knows, in the order of REVIEWS, then by username.
    known = sorted(
        (order.index(key_of[idea_id]), key_of[idea_id], username)
        for idea_id, username in rows
        if idea_id in key_of and username in users
    )
    for _position, key, username in known:
        assigned.setdefault(key, []).append(username)
        queues.setdefault(username, []).append(key)
    chosen: set[tuple[str, str]] = set()
    for username in sorted(queues):
        queue = queues[username]
        quota = (len(queue) + 1) // 2
        if username == "reviewer1":
            keep_open = ideas_data.REVIEWER1_OPEN_ASSIGNMENTS
            quota = max(0, min(len(queue) // 2, len(queue) - keep_open))
        chosen.update((key, username) for key in rng.sample(queue, quota))
    criteria = list(campaign.criteria.order_by("position", "id"))
    planned = []
    for key in order:
        for slot, username in enumerate(assigned.get(key, ())):
            leaning = ideas_data.REVIEWER_LEANING.get(username, 0.0)
            noise = [rng.uniform(-0.12, 0.12) for _criterion in criteria]
            if (key, username) not in chosen:
                continue
            scores = {
                c.pk: _scale_value(c, merit[key] + leaning + shift)
                for c, shift in zip(criteria, noise, strict=True)
            }
            feedback = ideas_data.REVIEWS[key]
            text = feedback[slot % len(feedback)]
            data = ReviewInput(
                scores=scores, comment=text["comment"], private_note=text["private_note"]
            )
            planned.append((ideas[key], users[username], data))
    return planned


def _scale_value(criterion: Criterion, share: float) -> int:
    """The point on the criterion's scale at `share` (0..1, clipped) of its range."""
    share = min(1.0, max(0.0, share))
    return round(criterion.min_value + share * (criterion.max_value - criterion.min_value))
