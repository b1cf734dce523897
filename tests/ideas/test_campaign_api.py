"""GET/POST/PATCH /api/campaigns/ and the rubric at /api/campaigns/{id}/criteria/."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from ideas.models import Campaign
from reviews.models import Criterion
from tests.conftest import client_for
from tests.factories import CampaignFactory, campaign_in_phase
from tests.ideas.conftest import iso

pytestmark = pytest.mark.django_db

DATES = [
    "submission_opens",
    "submission_closes",
    "voting_opens",
    "voting_closes",
    "review_opens",
    "review_closes",
]

OPEN_FLAGS = {
    "upcoming": (False, False, False),
    "submission": (True, False, False),
    "voting": (True, True, False),
    "review": (False, False, True),
    "closed": (False, False, False),
}


def campaign_json(campaign: Campaign, phase: str) -> dict:
    submission_open, voting_open, review_open = OPEN_FLAGS[phase]
    return {
        "id": campaign.pk,
        "title": campaign.title,
        "description": campaign.description,
        "phase": phase,
        **{field: iso(getattr(campaign, field)) for field in DATES},
        "categories": sorted(campaign.categories.values_list("slug", flat=True)),
        "blind_review": campaign.blind_review,
        "popular_vote_weight": campaign.popular_vote_weight,
        "submission_open": submission_open,
        "voting_open": voting_open,
        "review_open": review_open,
    }


def new_campaign_body(**overrides) -> dict:
    body = {
        "title": "Jakarta Ramah Pejalan Kaki",
        "description": "Gagasan untuk trotoar dan penyeberangan yang aman.",
        "submission_opens": "2030-03-01T08:00:00+07:00",
        "submission_closes": "2030-03-31T23:59:00+07:00",
        "voting_opens": "2030-03-15T08:00:00+07:00",
        "voting_closes": "2030-04-15T23:59:00+07:00",
        "review_opens": "2030-04-16T08:00:00+07:00",
        "review_closes": "2030-05-16T17:00:00+07:00",
        "categories": ["traffic", "flooding"],
    }
    body.update(overrides)
    return body


def campaign_row(pk: int) -> dict:
    row = Campaign.objects.values().get(pk=pk)
    row["categories"] = sorted(
        Campaign.objects.get(pk=pk).categories.values_list("slug", flat=True)
    )
    return row


# --- read ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("phase", ["upcoming", "submission", "voting", "review", "closed"])
def test_campaign_detail_shows_its_phase(staff_client, traffic, phase):
    campaign = campaign_in_phase(phase)
    campaign.categories.set([traffic])

    response = staff_client.get(f"/api/campaigns/{campaign.pk}/")

    assert response.status_code == 200
    assert response.json() == campaign_json(campaign, phase)


def test_overlapping_submission_and_voting_is_the_voting_phase_with_both_open(staff_client):
    now = timezone.now()
    campaign = CampaignFactory(
        submission_opens=now - timedelta(days=3),
        submission_closes=now + timedelta(days=3),
        voting_opens=now - timedelta(days=1),
        voting_closes=now + timedelta(days=5),
        review_opens=now + timedelta(days=5),
        review_closes=now + timedelta(days=9),
    )

    body = staff_client.get(f"/api/campaigns/{campaign.pk}/").json()

    assert (body["phase"], body["submission_open"], body["voting_open"]) == ("voting", True, True)


def test_campaign_list_is_paginated_newest_submission_first(staff_client, traffic, flooding):
    made = {phase: campaign_in_phase(phase) for phase in ["closed", "review", "voting", "upcoming"]}
    made["voting"].categories.set([traffic, flooding])

    response = staff_client.get("/api/campaigns/")

    assert response.status_code == 200
    assert response.json() == {
        "count": 4,
        "next": None,
        "previous": None,
        "results": [
            campaign_json(made[phase], phase)
            for phase in ["upcoming", "voting", "review", "closed"]
        ],
    }


def test_campaign_list_runs_a_bounded_number_of_queries(
    staff_client, traffic, flooding, django_assert_max_num_queries
):
    for _ in range(25):
        campaign_in_phase("voting").categories.set([traffic, flooding])

    with django_assert_max_num_queries(4):
        response = staff_client.get("/api/campaigns/")

    assert len(response.json()["results"]) == 20


def test_missing_campaign_is_404(staff_client):
    assert staff_client.get("/api/campaigns/424242/").status_code == 404
    assert staff_client.get("/api/campaigns/424242/criteria/").status_code == 404


# --- write --------------------------------------------------------------------------------------


def test_admin_creates_a_campaign(admin_client, traffic, flooding):
    response = admin_client.post("/api/campaigns/", new_campaign_body())

    assert response.status_code == 201, response.content
    campaign = Campaign.objects.get()
    assert response.json() == {
        "id": campaign.pk,
        "title": "Jakarta Ramah Pejalan Kaki",
        "description": "Gagasan untuk trotoar dan penyeberangan yang aman.",
        "phase": "upcoming",
        "submission_opens": "2030-03-01T08:00:00+07:00",
        "submission_closes": "2030-03-31T23:59:00+07:00",
        "voting_opens": "2030-03-15T08:00:00+07:00",
        "voting_closes": "2030-04-15T23:59:00+07:00",
        "review_opens": "2030-04-16T08:00:00+07:00",
        "review_closes": "2030-05-16T17:00:00+07:00",
        "categories": ["flooding", "traffic"],
        "blind_review": True,
        "popular_vote_weight": 0.3,
        "submission_open": False,
        "voting_open": False,
        "review_open": False,
    }
    assert set(campaign.categories.all()) == {traffic, flooding}


def test_times_without_zone_are_read_in_jakarta_time(admin_client, traffic, flooding):
    naive = {field: value[:-6] for field, value in new_campaign_body().items() if field in DATES}

    response = admin_client.post("/api/campaigns/", new_campaign_body(**naive))

    assert response.status_code == 201, response.content
    assert response.json()["submission_opens"] == "2030-03-01T08:00:00+07:00"


def test_missing_fields_are_each_named(admin_client):
    response = admin_client.post("/api/campaigns/", {})

    assert response.status_code == 400
    assert set(response.json()) == {"title", *DATES}
    assert not Campaign.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"submission_closes": "2030-03-01T08:00:00+07:00"}, "submission_closes"),
        ({"submission_closes": "2030-02-01T08:00:00+07:00"}, "submission_closes"),
        ({"voting_opens": "2030-02-28T08:00:00+07:00"}, "voting_opens"),
        ({"voting_closes": "2030-03-15T08:00:00+07:00"}, "voting_closes"),
        ({"review_opens": "2030-03-14T08:00:00+07:00"}, "review_opens"),
        ({"review_closes": "2030-04-16T08:00:00+07:00"}, "review_closes"),
        ({"review_closes": "2030-04-01T08:00:00+07:00"}, "review_closes"),
    ],
)
def test_dates_out_of_order_are_400_naming_the_field(
    admin_client, traffic, flooding, overrides, field
):
    response = admin_client.post("/api/campaigns/", new_campaign_body(**overrides))

    assert response.status_code == 400, response.content
    assert field in response.json()
    assert not Campaign.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"title": ""}, "title"),
        ({"title": "x" * 201}, "title"),
        ({"title": "Judul\x00"}, "title"),
        ({"description": "d" * 10_001}, "description"),
        ({"submission_opens": "kemarin"}, "submission_opens"),
        ({"voting_opens": None}, "voting_opens"),
        ({"review_closes": "99999-01-01T00:00:00+07:00"}, "review_closes"),
        ({"categories": ["unknown"]}, "categories"),
        ({"categories": "traffic"}, "categories"),
    ],
)
def test_bad_campaign_field_is_400_naming_it(admin_client, traffic, flooding, overrides, field):
    response = admin_client.post("/api/campaigns/", new_campaign_body(**overrides))

    assert response.status_code == 400, response.content
    assert list(response.json()) == [field]
    assert not Campaign.objects.exists()


def test_nul_byte_in_a_category_slug_is_400_not_500(admin_client, traffic, flooding):
    response = admin_client.post("/api/campaigns/", new_campaign_body(categories=["traffic\x00"]))

    assert response.status_code == 400
    assert list(response.json()) == ["categories"]
    assert not Campaign.objects.exists()


@pytest.mark.parametrize("who", ["staff", "leader"])
def test_non_admin_cannot_create_a_campaign(request, traffic, flooding, who):
    response = client_for(request.getfixturevalue(who)).post("/api/campaigns/", new_campaign_body())

    assert response.status_code == 403
    assert response.json()["code"] == "not_admin"
    assert not Campaign.objects.exists()


def test_admin_edits_a_campaign(admin_client, traffic, flooding, voting_campaign):
    voting_campaign.categories.set([traffic])
    new_close = voting_campaign.voting_closes + timedelta(days=7)

    response = admin_client.patch(
        f"/api/campaigns/{voting_campaign.pk}/",
        {"title": "Judul baru", "voting_closes": new_close.isoformat(), "categories": ["flooding"]},
    )

    assert response.status_code == 200, response.content
    voting_campaign.refresh_from_db()
    assert response.json() == campaign_json(voting_campaign, "voting")
    assert (voting_campaign.title, voting_campaign.voting_closes) == ("Judul baru", new_close)
    assert response.json()["categories"] == ["flooding"]


def test_partial_edit_checks_order_against_the_stored_dates(admin_client, voting_campaign):
    before = campaign_row(voting_campaign.pk)

    response = admin_client.patch(
        f"/api/campaigns/{voting_campaign.pk}/",
        {"voting_closes": (voting_campaign.voting_opens - timedelta(hours=1)).isoformat()},
    )

    assert response.status_code == 400
    assert list(response.json()) == ["voting_closes"]
    assert campaign_row(voting_campaign.pk) == before


@pytest.mark.parametrize("who", ["staff", "leader"])
def test_non_admin_cannot_edit_a_campaign_and_nothing_changes(
    request, traffic, voting_campaign, who
):
    voting_campaign.categories.set([traffic])
    before = campaign_row(voting_campaign.pk)

    response = client_for(request.getfixturevalue(who)).patch(
        f"/api/campaigns/{voting_campaign.pk}/", {"title": "Diambil alih", "categories": []}
    )

    assert response.status_code == 403
    assert response.json()["code"] == "not_admin"
    assert campaign_row(voting_campaign.pk) == before


def test_editing_a_missing_campaign_is_404(admin_client):
    assert admin_client.patch("/api/campaigns/424242/", {"title": "x"}).status_code == 404


# --- criteria -----------------------------------------------------------------------------------


def test_criteria_are_a_plain_list_with_numeric_weights(staff_client, voting_campaign):
    impact = Criterion.objects.create(
        campaign=voting_campaign,
        name="Dampak",
        description="Seberapa besar manfaat bagi warga.",
        weight=Decimal("2.50"),
        min_value=1,
        max_value=5,
        position=1,
    )
    cost = Criterion.objects.create(
        campaign=voting_campaign,
        name="Biaya",
        weight=Decimal("1"),
        min_value=0,
        max_value=10,
        position=2,
    )
    novelty = Criterion.objects.create(
        campaign=voting_campaign, name="Kebaruan", weight=Decimal("0.75"), position=0
    )
    Criterion.objects.create(campaign=campaign_in_phase("review"), name="Lain", position=0)

    response = staff_client.get(f"/api/campaigns/{voting_campaign.pk}/criteria/")

    assert response.status_code == 200
    assert response.json() == [
        {
            "id": novelty.pk,
            "name": "Kebaruan",
            "description": "",
            "weight": 0.75,
            "min": 1,
            "max": 5,
        },
        {
            "id": impact.pk,
            "name": "Dampak",
            "description": "Seberapa besar manfaat bagi warga.",
            "weight": 2.5,
            "min": 1,
            "max": 5,
        },
        {"id": cost.pk, "name": "Biaya", "description": "", "weight": 1.0, "min": 0, "max": 10},
    ]


def test_campaign_without_criteria_has_an_empty_list(staff_client, voting_campaign):
    response = staff_client.get(f"/api/campaigns/{voting_campaign.pk}/criteria/")

    assert (response.status_code, response.json()) == (200, [])
