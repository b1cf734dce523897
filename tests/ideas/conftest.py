"""Fixtures for the ideas tests: campaigns by phase, regions, a listener on the channel layer."""

from zoneinfo import ZoneInfo

import pytest

from accounts.models import Region
from tests.factories import RegionFactory, campaign_in_phase

JAKARTA = ZoneInfo("Asia/Jakarta")


def iso(moment) -> str:
    """A datetime as the API writes it: ISO 8601 in the server's zone (Asia/Jakarta)."""
    return moment.astimezone(JAKARTA).isoformat()


def agency_json(agency) -> dict:
    return {"id": agency.pk, "code": agency.code, "name": agency.name}


def user_json(user) -> dict:
    return {"id": user.pk, "full_name": user.full_name, "agency": agency_json(user.agency)}


def region_json(region) -> dict:
    return {
        "id": region.pk,
        "code": region.code,
        "name": region.name,
        "kind": region.kind,
        "parent": region.parent_id,
    }


@pytest.fixture
def submission_campaign(db, traffic, flooding):
    """Takes submissions; its voting opens in eleven days (so authors may still edit)."""
    return campaign_in_phase("submission", title="Jakarta Bebas Macet")


@pytest.fixture
def voting_campaign(db, traffic, flooding):
    """Submission and voting both open (the `voting` phase)."""
    return campaign_in_phase("voting", title="Jakarta Tangguh Banjir")


@pytest.fixture
def kota(db):
    return RegionFactory(
        code="31.74", name="Kota Administrasi Jakarta Selatan", kind=Region.Kind.CITY
    )


@pytest.fixture
def kecamatan(kota):
    return RegionFactory(code="31.74.01", name="Tebet", kind=Region.Kind.DISTRICT, parent=kota)


@pytest.fixture
def kelurahan(kecamatan):
    return RegionFactory(
        code="31.74.01.1001", name="Tebet Barat", kind=Region.Kind.VILLAGE, parent=kecamatan
    )


@pytest.fixture
def other_kota(db):
    return RegionFactory(
        code="31.75", name="Kota Administrasi Jakarta Timur", kind=Region.Kind.CITY
    )


def without_seq(message: dict) -> dict:
    """A live message minus its `seq` (an ordering number that only has to be an integer)."""
    message = dict(message)
    seq = message.pop("seq", None)
    assert seq is None or isinstance(seq, int), seq
    return message
