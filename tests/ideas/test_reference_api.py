"""GET /api/me/, /api/agencies/, /api/regions/ and /api/categories/ (API.md §Reference data)."""

import pytest

from accounts.models import Agency
from tests.conftest import client_for
from tests.factories import AgencyFactory, CategoryFactory, UserFactory, make_idea
from tests.ideas.conftest import agency_json, region_json

pytestmark = pytest.mark.django_db


def test_me_describes_the_signed_in_person(staff, staff_client):
    response = staff_client.get("/api/me/")

    assert response.status_code == 200
    assert response.json() == {
        "id": staff.pk,
        "username": "staff1",
        "full_name": "Budi Santoso",
        "nip": staff.nip,
        "agency": agency_json(staff.agency),
        "roles": ["staff"],
    }


@pytest.mark.parametrize(
    ("groups", "superuser", "roles"),
    [
        ([], False, ["staff"]),
        (["reviewer"], False, ["staff", "reviewer"]),
        (["leadership"], False, ["staff", "leadership"]),
        (["admin"], False, ["staff", "admin"]),
        (["admin", "leadership", "reviewer"], False, ["staff", "reviewer", "leadership", "admin"]),
        ([], True, ["staff", "admin"]),
    ],
)
def test_me_lists_roles_in_a_stable_order(groups, superuser, roles):
    user = UserFactory(roles=groups, is_superuser=superuser)

    assert client_for(user).get("/api/me/").json()["roles"] == roles


def test_superuser_is_treated_as_admin_for_status_changes(staff, traffic):
    idea = make_idea(author=staff, category=traffic)
    root = UserFactory(is_superuser=True)

    response = client_for(root).post(f"/api/ideas/{idea.pk}/status/", {"status": "in_review"})

    assert response.status_code == 200


def test_agencies_are_listed_by_name_with_their_kind(staff_client, agency, other_agency):
    badan = AgencyFactory(code="BAPPEDA", name="Badan Perencanaan", kind=Agency.Kind.BADAN)

    response = staff_client.get("/api/agencies/")

    assert response.status_code == 200
    assert response.json() == {
        "count": 3,
        "next": None,
        "previous": None,
        "results": [
            {**agency_json(badan), "kind": "badan", "headcount": None},
            {**agency_json(agency), "kind": "dinas", "headcount": None},
            {**agency_json(other_agency), "kind": "dinas", "headcount": None},
        ],
    }


def test_regions_show_their_parent(staff_client, kota, kecamatan, kelurahan):
    response = staff_client.get("/api/regions/")

    assert response.json()["results"] == [
        region_json(kota),
        region_json(kecamatan),
        region_json(kelurahan),
    ]
    assert response.json()["results"][1]["parent"] == kota.pk


def test_categories_are_named_in_the_request_language(staff_client, traffic, flooding):
    CategoryFactory(slug="public-service", name_id="Pelayanan Publik", name_en="Public service")

    indonesian = staff_client.get("/api/categories/")
    english = staff_client.get("/api/categories/", HTTP_ACCEPT_LANGUAGE="en")

    assert indonesian.json()["results"] == [
        {"slug": "flooding", "name": "Banjir"},
        {"slug": "public-service", "name": "Pelayanan Publik"},
        {"slug": "traffic", "name": "Lalu Lintas"},
    ]
    assert {row["slug"]: row["name"] for row in english.json()["results"]} == {
        "flooding": "Flooding",
        "public-service": "Public service",
        "traffic": "Traffic",
    }
