"""The staff directory import (manage.py staff_import FILE [--dry-run]): all or nothing, each
bad row named by its line, idempotent."""

import time
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from accounts.models import User
from accounts.staff_import import staff_import
from core.errors import RuleForbidden
from tests.factories import AgencyFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """The reasons are read in English here; Indonesian is the site's default."""
    with translation.override("en"):
        yield


@pytest.fixture
def agencies():
    return AgencyFactory(code="DSDA"), AgencyFactory(code="DISHUB")


def run(path, *options):
    out, err = StringIO(), StringIO()
    try:
        call_command("staff_import", str(path), *options, stdout=out, stderr=err)
    except CommandError as failure:
        return 1, out.getvalue(), err.getvalue() + str(failure)
    return 0, out.getvalue(), err.getvalue()


GOOD = (
    "nip,full_name,agency_code,email\n"
    "198501012010011001,Siti Rahmawati,DSDA,siti@jakarta.go.id\n"
    "199002022015022002,Budi Santoso,DISHUB,\n"
)


def test_a_good_file_creates_the_accounts_and_a_second_run_changes_nothing(tmp_path, agencies):
    path = tmp_path / "pegawai.csv"
    path.write_text(GOOD, encoding="utf-8")
    code, out, _ = run(path)
    assert code == 0
    assert "created 2" in out
    siti = User.objects.get(nip="198501012010011001")
    assert (siti.username, siti.full_name, siti.agency.code, siti.email) == (
        "198501012010011001",
        "Siti Rahmawati",
        "DSDA",
        "siti@jakarta.go.id",
    )
    assert not siti.has_usable_password()
    before = list(User.objects.order_by("pk").values())

    code, out, _ = run(path)
    assert code == 0
    assert "created 0, updated 0, unchanged 2" in out
    assert list(User.objects.order_by("pk").values()) == before


def test_a_known_nip_is_updated_not_duplicated(agencies):
    known = UserFactory(nip="198501012010011001", full_name="Siti R.", agency=agencies[1])
    report = staff_import(data=GOOD.encode(), by=None)
    assert (report.created, report.updated, report.unchanged) == (1, 1, 0)
    known.refresh_from_db()
    assert (known.full_name, known.agency.code, known.username) == (
        "Siti Rahmawati",
        "DSDA",
        known.username,
    )
    assert User.objects.filter(nip="198501012010011001").count() == 1


BAD = (
    "nip,full_name,agency_code,email\n"
    "198501012010011001,Siti Rahmawati,DSDA,siti@jakarta.go.id\n"  # line 2: good
    "12345,Nip Pendek,DSDA,\n"  # line 3: NIP not 18 digits
    "199002022015022002,Budi Santoso,DINAS-TIDAK-ADA,\n"  # line 4: unknown agency
    "198501012010011001,Siti Kembar,DSDA,\n"  # line 5: duplicate NIP (line 2)
    "199103032016033003,,DSDA,bukan-email\n"  # line 6: no name, bad email
)


@pytest.mark.parametrize("options", [(), ("--dry-run",)])
def test_a_file_with_bad_rows_names_each_by_line_and_imports_nothing(tmp_path, agencies, options):
    path = tmp_path / "pegawai.csv"
    path.write_text(BAD, encoding="utf-8")
    users_before = User.objects.count()
    code, _, err = run(path, *options)
    assert code == 1
    lines = [line for line in err.splitlines() if "pegawai.csv:" in line]
    assert len(lines) == 5, err
    assert any("3" in line and "nip" in line and "18" in line for line in lines)
    assert any(
        "4" in line and "agency_code" in line and "DINAS-TIDAK-ADA" in line for line in lines
    )
    assert any("5" in line and "nip" in line and "2" in line for line in lines)
    assert any("6" in line and "full_name" in line for line in lines)
    assert any("6" in line and "email" in line for line in lines)
    assert not any(" 2, " in line or "line 2," in line or "baris 2," in line for line in lines)
    assert User.objects.count() == users_before


def test_the_report_gives_line_and_column_of_each_problem(agencies):
    report = staff_import(data=BAD.encode(), by=None)
    assert not report.ok
    assert [(e.line, e.column) for e in report.errors] == [
        (3, "nip"),
        (4, "agency_code"),
        (5, "nip"),
        (6, "full_name"),
        (6, "email"),
    ]


def test_a_dry_run_of_a_good_file_reports_and_writes_nothing(tmp_path, agencies):
    path = tmp_path / "pegawai.csv"
    path.write_text(GOOD, encoding="utf-8")
    code, out, _ = run(path, "--dry-run")
    assert code == 0 and "would create 2" in out
    assert not User.objects.filter(nip__in=["198501012010011001", "199002022015022002"]).exists()


@pytest.mark.parametrize(
    "data, problem",
    [
        (b"nama,nip\n1,2\n", "header"),
        (b"nip,full_name,agency_code,email\n", "no rows"),
        (b"\xff\xfenip", "UTF-8"),
        (b"nip,full_name,agency_code,email\n198501012010011001,Si\x00ti,DSDA,\n", "control"),
        (b"nip,full_name,agency_code,email\n198501012010011001," + b"a" * 200_000, "CSV"),
        (b"nip,full_name,agency_code,email\n198501012010011001,A,DSDA,,extra\n", "columns"),
    ],
)
def test_malformed_files_are_refused_with_a_reason(agencies, data, problem):
    report = staff_import(data=data, by=None)
    assert not report.ok
    assert problem.lower() in " ".join(str(e) for e in report.errors).lower()
    assert not User.objects.filter(nip="198501012010011001").exists()


def test_a_bom_and_spaces_around_values_are_accepted(agencies):
    data = "\ufeffNIP, full_name ,agency_code,email\n 198501012010011001 , Siti ,DSDA,\n"
    report = staff_import(data=data.encode("utf-8"), by=None)
    assert report.ok and report.created == 1
    assert User.objects.get(nip="198501012010011001").full_name == "Siti"


def test_only_innovation_admins_import_from_the_console(agencies):
    with pytest.raises(RuleForbidden):
        staff_import(data=GOOD.encode(), by=UserFactory())
    assert staff_import(data=GOOD.encode(), by=UserFactory(roles=["admin"])).created == 2


def test_a_province_sized_file_imports_in_one_pass(agencies):
    """65,000 rows: the import writes in batches, a handful of queries, not one per person.
    (Its time is a benchmark figure, bench/README.md, not asserted here.)"""
    codes = ["DSDA", "DISHUB"]
    rows = [f"{199000000000000000 + n},Pegawai {n},{codes[n % 2]},\n" for n in range(65_000)]
    data = ("nip,full_name,agency_code,email\n" + "".join(rows)).encode()
    started = time.perf_counter()
    report = staff_import(data=data, by=None)
    assert report.ok, report.errors[:3]
    assert report.created == 65_000
    assert User.objects.filter(nip__startswith="1990000000000").count() == 65_000
    print(f"staff_import 65,000 rows: {time.perf_counter() - started:.1f} s")


def test_the_reasons_read_in_indonesian_by_default(agencies):
    with translation.override("id"):
        report = staff_import(data=BAD.encode(), by=None)
        assert str(report.errors[0]) == "baris 3, nip: NIP harus 18 digit."
