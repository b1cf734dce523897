"""seed_demo: the whole demo loads, a second run changes nothing, and it refuses without DEBUG."""

import re
import statistics
from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Q

from accounts.models import Agency, Region, User
from accounts.roles import user_roles
from ideas.models import Campaign, Category, Comment, Idea, IdeaStatusChange
from reviews.models import (
    ConflictOfInterestAttempt,
    Criterion,
    Panel,
    PanelResult,
    Review,
    ReviewAssignment,
    Score,
)
from reviews.rubrics import RUBRICS
from reviews.services import rubric_apply
from voting.models import Vote

REVIEWERS = ["reviewer1", "reviewer2", "reviewer3"]
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
                "title",
                "submission_opens",
                "voting_opens",
                "review_opens",
                "review_closes",
                "blind_review",
                "popular_vote_weight",
            )
        ),
        "criteria": sorted(
            Criterion.objects.values_list("pk", "campaign__title", "name", "weight", "max_value")
        ),
        "ideas": sorted(
            Idea.objects.values_list(
                "title", "author__username", "status", "vote_count", "comment_count", "created_at"
            )
        ),
        "co_authors": sorted(Idea.co_authors.through.objects.values_list("idea_id", "user_id")),
        "votes": sorted(Vote.objects.values_list("idea_id", "voter__username")),
        "comments": sorted(Comment.objects.values_list("idea_id", "author__username", "body")),
        "status_changes": IdeaStatusChange.objects.count(),
        "panels": sorted(
            Panel.members.through.objects.values_list("panel__campaign__title", "user__username")
        ),
        "assignments": sorted(
            ReviewAssignment.objects.values_list("idea_id", "reviewer__username", "due_at")
        ),
        "reviews": sorted(
            Review.objects.values_list(
                "idea_id", "reviewer__username", "weighted_score", "comment", "private_note"
            )
        ),
        "scores": sorted(Score.objects.values_list("review_id", "criterion_id", "value")),
        "panel_results": sorted(
            PanelResult.objects.values_list("idea_id", "review_count", "normalised")
        ),
        "panel_scores": sorted(Idea.objects.values_list("pk", "panel_score")),
    }


def campaign_in(phase):
    return next(c for c in Campaign.objects.all() if c.phase == phase)


def template_rows(key):
    return [
        (c.name, c.description, c.weight, c.min_value, c.max_value) for c in RUBRICS[key].criteria
    ]


def criteria_rows(campaign):
    return [
        (c.name, c.description, int(c.weight), c.min_value, c.max_value)
        for c in campaign.criteria.order_by("position", "id")
    ]


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


@pytest.mark.django_db
def test_the_voting_campaign_uses_permenpan_and_the_review_campaign_kipp(demo_settings):
    seed()

    assert criteria_rows(campaign_in("voting")) == template_rows("permenpan-91-2021")
    assert criteria_rows(campaign_in("review")) == template_rows("kipp")
    for campaign in Campaign.objects.all():
        assert sum(c.weight for c in campaign.criteria.all()) == 100


@pytest.mark.django_db
def test_both_campaigns_have_the_three_reviewers_and_the_review_is_blind(demo_settings):
    seed()

    for campaign in Campaign.objects.all():
        members = campaign.panel.members.values_list("username", flat=True)
        assert sorted(members) == REVIEWERS
    review = campaign_in("review")
    assert review.blind_review is True
    assert review.popular_vote_weight == pytest.approx(0.3)
    assert not ReviewAssignment.objects.filter(idea__campaign=campaign_in("voting")).exists()


@pytest.mark.django_db
def test_every_review_campaign_idea_has_two_unconflicted_reviewers(demo_settings):
    seed()

    ideas = campaign_in("review").ideas.select_related("author").prefetch_related("co_authors")
    assert ideas.count() >= 8
    for idea in ideas:
        assignments = list(idea.review_assignments.select_related("reviewer"))
        assert len(assignments) == 2, idea.title
        authors = {idea.author_id, *(u.pk for u in idea.co_authors.all())}
        for assignment in assignments:
            reviewer = assignment.reviewer
            assert reviewer.pk not in authors, idea.title
            assert reviewer.agency_id != idea.agency_id, idea.title
            assert assignment.due_at <= idea.campaign.review_closes
    assert not ConflictOfInterestAttempt.objects.exists()


@pytest.mark.django_db
def test_about_half_the_assignments_are_reviewed_on_every_criterion(demo_settings):
    seed()

    campaign = campaign_in("review")
    assignments = ReviewAssignment.objects.filter(idea__campaign=campaign)
    reviews = Review.objects.filter(idea__campaign=campaign).prefetch_related("scores")
    assert 0.3 * assignments.count() <= reviews.count() <= 0.7 * assignments.count()
    criteria = {c.pk: c for c in campaign.criteria.all()}
    for review in reviews:
        assert assignments.filter(idea=review.idea, reviewer=review.reviewer).exists()
        values = {s.criterion_id: s.value for s in review.scores.all()}
        assert set(values) == set(criteria)
        for criterion_id, value in values.items():
            criterion = criteria[criterion_id]
            assert criterion.min_value <= value <= criterion.max_value
    # Varied scores, not one number for all.
    assert len({round(r.weighted_score) for r in reviews}) >= 5
    assert not Review.objects.filter(idea__campaign=campaign_in("voting")).exists()


@pytest.mark.django_db
def test_reviews_carry_feedback_private_notes_and_a_harsh_and_a_lenient_reviewer(
    demo_settings,
):
    seed()

    reviews = list(Review.objects.filter(idea__campaign=campaign_in("review")))
    with_feedback = [r for r in reviews if r.comment]
    assert len(with_feedback) >= 4
    assert 1 <= len(reviews) - len(with_feedback) <= len(reviews) // 2
    assert len({r.comment for r in with_feedback}) == len(with_feedback)
    for review in with_feedback:
        # The feedback is published to the authors as a reviewer comment.
        assert review.feedback is not None
        assert review.feedback.kind == Comment.Kind.REVIEWER
        assert review.feedback.body == review.comment
        assert review.feedback.idea_id == review.idea_id
    assert not any(r.feedback_id for r in reviews if not r.comment)
    assert sum(bool(r.private_note) for r in reviews) >= len(reviews) // 2
    mean = {
        name: statistics.fmean(r.weighted_score for r in reviews if r.reviewer.username == name)
        for name in REVIEWERS
    }
    assert mean["reviewer3"] < mean["reviewer2"] - 15


@pytest.mark.django_db
def test_reviewed_ideas_have_a_panel_result_that_is_their_panel_score(demo_settings):
    seed()

    campaign = campaign_in("review")
    reviewed = set(Review.objects.filter(idea__campaign=campaign).values_list("idea_id", flat=True))
    assert set(PanelResult.objects.values_list("idea_id", flat=True)) == reviewed
    for result in PanelResult.objects.select_related("idea"):
        assert result.review_count == result.idea.reviews.count()
        assert result.idea.panel_score == result.normalised
    unreviewed = campaign.ideas.exclude(pk__in=reviewed)
    assert unreviewed.exists()
    assert not unreviewed.filter(panel_score__isnull=False).exists()
    assert not Idea.objects.filter(campaign__isnull=True, panel_score__isnull=False).exists()


@pytest.mark.django_db
def test_reviewer1_signs_in_to_a_queue_of_at_least_three_ideas(demo_settings):
    seed()

    reviewer1 = User.objects.get(username="reviewer1")
    assert "reviewer" in user_roles(reviewer1)
    reviewed = Review.objects.filter(reviewer=reviewer1).values_list("idea_id", flat=True)
    waiting = ReviewAssignment.objects.filter(reviewer=reviewer1).exclude(idea_id__in=reviewed)
    assert waiting.count() >= 3
    for name in REVIEWERS:
        assert Review.objects.filter(reviewer__username=name).count() >= 2, name


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
def test_a_second_run_adds_no_assignment_review_or_score(demo_settings):
    seed()
    counts = [model.objects.count() for model in (ReviewAssignment, Review, Score, PanelResult)]
    assert all(counts)

    seed()

    assert [m.objects.count() for m in (ReviewAssignment, Review, Score, PanelResult)] == counts


@pytest.mark.django_db
def test_a_second_run_keeps_an_admins_own_rubric_and_panel(demo_settings):
    seed()
    voting = campaign_in("voting")
    voting.criteria.filter(name="Kebaruan").update(name="Kebaruan gagasan", weight=30)
    voting.panel.members.remove(User.objects.get(username="reviewer3"))

    seed()

    assert voting.criteria.filter(name="Kebaruan gagasan", weight=30).exists()
    assert not voting.criteria.filter(name="Kebaruan").exists()
    assert voting.panel.members.count() == 2


@pytest.mark.django_db
def test_an_earlier_seeds_rubric_is_replaced_while_nothing_is_scored(demo_settings):
    """A demo database from before the panels: the review campaign had the Permenpan criteria
    and no panel, assignments or reviews. A re-run brings it up to date."""
    seed()
    campaign = campaign_in("review")
    Review.objects.all().delete()
    ReviewAssignment.objects.all().delete()
    Panel.objects.all().delete()
    rubric_apply(
        campaign=campaign,
        template_key="permenpan-91-2021",
        by=User.objects.get(username="admin"),
    )

    seed()

    assert criteria_rows(campaign) == template_rows("kipp")
    assert campaign.panel.members.count() == 3
    assert ReviewAssignment.objects.filter(idea__campaign=campaign).count() == 2 * (
        campaign.ideas.count()
    )
    assert Review.objects.filter(idea__campaign=campaign).exists()


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
