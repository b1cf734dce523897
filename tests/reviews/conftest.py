"""Fixtures for the panel-review tests (API.md §Panel reviews, §Leaderboard, §Live).

The cast: an idea by Budi (DISHUB) co-written by Putri (BPBD), in a campaign whose review phase
is open, scored with the Permenpan RB 91/2021 rubric (five criteria on 1..5, weights 25, 20, 25,
15, 15). Ahmad is Budi's colleague at DISHUB. Siti (DSDA) and Bambang (BAPPEDA) come from other
agencies and are the panel members who may judge it.
"""

import json
from zoneinfo import ZoneInfo

import pytest
from channels.testing import WebsocketCommunicator
from rest_framework.test import APIClient

from backend.asgi import application
from ideas.models import Idea
from reviews import services
from reviews.models import Criterion
from tests.factories import AgencyFactory, UserFactory, campaign_in_phase, make_idea

JAKARTA = ZoneInfo("Asia/Jakarta")
ORIGIN = (b"origin", b"http://127.0.0.1:8000")

CONFLICT_DETAIL = (
    "A reviewer may not judge an idea they wrote or co-wrote, or one from their agency."
)
PERMENPAN = "permenpan-91-2021"


# --- JSON as the API writes it -----------------------------------------------------------------


def iso(moment) -> str:
    """A datetime as the API writes it: ISO 8601 in the server's zone (Asia/Jakarta)."""
    return moment.astimezone(JAKARTA).isoformat()


def agency_json(agency) -> dict:
    return {"id": agency.pk, "code": agency.code, "name": agency.name}


def user_json(user) -> dict:
    return {"id": user.pk, "full_name": user.full_name, "agency": agency_json(user.agency)}


def refusal(code: str, detail: str) -> dict:
    return {"detail": detail, "code": code}


def api(user=None) -> APIClient:
    """A client in English (so that messages are the source strings), signed in as `user`."""
    client = APIClient()
    client.credentials(HTTP_ACCEPT_LANGUAGE="en")
    if user is not None:
        client.force_authenticate(user)
    return client


# --- Building blocks ---------------------------------------------------------------------------


def idea_in(campaign, *, author, co_authors=(), **fields) -> Idea:
    """An idea of a campaign that no longer takes submissions: submitted outside any campaign
    through the service, then moved into it."""
    idea = make_idea(author=author, co_authors=list(co_authors), **fields)
    Idea.objects.filter(pk=idea.pk).update(campaign=campaign)
    idea.refresh_from_db()
    return idea


def criteria_of(campaign) -> list[Criterion]:
    return list(Criterion.objects.filter(campaign=campaign).order_by("position", "id"))


def scores_json(campaign, values) -> list[dict]:
    return [
        {"criterion": c.pk, "value": v} for c, v in zip(criteria_of(campaign), values, strict=True)
    ]


def review_body(campaign, values, comment="", private_note="") -> dict:
    return {
        "scores": scores_json(campaign, values),
        "comment": comment,
        "private_note": private_note,
    }


def review_input(campaign, values, comment="", private_note="") -> services.ReviewInput:
    return services.ReviewInput(
        scores={c.pk: v for c, v in zip(criteria_of(campaign), values, strict=True)},
        comment=comment,
        private_note=private_note,
    )


def submit(idea, reviewer, values, comment="", private_note="", replace=False):
    review, _created = services.review_submit(
        idea_id=idea.pk,
        reviewer=reviewer,
        data=review_input(idea.campaign, values, comment, private_note),
        replace=replace,
    )
    return review


def review_json(review) -> dict:
    review.refresh_from_db()
    return {
        "id": review.pk,
        "idea": review.idea_id,
        "reviewer": user_json(review.reviewer),
        "scores": [
            {"criterion": s.criterion_id, "value": s.value}
            for s in review.scores.order_by("criterion__position", "id")
        ],
        "weighted_score": review.weighted_score,
        "comment": review.comment,
        "private_note": review.private_note,
        "created_at": iso(review.created_at),
        "updated_at": iso(review.updated_at),
    }


def feedback_json(review, *, named: bool) -> dict:
    return {
        "id": review.pk,
        "idea": review.idea_id,
        "reviewer": user_json(review.reviewer) if named else None,
        "comment": review.comment,
        "created_at": iso(review.created_at),
    }


def page(results: list) -> dict:
    return {"count": len(results), "next": None, "previous": None, "results": results}


# --- Fixtures ----------------------------------------------------------------------------------


@pytest.fixture
def third_agency(db):
    return AgencyFactory(code="BPBD", name="Badan Penanggulangan Bencana Daerah")


@pytest.fixture
def fourth_agency(db):
    return AgencyFactory(code="BAPPEDA", name="Badan Perencanaan Pembangunan Daerah")


@pytest.fixture
def author(staff):
    """Budi Santoso, DISHUB."""
    return staff


@pytest.fixture
def co_author(third_agency):
    return UserFactory(username="putri", full_name="Putri Ayu Lestari", agency=third_agency)


@pytest.fixture
def colleague(agency):
    """Ahmad Fauzi, in the author's agency (DISHUB), who wrote nothing of the idea."""
    return UserFactory(username="ahmad", full_name="Ahmad Fauzi", agency=agency)


@pytest.fixture
def reviewer(other_staff):
    """Siti Rahmawati, DSDA: may judge the idea."""
    return other_staff


@pytest.fixture
def second_reviewer(fourth_agency):
    return UserFactory(username="bambang", full_name="Bambang Sutrisno", agency=fourth_agency)


@pytest.fixture
def review_campaign(db, traffic, admin_user):
    """In its review phase (opened two days ago, closes in twelve), blind, Permenpan rubric."""
    campaign = campaign_in_phase("review", title="Jakarta Tangguh Banjir")
    services.rubric_apply(campaign=campaign, template_key=PERMENPAN, by=admin_user)
    return campaign


@pytest.fixture
def idea(review_campaign, author, co_author, traffic):
    return idea_in(
        review_campaign,
        author=author,
        co_authors=[co_author],
        category=traffic,
        title="Kolam retensi di bantaran Ciliwung",
    )


@pytest.fixture
def assigned(idea, reviewer, second_reviewer, admin_user):
    """Both panel members are given the idea."""
    return [
        services.review_assignment_create(idea=idea, reviewer=person, by=admin_user)
        for person in (reviewer, second_reviewer)
    ]


# --- The channel layer and sockets -------------------------------------------------------------


async def socket(path: str) -> WebsocketCommunicator:
    communicator = WebsocketCommunicator(application, path, headers=[ORIGIN])
    connected, _subprotocol = await communicator.connect(timeout=5)
    assert connected
    return communicator


async def frame(communicator, timeout: float = 5) -> dict:
    return json.loads(await communicator.receive_from(timeout=timeout))
