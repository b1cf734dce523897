"""The innovation office's people APIs: the staff directory, roles, and the CSV import."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import User
from tests.conftest import client_for
from tests.factories import AgencyFactory, UserFactory

pytestmark = pytest.mark.django_db

CSV = b"nip,full_name,agency_code,email\n198501012010011001,Siti Rahmawati,DSDA,\n"


def upload(data: bytes, name="pegawai.csv"):
    return SimpleUploadedFile(name, data, content_type="text/csv")


@pytest.mark.parametrize(
    "method, url",
    [("get", "/api/staff/"), ("put", "/api/staff/1/roles/"), ("post", "/api/staff/import/")],
)
def test_only_admins_reach_the_people_apis(staff_client, leader, method, url):
    for client in (staff_client, client_for(leader)):
        refused = getattr(client, method)(url, {}, format="json" if method == "put" else None)
        assert refused.status_code == 403
        assert refused.json()["code"] == "not_admin"


def test_the_directory_finds_people_by_name_nip_digits_role_and_agency(admin_client):
    siti = UserFactory(full_name="Siti Rahmawati", nip="198501012010011001", roles=["reviewer"])
    elsewhere = AgencyFactory()
    UserFactory(full_name="Budi Santoso", nip="199002022015022002", agency=elsewhere)
    by = lambda **q: [u["full_name"] for u in admin_client.get("/api/staff/", q).json()["results"]]  # noqa: E731
    assert by(search="rahma") == ["Siti Rahmawati"]
    assert by(search="19850101") == ["Siti Rahmawati"]
    assert by(role="reviewer") == ["Siti Rahmawati"]
    assert by(agency=elsewhere.code) == ["Budi Santoso"]
    row = admin_client.get("/api/staff/", {"search": "rahma"}).json()["results"][0]
    assert (row["id"], row["nip"], row["roles"]) == (siti.pk, siti.nip, ["staff", "reviewer"])
    assert admin_client.get("/api/staff/", {"role": "governor"}).status_code == 400


def test_the_directory_reads_a_page_of_roles_in_a_fixed_number_of_queries(admin_client):
    def queries(n):
        User.objects.exclude(username="admin").delete()
        UserFactory.create_batch(n, roles=["reviewer"])
        admin_client.get("/api/staff/")
        with CaptureQueriesContext(connection) as captured:
            assert admin_client.get("/api/staff/").status_code == 200
        return len(captured)

    assert queries(3) == queries(15)


def test_an_admin_sets_roles_and_refusals_change_nothing(admin_client, admin_user):
    person = UserFactory()
    done = admin_client.put(
        f"/api/staff/{person.pk}/roles/", {"roles": ["leadership"]}, format="json"
    )
    assert done.status_code == 200
    assert done.json()["roles"] == ["staff", "leadership"]
    bad = admin_client.put(f"/api/staff/{person.pk}/roles/", {"roles": ["raja"]}, format="json")
    assert bad.status_code == 400 and "roles" in bad.json()
    own = admin_client.put(f"/api/staff/{admin_user.pk}/roles/", {"roles": []}, format="json")
    assert own.status_code == 409 and own.json()["code"] == "own_admin_role"
    missing = admin_client.put("/api/staff/999999/roles/", {"roles": []}, format="json")
    assert missing.status_code == 404
    assert admin_client.get("/api/staff/", {"role": "leadership"}).json()["count"] == 1
    assert admin_client.get("/api/staff/", {"role": "admin"}).json()["count"] == 1


def test_the_import_checks_then_writes(admin_client):
    AgencyFactory(code="DSDA")
    checked = admin_client.post(
        "/api/staff/import/", {"file": upload(CSV), "dry_run": "true"}, format="multipart"
    )
    assert checked.status_code == 200
    assert (checked.json()["dry_run"], checked.json()["created"]) == (True, 1)
    assert not User.objects.filter(nip="198501012010011001").exists()
    done = admin_client.post("/api/staff/import/", {"file": upload(CSV)}, format="multipart")
    assert done.status_code == 200 and done.json()["created"] == 1
    again = admin_client.post("/api/staff/import/", {"file": upload(CSV)}, format="multipart")
    assert (again.json()["created"], again.json()["unchanged"]) == (0, 1)


def test_a_bad_import_is_a_400_naming_each_row_and_writes_nothing(admin_client):
    AgencyFactory(code="DSDA")
    data = CSV + b"12,Pendek,DSDA,\n199002022015022002,Budi,XXX,\n"
    refused = admin_client.post("/api/staff/import/", {"file": upload(data)}, format="multipart")
    assert refused.status_code == 400
    body = refused.json()
    assert [(e["line"], e["column"]) for e in body["errors"]] == [(3, "nip"), (4, "agency_code")]
    assert len(body["file"]) == 2
    assert not User.objects.filter(nip="198501012010011001").exists()
    assert admin_client.post("/api/staff/import/", {}, format="multipart").status_code == 400


def test_a_province_sized_upload_is_not_refused_as_too_large(admin_client, settings):
    AgencyFactory(code="DSDA")
    rows = b"".join(b"%d,Pegawai %d,DSDA,\n" % (199000000000000000 + n, n) for n in range(100_000))
    data = b"nip,full_name,agency_code,email\n" + rows
    assert len(data) > settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    checked = admin_client.post(
        "/api/staff/import/", {"file": upload(data), "dry_run": "true"}, format="multipart"
    )
    assert checked.status_code == 200, checked.content[:300]
    assert checked.json()["rows"] == 100_000
