"""The console's panel endpoints: rubric templates, and a campaign's panel members set through
reviews.services.panel_members_set (admins only)."""

import pytest

from reviews.models import Panel
from tests.factories import CampaignFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_the_rubric_templates_are_listed(staff_client):
    body = staff_client.get("/api/rubrics/").json()
    assert {t["key"] for t in body} == {"permenpan-91-2021", "kipp"}
    assert all(t["criteria"] for t in body)


def test_an_admin_sets_the_panel_and_reads_it_back(admin_client):
    campaign = CampaignFactory()
    first, second = UserFactory(full_name="Andi"), UserFactory(full_name="Budi")
    done = admin_client.put(
        f"/api/campaigns/{campaign.pk}/panel/", {"members": [second.pk, first.pk]}, format="json"
    )
    assert done.status_code == 200
    assert [m["full_name"] for m in done.json()["members"]] == ["Andi", "Budi"]
    read = admin_client.get(f"/api/campaigns/{campaign.pk}/panel/").json()
    assert [m["id"] for m in read["members"]] == [first.pk, second.pk]
    emptied = admin_client.put(
        f"/api/campaigns/{campaign.pk}/panel/", {"members": []}, format="json"
    )
    assert emptied.json()["members"] == []


def test_staff_may_neither_read_nor_set_a_panel(staff_client):
    campaign = CampaignFactory()
    member = UserFactory()
    assert staff_client.get(f"/api/campaigns/{campaign.pk}/panel/").status_code == 403
    refused = staff_client.put(
        f"/api/campaigns/{campaign.pk}/panel/", {"members": [member.pk]}, format="json"
    )
    assert (refused.status_code, refused.json()["code"]) == (403, "not_admin")
    assert not Panel.objects.filter(campaign=campaign).exists()


def test_bad_members_are_a_400(admin_client):
    campaign = CampaignFactory()
    for members in ([999999], ["x"], None):
        refused = admin_client.put(
            f"/api/campaigns/{campaign.pk}/panel/", {"members": members}, format="json"
        )
        assert refused.status_code == 400 and "members" in refused.json()
