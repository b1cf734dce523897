"""`manage.py seed_demo`: Jakarta's reference data plus a demo in which every role has work.

Idempotent: reference rows are upserted by their natural keys, ideas are found by (title,
author), comments by (idea, author, body), and votes go through `vote_cast`, which counts a
voter once. Ideas, comments, votes and status changes all go through the services, so counters,
the audit trail and live updates behave as they do in real use.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from accounts import demo_data as accounts_data
from accounts.models import Agency, Region, User
from accounts.roles import GROUP_ROLES
from ideas import demo_data as ideas_data
from ideas.errors import RuleError
from ideas.models import Campaign, Category, Comment, Idea, IdeaStatusChange
from ideas.services import comment_create, idea_create, idea_status_change
from voting.models import Criterion, Vote
from voting.services import VOTABLE_STATUSES, vote_cast

# A fixed seed keeps the voters, and so the leaderboard, the same on every machine and run.
VOTE_SEED = 2026
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
)


class Command(BaseCommand):
    help = (
        "Load demo data: Jakarta's regions and agencies, demo accounts, two campaigns with "
        "rubrics, sample ideas with votes and comments. Safe to run again."
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
            campaigns = _seed_campaigns(categories, now)
            ideas, skipped = _seed_ideas(users, categories, campaigns, regions, now)
            _seed_votes(ideas, users)
            _seed_statuses(ideas, users["admin"])
            _seed_comments(ideas, users)
        self._report(before, _counts(), campaigns, skipped)

    def _report(self, before, after, campaigns, skipped) -> None:
        self.stdout.write(self.style.SUCCESS("Demo data is in place."))
        for label, total in after.items():
            self.stdout.write(f"  {label:<15}{total:>5}  (+{total - before[label]})")
        for campaign in campaigns.values():
            self.stdout.write(f"  campaign “{campaign.title}”: {campaign.phase}")
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
    for code, name, kind, region_code in accounts_data.AGENCIES:
        agencies[code], _ = Agency.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "kind": Agency.Kind(kind),
                "region": regions[region_code] if region_code else None,
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


def _seed_campaigns(categories: dict[str, Category], now: datetime) -> dict[str, Campaign]:
    anchor = now.replace(minute=0, second=0, microsecond=0)
    low, high = ideas_data.CRITERION_SCALE
    campaigns: dict[str, Campaign] = {}
    for spec in ideas_data.CAMPAIGNS:
        campaign = Campaign.objects.filter(title=spec["title"]).order_by("pk").first()
        if campaign is None:
            dates = {}
            for window in ("submission", "voting", "review"):
                opens, closes = spec[window]
                dates[f"{window}_opens"] = anchor + timedelta(days=opens)
                dates[f"{window}_closes"] = anchor + timedelta(days=closes)
            campaign = Campaign.objects.create(
                title=spec["title"], description=spec["description"], **dates
            )
        # An existing campaign keeps its dates: moving them on each run would shift its phase
        # under people who are using it, and the ideas already placed inside its windows.
        campaign.categories.set([categories[slug] for slug in spec["categories"]])
        for position, (name, description, weight) in enumerate(ideas_data.CRITERIA):
            Criterion.objects.update_or_create(
                campaign=campaign,
                name=name,
                defaults={
                    "description": description,
                    "weight": weight,
                    "min_value": low,
                    "max_value": high,
                    "position": position,
                },
            )
        campaigns[spec["key"]] = campaign
    return campaigns


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
        if idea.status not in VOTABLE_STATUSES:
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
