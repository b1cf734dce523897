"""Fixtures for the ideas tests: campaigns by phase, regions, a listener on the channel layer."""

import asyncio
from zoneinfo import ZoneInfo

import pytest
from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer

from accounts.models import Region
from live import publish
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


class GroupListener:
    """A channel added to an idea's live group on the real channel layer: what was published?"""

    def __init__(self, idea_id: int):
        self.layer = get_channel_layer()
        self.group = publish.idea_group(idea_id)
        self.channel = async_to_sync(self.layer.new_channel)()
        async_to_sync(self.layer.group_add)(self.group, self.channel)

    def receive(self, timeout: float = 2.0) -> dict:
        async def _receive():
            return await asyncio.wait_for(self.layer.receive(self.channel), timeout)

        return async_to_sync(_receive)()

    def receive_nothing(self, timeout: float = 0.2) -> bool:
        try:
            self.receive(timeout=timeout)
        except TimeoutError:
            return True
        return False

    def close(self) -> None:
        async_to_sync(self.layer.group_discard)(self.group, self.channel)


@pytest.fixture
def listen_to_idea():
    """`listen_to_idea(idea_id)` -> a GroupListener; each is removed from its group afterwards."""
    listeners = []

    def listen(idea_id: int) -> GroupListener:
        listener = GroupListener(idea_id)
        listeners.append(listener)
        return listener

    yield listen
    for listener in listeners:
        listener.close()


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Factories set a password on every account; PBKDF2 would make the list tests crawl."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def without_seq(message: dict) -> dict:
    """A live message minus its `seq` (an ordering number that only has to be an integer)."""
    message = dict(message)
    seq = message.pop("seq", None)
    assert seq is None or isinstance(seq, int), seq
    return message
