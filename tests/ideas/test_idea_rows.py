"""The feed and the idea page read plain rows (ideas.selectors.idea_row_values/idea_payloads)
and count apart (idea_list_count). They must answer exactly what the model-and-serializer path
answered: here both run side by side on the same data, for every filter, ordering and role."""

import pytest
from django.test import override_settings
from rest_framework.test import APIRequestFactory

from accounts.models import Region, User
from ideas import selectors
from ideas.filters import IdeaFilter
from ideas.models import Idea
from ideas.serializers import IdeaSerializer
from reviews.services import review_assignment_create
from tests.conftest import client_for
from tests.factories import AgencyFactory, UserFactory, campaign_in_phase, make_idea
from voting.services import vote_cast

pytestmark = pytest.mark.django_db

READERS = ["staff", "other_staff", "reviewer_blind", "admin_user", "leader"]
QUERIES = [
    {},
    {"campaign": "VOTING"},
    {"campaign": "CLOSED"},
    {"category": "flooding"},
    {"agency": "AGENCY"},
    {"region": "REGION"},
    {"status": "draft"},
    {"status": ["submitted", "shortlisted"]},
    {"author": "me"},
    {"author": "STAFF"},
    {"voted": "true"},
    {"voted": "false"},
    {"search": "banjir"},
    {"ordering": "-vote_count"},
    {"ordering": "created_at"},
    {"ordering": "trending"},
    {"ordering": "-score"},
    {"campaign": "BLIND", "ordering": "-score"},
    {"page": "2", "page_size": "5"},
    {"page_size": "100"},
]


@pytest.fixture
def world(staff, other_staff, admin_user, leader, traffic, flooding):
    """Ideas of every kind: drafts, co-authored across agencies, in a voting, a closed and a
    blind review campaign, with regions, votes and panel scores."""
    kota = Region.objects.create(code="31.74", name="Jakarta Selatan", kind="kota")
    district = Region.objects.create(code="31.74.01", name="Tebet", kind="kecamatan", parent=kota)
    voting, closed = campaign_in_phase("voting"), campaign_in_phase("closed")
    blind = campaign_in_phase("review", blind_review=True)
    reviewer = UserFactory(username="penilai", agency=AgencyFactory(code="BPBD"))
    people = [staff, other_staff, *(UserFactory(agency=AgencyFactory()) for _ in range(4))]
    ideas = []
    for i in range(24):
        author = people[i % len(people)]
        campaign = [voting, closed, blind, None][i % 4]
        idea = make_idea(
            author=author,
            category=flooding if i % 3 == 0 else traffic,
            campaign=None if campaign in (closed, blind) else campaign,
            region=[None, kota, district][i % 3],
            co_authors=[people[(i + 1) % len(people)]] if i % 5 == 0 else [],
            title=f"Sensor genangan banjir nomor {i}" if i % 2 else f"Lampu adaptif nomor {i}",
            draft=i % 7 == 0,
        )
        # Ideas of closed or review-phase campaigns are placed there directly (no submission).
        if campaign in (closed, blind):
            Idea.objects.filter(pk=idea.pk).update(campaign=campaign)
        if i % 4 in (1, 2):
            Idea.objects.filter(pk=idea.pk).update(panel_score=40.0 + i)
        ideas.append(idea)
    Idea.objects.filter(pk=ideas[3].pk).update(status="shortlisted")
    for idea in ideas[:10]:
        if idea.campaign_id == voting.pk and idea.status != "draft":
            writers = {idea.author_id, *idea.co_authors.values_list("pk", flat=True)}
            for voter in people[2:5]:
                if voter.pk not in writers:
                    vote_cast(idea_id=idea.pk, voter=voter)
    for idea in Idea.objects.filter(campaign=blind).exclude(status="draft")[:4]:
        review_assignment_create(idea=idea, reviewer=reviewer, by=admin_user)
    return {
        "VOTING": voting.pk,
        "CLOSED": closed.pk,
        "BLIND": blind.pk,
        "AGENCY": staff.agency_id,
        "REGION": kota.pk,
        "STAFF": staff.pk,
        "reviewer_blind": reviewer,
    }


def old_answer(user: User, query: dict) -> dict:
    """What GET /api/ideas/ answered before: idea_list through IdeaFilter, counted, paginated,
    and serialised by IdeaSerializer."""
    request = APIRequestFactory().get("/api/ideas/", query)
    request.user = user
    filterset = IdeaFilter(request.GET, queryset=selectors.idea_list(user=user), request=request)
    assert filterset.is_valid(), filterset.errors
    queryset = filterset.qs
    size = min(int(query.get("page_size", 20)), 100)
    page = int(query.get("page", 1))
    ideas = list(queryset[(page - 1) * size : page * size])
    wrapper = type("R", (), {"user": user})()
    return {
        "count": queryset.count(),
        "results": IdeaSerializer(ideas, many=True, context={"request": wrapper}).data,
    }


def resolved(query: dict, world: dict) -> dict:
    return {k: world.get(v, v) if isinstance(v, str) else v for k, v in query.items()}


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize("query", QUERIES)
def test_the_feed_answers_what_the_serializer_answered(request, world, reader, query):
    user = world[reader] if reader in world else request.getfixturevalue(reader)
    user = User.objects.get(pk=user.pk)
    query = resolved(query, world)

    new = client_for(user).get("/api/ideas/", query)

    assert new.status_code == 200, new.content
    old = old_answer(User.objects.get(pk=user.pk), query)
    body = new.json()
    assert body["count"] == old["count"]
    assert body["results"] == [dict(row) for row in old["results"]]


@pytest.mark.parametrize("reader", READERS)
def test_the_idea_page_answers_what_the_serializer_answered(request, world, reader):
    user = world[reader] if reader in world else request.getfixturevalue(reader)
    user = User.objects.get(pk=user.pk)
    wrapper = type("R", (), {"user": user})()
    client = client_for(user)

    for idea in Idea.objects.order_by("id"):
        response = client.get(f"/api/ideas/{idea.pk}/")
        visible = selectors.idea_list(user=user).filter(pk=idea.pk).first()
        if visible is None:
            assert response.status_code == 404
            continue
        assert response.status_code == 200
        assert response.json() == dict(IdeaSerializer(visible, context={"request": wrapper}).data)


@override_settings(LIST_COUNT_REMEMBERED_FROM=5, LIST_COUNT_SECONDS=60)
def test_a_large_count_is_remembered_for_every_reader_and_each_adds_their_own_drafts(
    request, world, staff, other_staff, traffic
):
    selectors._counts.clear()
    request.addfinalizer(selectors._counts.clear)  # nothing remembered for the next tests
    first = client_for(staff).get("/api/ideas/").json()["count"]
    assert first == old_answer(staff, {})["count"]

    # A new published idea is not counted until the memory expires (a few seconds in use)...
    make_idea(author=other_staff, category=traffic)
    assert client_for(staff).get("/api/ideas/").json()["count"] == first
    # ...but a reader's own new draft is, at once: drafts are counted exactly.
    make_idea(author=staff, category=traffic, draft=True)
    assert client_for(staff).get("/api/ideas/").json()["count"] == first + 1

    selectors._counts.clear()
    assert client_for(staff).get("/api/ideas/").json()["count"] == first + 2
    assert (
        client_for(other_staff).get("/api/ideas/").json()["count"]
        == (old_answer(other_staff, {})["count"])
    )


def test_the_feed_pages_and_counts_without_the_serializer(world, staff, django_assert_num_queries):
    def client():  # a fresh user per request, as authentication gives each real request
        return client_for(User.objects.get(pk=staff.pk))

    # The reader's groups, one count, the page's ids, their rows and co-authors: for 5 or 100.
    small_client, large_client = client(), client()
    with django_assert_num_queries(5):
        small = small_client.get("/api/ideas/", {"page_size": 5})
    with django_assert_num_queries(5):
        large = large_client.get("/api/ideas/", {"page_size": 100})
    assert len(small.json()["results"]) == 5
    assert len(large.json()["results"]) == large.json()["count"] > 5


@override_settings(LIST_COUNT_REMEMBERED_FROM=1, LIST_COUNT_SECONDS=60)
@pytest.mark.parametrize(
    "query",
    [{}, {"agency": "AGENCY"}, {"author": "STAFF"}, {"voted": "true"}, {"search": "banjir"}],
)
def test_a_remembered_count_is_only_ever_answered_to_readers_it_is_true_for(request, world, query):
    selectors._counts.clear()
    request.addfinalizer(selectors._counts.clear)
    query = resolved(query, world)
    readers = [
        User.objects.get(pk=(world[r] if r in world else request.getfixturevalue(r)).pk)
        for r in READERS
    ]
    for _ in range(2):  # the second round answers from memory where it may
        for user in readers:
            count = client_for(user).get("/api/ideas/", query).json()["count"]
            assert count == old_answer(user, query)["count"], (user.username, query)
