"""GET /api/ideas/: every filter, ordering and page of API.md §Ideas, and a fixed query count."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import User
from ideas.models import Idea
from tests.conftest import client_for
from tests.factories import (
    AgencyFactory,
    CategoryFactory,
    UserFactory,
    campaign_in_phase,
    make_idea,
)
from voting.services import vote_cast

pytestmark = pytest.mark.django_db


def ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]


def voted_by(idea, count: int) -> None:
    for _ in range(count):
        vote_cast(idea_id=idea.pk, voter=UserFactory())


def ago(**delta):
    return timezone.now() - timedelta(**delta)


# --- filters ------------------------------------------------------------------------------------


def test_campaign_filter_keeps_only_that_campaigns_ideas(staff_client, other_staff, traffic):
    first, second = campaign_in_phase("voting"), campaign_in_phase("voting")
    a = make_idea(author=other_staff, category=traffic, campaign=first)
    make_idea(author=other_staff, category=traffic, campaign=second)
    make_idea(author=other_staff, category=traffic)

    assert ids(staff_client.get("/api/ideas/", {"campaign": first.pk})) == [a.pk]


def test_category_filter_takes_a_slug(staff_client, other_staff, traffic, flooding):
    make_idea(author=other_staff, category=traffic)
    flood = make_idea(author=other_staff, category=flooding)

    assert ids(staff_client.get("/api/ideas/", {"category": "flooding"})) == [flood.pk]


def test_agency_filter_takes_an_agency_id(staff, staff_client, other_staff, traffic):
    mine = make_idea(author=staff, category=traffic)
    theirs = make_idea(author=other_staff, category=traffic)

    assert ids(staff_client.get("/api/ideas/", {"agency": staff.agency_id})) == [mine.pk]
    assert ids(staff_client.get("/api/ideas/", {"agency": other_staff.agency_id})) == [theirs.pk]


def test_region_filter_on_a_kota_also_finds_its_kecamatan_and_kelurahan(
    staff_client, other_staff, traffic, kota, kecamatan, kelurahan, other_kota
):
    in_kota = make_idea(
        author=other_staff, category=traffic, region=kota, submitted_at=ago(hours=3)
    )
    in_kecamatan = make_idea(
        author=other_staff, category=traffic, region=kecamatan, submitted_at=ago(hours=2)
    )
    in_kelurahan = make_idea(
        author=other_staff, category=traffic, region=kelurahan, submitted_at=ago(hours=1)
    )
    make_idea(author=other_staff, category=traffic, region=other_kota)
    make_idea(author=other_staff, category=traffic)

    assert ids(staff_client.get("/api/ideas/", {"region": kota.pk})) == [
        in_kelurahan.pk,
        in_kecamatan.pk,
        in_kota.pk,
    ]
    assert ids(staff_client.get("/api/ideas/", {"region": kecamatan.pk})) == [
        in_kelurahan.pk,
        in_kecamatan.pk,
    ]
    assert ids(staff_client.get("/api/ideas/", {"region": kelurahan.pk})) == [in_kelurahan.pk]


def test_status_filter_is_repeatable(staff_client, other_staff, traffic):
    by_status = {}
    for index, status in enumerate(["submitted", "in_review", "shortlisted", "rejected"]):
        idea = make_idea(author=other_staff, category=traffic, submitted_at=ago(hours=10 - index))
        Idea.objects.filter(pk=idea.pk).update(status=status)
        by_status[status] = idea.pk

    assert ids(staff_client.get("/api/ideas/", {"status": "in_review"})) == [by_status["in_review"]]
    assert ids(staff_client.get("/api/ideas/?status=shortlisted&status=submitted")) == [
        by_status["shortlisted"],
        by_status["submitted"],
    ]


def test_author_filter_by_id_includes_co_authored_ideas(staff, staff_client, other_staff, traffic):
    written = make_idea(author=other_staff, category=traffic, submitted_at=ago(hours=2))
    co_written = make_idea(
        author=UserFactory(), category=traffic, co_authors=[other_staff], submitted_at=ago(hours=1)
    )
    make_idea(author=staff, category=traffic)

    assert ids(staff_client.get("/api/ideas/", {"author": other_staff.pk})) == [
        co_written.pk,
        written.pk,
    ]


def test_author_me_lists_my_ideas_and_co_authored_ones_including_my_drafts(
    staff, staff_client, other_staff, traffic
):
    mine = make_idea(author=staff, category=traffic, submitted_at=ago(hours=3))
    my_draft = make_idea(author=staff, category=traffic, draft=True, submitted_at=ago(hours=2))
    co_written = make_idea(
        author=other_staff, category=traffic, co_authors=[staff], submitted_at=ago(hours=1)
    )
    make_idea(author=other_staff, category=traffic)
    make_idea(author=other_staff, category=traffic, draft=True)

    assert ids(staff_client.get("/api/ideas/", {"author": "me"})) == [
        co_written.pk,
        my_draft.pk,
        mine.pk,
    ]


def test_voted_true_lists_the_ideas_i_voted_for(staff, staff_client, other_staff, traffic):
    liked = make_idea(author=other_staff, category=traffic)
    make_idea(author=other_staff, category=traffic)
    vote_cast(idea_id=liked.pk, voter=staff)
    vote_cast(idea_id=make_idea(author=staff, category=traffic).pk, voter=other_staff)

    response = staff_client.get("/api/ideas/", {"voted": "true"})

    assert ids(response) == [liked.pk]
    assert response.json()["results"][0]["has_voted"] is True


def test_voted_false_lists_the_ideas_i_did_not_vote_for(staff, staff_client, other_staff, traffic):
    liked = make_idea(author=other_staff, category=traffic)
    other = make_idea(author=other_staff, category=traffic)
    vote_cast(idea_id=liked.pk, voter=staff)

    assert ids(staff_client.get("/api/ideas/", {"voted": "false"})) == [other.pk]


def test_filters_combine(staff_client, other_staff, traffic, flooding, kota):
    campaign = campaign_in_phase("voting")
    hit = make_idea(author=other_staff, category=flooding, campaign=campaign, region=kota)
    make_idea(author=other_staff, category=traffic, campaign=campaign, region=kota)
    make_idea(author=other_staff, category=flooding, campaign=campaign)
    make_idea(author=other_staff, category=flooding, region=kota)

    response = staff_client.get(
        "/api/ideas/", {"campaign": campaign.pk, "category": "flooding", "region": kota.pk}
    )

    assert ids(response) == [hit.pk]


# --- drafts -------------------------------------------------------------------------------------


def test_drafts_are_invisible_to_others_but_visible_to_their_author(
    staff, staff_client, other_staff, traffic
):
    published = make_idea(author=staff, category=traffic, submitted_at=ago(hours=1))
    draft = make_idea(author=staff, category=traffic, draft=True)
    other = client_for(other_staff)

    assert ids(other.get("/api/ideas/")) == [published.pk]
    assert ids(other.get("/api/ideas/", {"status": "draft"})) == []
    assert other.get(f"/api/ideas/{draft.pk}/").status_code == 404
    assert ids(staff_client.get("/api/ideas/")) == [draft.pk, published.pk]
    assert staff_client.get(f"/api/ideas/{draft.pk}/").json()["status"] == "draft"


def test_co_author_sees_the_draft(staff, other_staff, traffic):
    draft = make_idea(author=staff, category=traffic, draft=True, co_authors=[other_staff])

    assert ids(client_for(other_staff).get("/api/ideas/")) == [draft.pk]


def test_leadership_does_not_see_others_drafts_but_admin_does(staff, leader, admin_client, traffic):
    draft = make_idea(author=staff, category=traffic, draft=True)

    assert ids(client_for(leader).get("/api/ideas/")) == []
    assert ids(admin_client.get("/api/ideas/")) == [draft.pk]


# --- ordering -----------------------------------------------------------------------------------


def test_default_and_created_at_ordering_is_newest_first(staff_client, other_staff, traffic):
    old = make_idea(author=other_staff, category=traffic, submitted_at=ago(days=3))
    new = make_idea(author=other_staff, category=traffic, submitted_at=ago(hours=1))
    middle = make_idea(author=other_staff, category=traffic, submitted_at=ago(days=1))

    expected = [new.pk, middle.pk, old.pk]
    assert ids(staff_client.get("/api/ideas/")) == expected
    assert ids(staff_client.get("/api/ideas/", {"ordering": "-created_at"})) == expected


def test_vote_count_ordering_puts_most_voted_first_then_newest(staff_client, other_staff, traffic):
    one = make_idea(author=other_staff, category=traffic, submitted_at=ago(days=3))
    three = make_idea(author=other_staff, category=traffic, submitted_at=ago(days=2))
    none_old = make_idea(author=other_staff, category=traffic, submitted_at=ago(days=5))
    none_new = make_idea(author=other_staff, category=traffic, submitted_at=ago(hours=1))
    voted_by(one, 1)
    voted_by(three, 3)

    response = staff_client.get("/api/ideas/", {"ordering": "-vote_count"})

    assert ids(response) == [three.pk, one.pk, none_new.pk, none_old.pk]
    assert [row["vote_count"] for row in response.json()["results"]] == [3, 1, 0, 0]


def test_trending_ordering_weighs_votes_against_age(staff_client, other_staff, traffic):
    # log10(votes) + age/12.5h: ten times the votes is worth 12.5 hours of freshness.
    old_popular = make_idea(author=other_staff, category=traffic, submitted_at=ago(days=3))
    fresh_quiet = make_idea(author=other_staff, category=traffic, submitted_at=ago(hours=2))
    fresh_liked = make_idea(author=other_staff, category=traffic, submitted_at=ago(hours=4))
    voted_by(old_popular, 10)
    voted_by(fresh_liked, 10)

    assert ids(staff_client.get("/api/ideas/", {"ordering": "trending"})) == [
        fresh_liked.pk,
        fresh_quiet.pk,
        old_popular.pk,
    ]


@pytest.fixture
def scored_ideas(other_staff, traffic):
    """Two ideas in a campaign still under review and two in a closed one, with panel scores."""
    reviewing, closed = campaign_in_phase("review"), campaign_in_phase("closed")
    made = {}
    for name, campaign, score, hours in [
        ("review_low", reviewing, 2.0, 1),
        ("review_high", reviewing, 9.5, 2),
        ("closed_low", closed, 3.0, 3),
        ("closed_high", closed, 7.5, 4),
        ("unscored", None, None, 5),
    ]:
        idea = make_idea(author=other_staff, category=traffic, submitted_at=ago(hours=hours))
        Idea.objects.filter(pk=idea.pk).update(campaign=campaign, panel_score=score)
        made[name] = idea.pk
    return made


@pytest.mark.parametrize("reader", ["admin_user", "leader"])
def test_score_ordering_uses_every_panel_score_for_admins_and_leadership(
    request, scored_ideas, reader
):
    response = client_for(request.getfixturevalue(reader)).get(
        "/api/ideas/", {"ordering": "-score"}
    )

    assert ids(response) == [
        scored_ideas["review_high"],
        scored_ideas["closed_high"],
        scored_ideas["closed_low"],
        scored_ideas["review_low"],
        scored_ideas["unscored"],
    ]
    assert [row["panel_score"] for row in response.json()["results"]] == [9.5, 7.5, 3.0, 2.0, None]


def test_score_ordering_for_staff_uses_only_scores_of_campaigns_whose_review_closed(
    staff_client, scored_ideas
):
    response = staff_client.get("/api/ideas/", {"ordering": "-score"})

    # Closed campaign by score; the rest have no visible score: then votes (all 0), then newest id.
    hidden = sorted(
        [scored_ideas["review_low"], scored_ideas["review_high"], scored_ideas["unscored"]],
        reverse=True,
    )
    assert ids(response) == [scored_ideas["closed_high"], scored_ideas["closed_low"], *hidden]
    scores = {row["id"]: row["panel_score"] for row in response.json()["results"]}
    assert scores == {
        scored_ideas["closed_high"]: 7.5,
        scored_ideas["closed_low"]: 3.0,
        scored_ideas["review_high"]: None,
        scored_ideas["review_low"]: None,
        scored_ideas["unscored"]: None,
    }


def test_search_with_ordering_uses_the_ordering(staff_client, other_staff, traffic):
    a = make_idea(
        author=other_staff,
        category=traffic,
        title="Trotoar ramah difabel",
        submitted_at=ago(days=2),
    )
    b = make_idea(
        author=other_staff, category=traffic, title="Trotoar teduh", submitted_at=ago(days=1)
    )
    voted_by(a, 2)

    assert ids(
        staff_client.get("/api/ideas/", {"search": "trotoar", "ordering": "-vote_count"})
    ) == [
        a.pk,
        b.pk,
    ]
    assert ids(
        staff_client.get("/api/ideas/", {"search": "trotoar", "ordering": "-created_at"})
    ) == [
        b.pk,
        a.pk,
    ]


# --- pagination ---------------------------------------------------------------------------------


def test_list_is_paginated_with_count_next_and_previous(staff_client, other_staff, traffic):
    made = [
        make_idea(author=other_staff, category=traffic, submitted_at=ago(minutes=n)).pk
        for n in range(25)
    ]

    first = staff_client.get("/api/ideas/")
    second = staff_client.get(first.json()["next"])

    assert first.json()["count"] == 25
    assert first.json()["next"] == "http://testserver/api/ideas/?page=2"
    assert first.json()["previous"] is None
    assert ids(first) == made[:20]
    assert second.json()["count"] == 25
    assert second.json()["next"] is None
    assert second.json()["previous"] == "http://testserver/api/ideas/"
    assert ids(second) == made[20:]


def test_page_size_keeps_the_filters_in_the_next_link(staff_client, other_staff, traffic):
    made = [
        make_idea(author=other_staff, category=traffic, submitted_at=ago(minutes=n)).pk
        for n in range(7)
    ]

    response = staff_client.get("/api/ideas/", {"page_size": 3, "category": "traffic", "page": 2})

    assert ids(response) == made[3:6]
    body = response.json()
    assert body["count"] == 7
    assert body["next"] == "http://testserver/api/ideas/?category=traffic&page=3&page_size=3"
    assert body["previous"] == "http://testserver/api/ideas/?category=traffic&page_size=3"


def test_page_size_is_capped_at_100(staff_client, other_staff, traffic):
    for _ in range(101):
        make_idea(author=other_staff, category=traffic)

    response = staff_client.get("/api/ideas/", {"page_size": 1000})

    assert len(ids(response)) == 100
    assert response.json()["count"] == 101
    assert response.json()["next"] is not None


def test_page_beyond_the_last_is_404(staff_client, other_staff, traffic):
    make_idea(author=other_staff, category=traffic)

    response = staff_client.get("/api/ideas/", {"page": 999})

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_empty_list_has_count_zero(staff_client):
    response = staff_client.get("/api/ideas/")

    assert response.json() == {"count": 0, "next": None, "previous": None, "results": []}


# --- bad values ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("param", "value"),
    [
        ("campaign", "abc"),
        ("campaign", "424242"),
        ("category", "unknown"),
        ("agency", "abc"),
        ("agency", "424242"),
        ("region", "abc"),
        ("region", "424242"),
        ("status", "bogus"),
        ("author", "xyz"),
        ("author", "-3"),
        ("ordering", "bogus"),
        ("ordering", "vote_count; DROP TABLE ideas_idea"),
        ("search", "x" * 201),
        ("search", "banjir\x00"),
        ("author", "me\x00"),
    ],
)
def test_bad_filter_value_is_400_naming_the_parameter(staff_client, traffic, param, value):
    response = staff_client.get("/api/ideas/", {param: value})

    assert response.status_code == 400, response.content
    assert list(response.json()) == [param]


def test_unicode_digit_author_is_400_not_500(staff_client):
    # "²".isdigit() is True but int("²") raises ValueError.
    response = staff_client.get("/api/ideas/", {"author": "²"})

    assert response.status_code == 400
    assert list(response.json()) == ["author"]


@pytest.mark.parametrize("param", ["campaign", "category", "agency", "region"])
def test_nul_byte_in_a_filter_is_400_not_500(staff_client, traffic, param):
    response = staff_client.get("/api/ideas/", {param: "1\x00"})

    assert response.status_code == 400
    assert list(response.json()) == [param]


@pytest.mark.parametrize(
    "param",
    [
        "campaign",
        "agency",
        "region",
        "author",
    ],
)
def test_id_beyond_64_bits_in_a_filter_is_not_a_500(staff_client, param):
    response = staff_client.get("/api/ideas/", {param: str(10**30)})

    assert response.status_code == 400, response.content
    assert list(response.json()) == [param]


def test_unknown_query_parameters_are_ignored(staff_client, other_staff, traffic):
    idea = make_idea(author=other_staff, category=traffic)

    assert ids(staff_client.get("/api/ideas/", {"colour": "blue"})) == [idea.pk]


# --- queries ------------------------------------------------------------------------------------


def _rich_ideas(count: int, *, traffic, kota) -> None:
    campaign = campaign_in_phase("voting")
    for _ in range(count):
        idea = make_idea(
            author=UserFactory(agency=AgencyFactory()),
            category=CategoryFactory(slug="traffic"),
            campaign=campaign,
            region=kota,
            co_authors=[UserFactory(), UserFactory()],
        )
        vote_cast(idea_id=idea.pk, voter=UserFactory())
        Idea.objects.filter(pk=idea.pk).update(panel_score=5.0)


@pytest.mark.parametrize("reader", ["staff", "admin_user"])
@pytest.mark.parametrize(
    "query",
    [
        {},
        {"ordering": "-score"},
        {"ordering": "trending", "status": ["submitted", "in_review"]},
        {"author": "me", "voted": "true"},
        {"region": "REGION", "category": "traffic"},
        {"search": "lampu"},
    ],
)
def test_list_runs_a_bounded_number_of_queries_whatever_the_number_of_ideas(
    request, django_assert_max_num_queries, traffic, kota, reader, query
):
    user = request.getfixturevalue(reader)
    query = {k: (kota.pk if v == "REGION" else v) for k, v in query.items()}

    def fresh_client():
        # A fresh user object per request, as authentication gives each real request.
        return client_for(User.objects.get(pk=user.pk))

    _rich_ideas(2, traffic=traffic, kota=kota)
    with CaptureQueriesContext(connection) as few:
        assert fresh_client().get("/api/ideas/", query).status_code == 200
    _rich_ideas(18, traffic=traffic, kota=kota)
    # The reader and groups, the filters' lookups (category, region and its districts), the
    # count, the page's ids, their rows and their co-authors.
    with django_assert_max_num_queries(9), CaptureQueriesContext(connection) as many:
        response = fresh_client().get("/api/ideas/", query)
    assert response.status_code == 200
    assert len(many) == len(few)
    if not query:
        assert len(response.json()["results"]) == 20
