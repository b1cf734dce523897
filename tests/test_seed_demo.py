"""seed_demo: the whole demo loads, a second run changes nothing, and it refuses without DEBUG."""

import re
from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Q

from accounts.models import Agency, Region, User
from ideas.models import Campaign, Category, Comment, Idea, IdeaStatusChange
from voting.models import Criterion, Vote

DEMO_USERNAMES = ["admin", "pimpinan", "reviewer1", "reviewer2", "reviewer3"] + [
    f"staff{n}" for n in range(1, 21)
]
KECAMATAN_PER_CITY = {
    "Jakarta Selatan": 10,
    "Jakarta Timur": 10,
    "Jakarta Barat": 8,
    "Jakarta Pusat": 8,
    "Jakarta Utara": 6,
    "Kepulauan Seribu": 2,
}


@pytest.fixture
def demo_settings(settings):
    settings.DEBUG = True
    # The default hasher takes a noticeable fraction of a second per password; the seed sets 25.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return settings


def seed(**options):
    out = StringIO()
    call_command("seed_demo", stdout=out, **options)
    return out.getvalue()


def snapshot():
    """Everything the seed writes, in a form that compares equal only if nothing changed."""
    return {
        "regions": sorted(Region.objects.values_list("code", "name", "kind", "parent__code")),
        "agencies": sorted(Agency.objects.values_list("code", "name", "kind", "region__code")),
        "users": sorted(
            User.objects.values_list("username", "nip", "full_name", "agency__code", "password")
        ),
        "memberships": sorted(User.groups.through.objects.values_list("user_id", "group_id")),
        "categories": sorted(Category.objects.values_list("slug", "name_id", "name_en")),
        "campaigns": sorted(
            Campaign.objects.values_list(
                "title", "submission_opens", "voting_opens", "review_opens", "review_closes"
            )
        ),
        "criteria": sorted(Criterion.objects.values_list("campaign__title", "name", "weight")),
        "ideas": sorted(
            Idea.objects.values_list(
                "title", "author__username", "status", "vote_count", "comment_count", "created_at"
            )
        ),
        "co_authors": sorted(Idea.co_authors.through.objects.values_list("idea_id", "user_id")),
        "votes": sorted(Vote.objects.values_list("idea_id", "voter__username")),
        "comments": sorted(Comment.objects.values_list("idea_id", "author__username", "body")),
        "status_changes": IdeaStatusChange.objects.count(),
    }


@pytest.mark.django_db
def test_seed_loads_the_six_cities_and_all_44_kecamatan(demo_settings):
    seed()

    top = Region.objects.filter(parent__isnull=True)
    assert sorted(top.values_list("kind", flat=True)) == ["kabupaten"] + ["kota"] * 5
    assert Region.objects.filter(kind=Region.Kind.DISTRICT).count() == 44
    per_city = {city.name: city.children.filter(kind=Region.Kind.DISTRICT).count() for city in top}
    assert per_city == KECAMATAN_PER_CITY
    assert Region.objects.get(code="31.71.01").name == "Gambir"
    assert Region.objects.get(code="31.71.01").parent.name == "Jakarta Pusat"


@pytest.mark.django_db
def test_seed_loads_agencies_including_suku_dinas_with_their_city(demo_settings):
    seed()

    assert Agency.objects.count() >= 20
    assert Agency.objects.get(code="DISHUB").kind == Agency.Kind.DINAS
    assert Agency.objects.get(code="BPBD").kind == Agency.Kind.BADAN
    assert Agency.objects.get(code="INSPEKTORAT").kind == Agency.Kind.INSPECTORATE
    suku_dinas = Agency.objects.filter(kind=Agency.Kind.SUKU_DINAS)
    assert suku_dinas.count() >= 2
    assert all(agency.region is not None for agency in suku_dinas)


@pytest.mark.django_db
def test_seed_creates_the_categories_and_one_campaign_voting_and_one_in_review(demo_settings):
    seed()

    slugs = set(Category.objects.values_list("slug", flat=True))
    assert {"traffic", "flooding", "social", "public-service", "integrity", "environment"} <= slugs
    campaigns = list(Campaign.objects.all())
    assert sorted(campaign.phase for campaign in campaigns) == ["review", "voting"]
    voting = next(c for c in campaigns if c.phase == "voting")
    assert voting.submission_open  # submission and voting overlap
    for campaign in campaigns:
        criteria = list(campaign.criteria.all())
        assert [c.name for c in criteria] == [
            "Kebaruan",
            "Efektif",
            "Bermanfaat",
            "Mudah direplikasi",
            "Berkelanjutan",
        ]
        assert sum(c.weight for c in criteria) == 100
        assert {(c.min_value, c.max_value) for c in criteria} == {(1, 5)}


@pytest.mark.django_db
def test_every_demo_account_signs_in_with_the_demo_password(demo_settings):
    seed()

    for username in DEMO_USERNAMES:
        assert authenticate(username=username, password="gagasan-demo") is not None, username
    admin = User.objects.get(username="admin")
    assert admin.is_staff and not admin.is_superuser
    assert admin.groups.filter(name="admin").exists()
    assert User.objects.get(username="pimpinan").groups.filter(name="leadership").exists()
    nips = list(User.objects.filter(username__in=DEMO_USERNAMES).values_list("nip", flat=True))
    assert all(re.fullmatch(r"[0-9]{18}", nip) for nip in nips)
    assert len(set(nips)) == len(DEMO_USERNAMES)


@pytest.mark.django_db
def test_reviewers_come_from_three_agencies_and_staff_from_at_least_eight(demo_settings):
    seed()

    reviewers = User.objects.filter(username__in=["reviewer1", "reviewer2", "reviewer3"])
    assert all(r.groups.filter(name="reviewer").exists() for r in reviewers)
    assert len({r.agency_id for r in reviewers}) == 3
    staff = User.objects.filter(username__startswith="staff")
    assert staff.count() == 20
    assert len(set(staff.values_list("agency_id", flat=True))) >= 8


@pytest.mark.django_db
def test_seeded_votes_match_the_stored_counters_and_skip_authors(demo_settings):
    seed()

    published = Idea.objects.exclude(status=Idea.Status.DRAFT)
    assert published.count() >= 30
    assert Vote.objects.count() > 0
    for idea in Idea.objects.prefetch_related("co_authors"):
        assert idea.vote_count == idea.votes.count(), idea.title
        assert idea.comment_count == idea.comments.count(), idea.title
        authors = {idea.author_id, *(u.pk for u in idea.co_authors.all())}
        assert not idea.votes.filter(voter_id__in=authors).exists(), idea.title
        co_author_agencies = {u.agency_id for u in idea.co_authors.all()}
        assert idea.author.agency_id not in co_author_agencies, idea.title
    counts = {idea.vote_count for idea in Idea.objects.filter(campaign__isnull=False)}
    assert len(counts) > 5  # varied, not one number for all


@pytest.mark.django_db
def test_review_campaign_ideas_are_in_review_and_two_voting_ideas_are_shortlisted(demo_settings):
    seed()

    in_review_campaign = next(c for c in Campaign.objects.all() if c.phase == "review")
    voting_campaign = next(c for c in Campaign.objects.all() if c.phase == "voting")
    reviewed = in_review_campaign.ideas.all()
    assert reviewed.count() >= 8
    assert set(reviewed.values_list("status", flat=True)) == {Idea.Status.IN_REVIEW}
    assert not Vote.objects.filter(idea__campaign=in_review_campaign).exists()
    for idea in reviewed:
        assert in_review_campaign.submission_open_at(idea.created_at)
    shortlisted = voting_campaign.ideas.filter(status=Idea.Status.SHORTLISTED)
    assert shortlisted.count() == 2
    notes = IdeaStatusChange.objects.filter(to_status=Idea.Status.SHORTLISTED)
    assert all(change.note and change.changed_by.username == "admin" for change in notes)
    assert Idea.objects.filter(campaign__isnull=True, status=Idea.Status.SUBMITTED).exists()
    assert Idea.objects.filter(author__username="staff1", status=Idea.Status.DRAFT).exists()


@pytest.mark.django_db
def test_seed_adds_comments_official_responses_and_searchable_inflections(demo_settings):
    seed()

    assert Comment.objects.count() >= 30
    official = Comment.objects.filter(kind=Comment.Kind.OFFICIAL)
    assert official.count() >= 2
    assert set(official.values_list("author__username", flat=True)) == {"admin"}
    assert Comment.objects.filter(parent__isnull=False).exists()
    inflected = Q(title__icontains="kebanjiran") | Q(problem__icontains="kebanjiran")
    inflected |= Q(solution__icontains="kebanjiran") | Q(problem__icontains="kemacetan")
    assert Idea.objects.filter(inflected).count() >= 2


@pytest.mark.django_db
def test_running_the_seed_twice_changes_nothing(demo_settings):
    seed()
    first = snapshot()

    output = seed()

    assert snapshot() == first
    assert "(+0)" in output and "(+1" not in output


@pytest.mark.django_db
def test_seed_refuses_without_debug_and_writes_nothing(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="--force"):
        seed()

    assert Region.objects.count() == 0
    assert Agency.objects.count() == 0
    assert User.objects.count() == 0
    assert Idea.objects.count() == 0


@pytest.mark.django_db
def test_force_seeds_even_without_debug(settings):
    settings.DEBUG = False
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

    output = seed(force=True)

    assert Idea.objects.count() >= 30
    assert "gagasan-demo" in output
