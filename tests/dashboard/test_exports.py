"""Exports for leadership and admins (API.md §Next: exports; issue 11, item 5): a campaign's
ideas as CSV (streamed) and XLSX (in the request, or in the background when large: a thread
without a broker, a Celery worker on Redis), and the campaign's PDF brief.

The cast, in a blind-review campaign whose review phase is open:
- "Kafé daur ulang – bank sampah ’Kita’", by Budi (DISHUB) with Putri (BPBD), located in
  Jakarta Timur, 12 votes, shortlisted, reviewed by Bambang (BAPPEDA), who is also leadership;
- '=HYPERLINK(...)', by Siti (DSDA), 7 votes, reviewed by Rina (BAPPEDA, staff);
- three more whose titles or authors begin with + - @ and a tab, with 3, 2 and 1 votes;
- a rejected idea (0 votes) and a draft, which is not exported.
"""

import csv
import io
import os
import time
from pathlib import Path

import openpyxl
import pytest
from asgiref.sync import sync_to_async
from django.db import connection
from django.test import AsyncClient
from django.test.utils import CaptureQueriesContext
from django.utils import formats, timezone, translation
from pypdf import PdfReader
from rest_framework.test import APIClient

from dashboard import exports
from dashboard.exports import IdeaExport, neutralised
from dashboard.models import ExportJob
from dashboard.stats import StatsFilters, stats_get
from ideas.models import Campaign, Idea
from ideas.services import idea_status_change
from rankings.selectors import leaderboard_get
from reviews import services as review_services
from tests.celery_support import celery_conf, real_worker
from tests.conftest import client_for
from tests.factories import AgencyFactory, RegionFactory, UserFactory, campaign_in_phase
from tests.reviews.conftest import PERMENPAN, idea_in, submit

ROOT = Path(__file__).resolve().parents[2]
CAFE = "Kafé daur ulang – bank sampah ’Kita’ di Cipinang"
HYPERLINK = '=HYPERLINK("http://contoh.id","klik")'
HIDDEN_ID = "Disembunyikan (penilaian buta)"
XLSX_MEDIA = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADER_ID = [
    "ID",
    "Judul",
    "Status",
    "Kategori",
    "Kode perangkat daerah pengusul",
    "Perangkat daerah pengusul",
    "Perangkat daerah rekan pengusul",
    "Wilayah",
    "Pengusul",
    "Pengusul bersama",
    "Suara",
    "Komentar",
    "Skor panel",
    "Skor gabungan",
    "Diajukan pada",
    "Tautan",
]

pytestmark = pytest.mark.django_db


# --- The cast ----------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def export_root(settings, tmp_path):
    """Built exports go to this test's own folder (a worker started below is told the same)."""
    root = tmp_path / "exports"
    settings.STORAGES = {
        **settings.STORAGES,
        "exports": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(root)},
        },
    }
    return root


@pytest.fixture
def campaign(db, admin_user, agency, other_agency):
    campaign = campaign_in_phase("review", title="Jakarta Bersih – Tantangan ’26")
    review_services.rubric_apply(campaign=campaign, template_key=PERMENPAN, by=admin_user)
    agency.headcount, other_agency.headcount = 200, 40
    agency.save(update_fields=["headcount"])
    other_agency.save(update_fields=["headcount"])
    return campaign


@pytest.fixture
def bpbd(db):
    return AgencyFactory(code="BPBD", name="Badan Penanggulangan Bencana Daerah", headcount=100)


@pytest.fixture
def bappeda(db):
    return AgencyFactory(code="BAPPEDA", name="Badan Perencanaan Pembangunan Daerah")


@pytest.fixture
def putri(bpbd):
    return UserFactory(full_name="Putri Ayu Lestari", agency=bpbd)


@pytest.fixture
def leader_reviewer(bappeda):
    """Bambang: leadership, and a member of the campaign's panel."""
    return UserFactory(full_name="Bambang Sutrisno", agency=bappeda, roles=["leadership"])


@pytest.fixture
def panel_member(bappeda):
    return UserFactory(full_name="Rina Wulandari", agency=bappeda)


def with_votes(idea: Idea, votes: int) -> Idea:
    # Hand-set counters: votes are closed in the review phase, and exports read the counter.
    Idea.objects.filter(pk=idea.pk).update(vote_count=votes)
    idea.refresh_from_db()
    return idea


@pytest.fixture
def ideas(campaign, staff, other_staff, putri, traffic, flooding, admin_user):
    kota = RegionFactory(code="31.75", name="Kota Administrasi Jakarta Timur")
    cafe = idea_in(campaign, author=staff, co_authors=[putri], category=traffic, title=CAFE)
    Idea.objects.filter(pk=cafe.pk).update(region=kota)
    formula = idea_in(campaign, author=other_staff, category=flooding, title=HYPERLINK)
    plus = idea_in(campaign, author=UserFactory(full_name="@Andi"), title="+62 layanan aduan")
    minus = idea_in(campaign, author=UserFactory(), title="-2+3 drainase")
    at = idea_in(campaign, author=UserFactory(full_name="\tTab"), title="@SUM(A1:A9)")
    rejected = idea_in(campaign, author=UserFactory(), title="Gagasan yang ditolak")
    idea_in(campaign, author=staff, title="Draf rahasia", draft=True)
    for idea, votes in ((cafe, 12), (formula, 7), (plus, 3), (minus, 2), (at, 1)):
        with_votes(idea, votes)
    for step in ("in_review", "shortlisted"):
        idea_status_change(idea_id=cafe.pk, to_status=step, changed_by=admin_user)
    idea_status_change(idea_id=rejected.pk, to_status="rejected", changed_by=admin_user)
    return {
        "cafe": cafe,
        "formula": formula,
        "plus": plus,
        "minus": minus,
        "at": at,
        "rejected": rejected,
    }


@pytest.fixture
def reviewed(ideas, leader_reviewer, panel_member, admin_user):
    """Bambang reviews the café idea and Rina the formula one, blind: both get panel scores."""
    for idea, person, values in (
        (ideas["cafe"], leader_reviewer, [5, 4, 5, 4, 4]),
        (ideas["formula"], panel_member, [3, 3, 2, 3, 3]),
    ):
        review_services.review_assignment_create(idea=idea, reviewer=person, by=admin_user)
        submit(idea, person, values)
    for idea in ideas.values():
        idea.refresh_from_db()
    return ideas


# --- Reading the files back --------------------------------------------------------------------


def csv_rows(response) -> list[list[str]]:
    body = b"".join(response.streaming_content)
    assert body.startswith("\ufeff".encode())  # the BOM: Excel reads the file as UTF-8
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"), newline="")))


def workbook_rows(content: bytes) -> list[tuple]:
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    return [tuple(cell.value for cell in row) for row in sheet.iter_rows()]


def workbook_cells(content: bytes):
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    return [cell for row in sheet.iter_rows() for cell in row]


def pdf_of(response) -> PdfReader:
    assert response["Content-Type"] == "application/pdf"
    return PdfReader(io.BytesIO(response.content))


def pdf_text(reader: PdfReader) -> str:
    """The brief's text with every run of white space made one space (table cells wrap)."""
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def local(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M:%S")


def combined_scores(campaign) -> dict[int, float]:
    """The leaderboard's combined scores, which the export must repeat."""
    board = leaderboard_get(campaign=campaign, by="combined", limit=200, sees_panel=True)
    return {entry["idea"]["id"]: entry["combined_score"] for entry in board["entries"]}


def export(user, campaign, format="csv"):
    return client_for(user).get("/api/exports/ideas/", {"campaign": campaign.pk, "format": format})


def english(user) -> APIClient:
    client = client_for(user)
    client.credentials(HTTP_ACCEPT_LANGUAGE="en")
    return client


# --- Who may export ----------------------------------------------------------------------------


def test_staff_and_panel_members_get_403_on_stats_every_export_and_job(
    campaign, staff, panel_member, leader, admin_user, ideas, settings
):
    settings.EXPORT_INLINE_MAX_ROWS = 0
    job = export(leader, campaign, "xlsx").json()["job"]
    refused = {"detail": "The dashboard and its exports are for leadership and admins.",
               "code": "not_leadership"}  # fmt: skip
    panel = review_services.panel_members_set(
        campaign=campaign, members=[panel_member], by=admin_user
    )
    assert list(panel.members.all()) == [panel_member]  # a reviewer, yet not leadership

    for person in (staff, panel_member):
        client = english(person)
        for path, query in (
            ("/api/stats/", {"campaign": campaign.pk}),
            ("/api/exports/ideas/", {"campaign": campaign.pk, "format": "csv"}),
            ("/api/exports/ideas/", {"campaign": campaign.pk, "format": "xlsx"}),
            ("/api/exports/brief/", {"campaign": campaign.pk, "format": "pdf"}),
            (f"/api/exports/jobs/{job['id']}/", {}),
            (f"/api/exports/jobs/{job['id']}/download/", {}),
        ):
            response = client.get(path, query)
            assert (response.status_code, response.json()) == (403, refused), path
    assert ExportJob.objects.count() == 1  # the refused asked for nothing


def test_anonymous_export_is_401(api_client, campaign):
    response = api_client.get("/api/exports/ideas/", {"campaign": campaign.pk, "format": "csv"})

    assert response.status_code == 401


@pytest.mark.parametrize(
    ("path", "query", "errors"),
    [
        ("ideas", {}, {"campaign": ["This field is required."],
                       "format": ["This field is required."]}),
        ("ideas", {"campaign": "999999", "format": "csv"},
         {"campaign": ["There is no such campaign."]}),
        ("ideas", {"campaign": "abc", "format": "xlsx"},
         {"campaign": ["A valid integer is required."]}),
        ("ideas", {"campaign": "99999999999999999999", "format": "csv"},
         {"campaign": ["Ensure this value is less than or equal to 9223372036854775807."]}),
        ("ideas", {"campaign": "CAMPAIGN", "format": "pdf"},
         {"format": ['"pdf" is not a valid choice.']}),
        ("ideas", {"campaign": "CAMPAIGN", "format": "json"},
         {"format": ['"json" is not a valid choice.']}),
        ("brief", {"campaign": "CAMPAIGN", "format": "csv"},
         {"format": ['"csv" is not a valid choice.']}),
        ("brief", {"campaign": "0", "format": "pdf"},
         {"campaign": ["Ensure this value is greater than or equal to 1."]}),
    ],
)  # fmt: skip
def test_bad_export_query_is_400_naming_each_bad_field(leader, campaign, path, query, errors):
    query = {k: str(campaign.pk) if v == "CAMPAIGN" else v for k, v in query.items()}

    response = english(leader).get(f"/api/exports/{path}/", query)

    assert (response.status_code, response.json()) == (400, errors)


def test_a_job_is_404_to_everyone_but_its_requester(leader, admin_user, campaign, ideas, settings):
    settings.EXPORT_INLINE_MAX_ROWS = 0
    job = export(leader, campaign, "xlsx").json()["job"]
    other_leader = UserFactory(roles=["leadership"])

    for person in (other_leader, admin_user):
        for path in (f"/api/exports/jobs/{job['id']}/", f"/api/exports/jobs/{job['id']}/download/"):
            assert english(person).get(path).status_code == 404, (person, path)
    for missing in ("999999", "99999999999999999999"):
        assert english(leader).get(f"/api/exports/jobs/{missing}/").status_code == 404


# --- CSV ---------------------------------------------------------------------------------------


def test_csv_holds_every_counted_idea_with_its_numbers_in_indonesian(
    leader, campaign, reviewed, traffic, flooding
):
    cafe, formula, rejected = reviewed["cafe"], reviewed["formula"], reviewed["rejected"]
    combined = combined_scores(campaign)

    response = export(leader, campaign, "csv")

    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    day = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == (
        f'attachment; filename="gagasan-ideas-{campaign.pk}-{day}.csv"'
    )
    rows = csv_rows(response)
    assert rows[0] == HEADER_ID
    assert [row[1] for row in rows[1:]] == [
        CAFE,
        "'" + HYPERLINK,
        "'+62 layanan aduan",
        "'-2+3 drainase",
        "'@SUM(A1:A9)",
        "Gagasan yang ditolak",
    ]  # by votes; the draft is not there
    assert rows[1] == [
        str(cafe.pk),
        CAFE,
        "Masuk daftar pendek",
        "Lalu Lintas",
        "DISHUB",
        "Dinas Perhubungan",
        "BPBD",
        "Kota Administrasi Jakarta Timur",
        "Budi Santoso",
        "Putri Ayu Lestari",
        "12",
        "0",
        str(round(cafe.panel_score, 2)),
        str(combined[cafe.pk]),
        local(cafe.created_at),
        f"http://testserver/ideas/{cafe.pk}/",
    ]
    assert rows[2][2:14] == [
        "Diajukan",
        "Banjir",
        "DSDA",
        "Dinas Sumber Daya Air",
        "",
        "",
        "Siti Rahmawati",
        "",
        "7",
        "0",
        str(round(formula.panel_score, 2)),
        str(combined[formula.pk]),
    ]
    # Off the leaderboard, a rejected idea has no combined score; unreviewed, no panel score.
    assert rows[6][0] == str(rejected.pk)
    assert rows[6][2] == "Ditolak"
    assert rows[6][12:14] == ["", ""]
    assert cafe.panel_score is not None and formula.panel_score is not None


def test_csv_neutralises_every_cell_a_spreadsheet_would_run(leader, campaign, ideas):
    rows = csv_rows(export(leader, campaign, "csv"))

    by_id = {row[0]: row for row in rows[1:]}
    assert by_id[str(ideas["formula"].pk)][1] == "'" + HYPERLINK
    assert by_id[str(ideas["plus"].pk)][8] == "'@Andi"
    assert by_id[str(ideas["at"].pk)][8] == "'\tTab"
    dangerous = ("=", "+", "-", "@", "\t", "\r")
    assert [cell for row in rows for cell in row if cell.startswith(dangerous)] == []


def test_neutralised_escapes_exactly_the_owasp_formula_starts():
    assert [neutralised(t) for t in ("=1+1", "+1", "-1", "@A1", "\t=1", "\r=1")] == [
        "'=1+1",
        "'+1",
        "'-1",
        "'@A1",
        "'\t=1",
        "'\r=1",
    ]
    assert [neutralised(t) for t in ("Kafé", "1+1", " =1", "a-b", "")] == [
        "Kafé",
        "1+1",
        " =1",
        "a-b",
        "",
    ]


def test_csv_header_follows_the_request_language(leader, campaign, ideas):
    response = english(leader).get(
        "/api/exports/ideas/", {"campaign": campaign.pk, "format": "csv"}
    )

    rows = csv_rows(response)
    assert rows[0][:4] == ["ID", "Title", "Status", "Category"]
    assert rows[1][2:4] == ["Shortlisted", "Traffic"]


def test_csv_streams_in_chunks_with_queries_per_chunk_not_per_row(
    leader, campaign, ideas, monkeypatch
):
    monkeypatch.setattr(exports, "CHUNK_ROWS", 2)
    response = export(leader, campaign, "csv")

    with CaptureQueriesContext(connection) as queries:
        pieces = list(response.streaming_content)

    # The header, then one piece per 2 of the 6 rows.
    assert [piece.decode("utf-8-sig").count("\r\n") for piece in pieces] == [1, 2, 2, 2]
    # The scale of the combined score, the rows (one query, read in chunks), and the co-authors
    # of each chunk of 2: 3 reads for 6 rows.
    co_author_reads = [q for q in queries if q["sql"].startswith('SELECT "ideas_idea_co_authors"')]
    assert (len(queries), len(co_author_reads)) == (5, 3)


@pytest.mark.django_db(transaction=True)
async def test_csv_streams_under_asgi_too(campaign, ideas):
    """Under ASGI each piece is pulled in the request's database thread (export_apis._pulled):
    the export arrives whole, as an asynchronous stream."""
    client = AsyncClient()
    await client.aforce_login(await sync_to_async(UserFactory)(roles=["leadership"]))

    response = await client.get("/api/exports/ideas/", {"campaign": campaign.pk, "format": "csv"})

    assert response.status_code == 200
    assert response.is_async
    body = b"".join([piece async for piece in response.streaming_content])
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"), newline="")))
    assert [row[1] for row in rows[1:3]] == [CAFE, "'" + HYPERLINK]
    assert len(rows) == 7


# --- XLSX --------------------------------------------------------------------------------------


def test_xlsx_opens_with_the_same_rows_numbers_as_numbers_and_no_formula(
    leader, campaign, reviewed
):
    cafe = reviewed["cafe"]
    combined = combined_scores(campaign)

    response = export(leader, campaign, "xlsx")

    assert response.status_code == 200
    assert response["Content-Type"] == XLSX_MEDIA
    content = b"".join(response.streaming_content)
    rows = workbook_rows(content)
    assert list(rows[0]) == HEADER_ID
    assert rows[1] == (
        cafe.pk,
        CAFE,
        "Masuk daftar pendek",
        "Lalu Lintas",
        "DISHUB",
        "Dinas Perhubungan",
        "BPBD",
        "Kota Administrasi Jakarta Timur",
        "Budi Santoso",
        "Putri Ayu Lestari",
        12,
        0,
        round(cafe.panel_score, 2),
        combined[cafe.pk],
        timezone.localtime(cafe.created_at).replace(tzinfo=None, microsecond=0),
        f"http://testserver/ideas/{cafe.pk}/",
    )
    assert [row[1] for row in rows[2:6]] == [
        "'" + HYPERLINK,
        "'+62 layanan aduan",
        "'-2+3 drainase",
        "'@SUM(A1:A9)",
    ]
    assert len(rows) == 7
    cells = workbook_cells(content)
    assert {cell.data_type for cell in cells} <= {"s", "n", "d"}  # never "f" (a formula)
    assert [
        c.value for c in cells if c.data_type == "s" and c.value.startswith(tuple("=+-@\t\r"))
    ] == []


# --- Blind review ------------------------------------------------------------------------------


def test_a_leader_who_reviews_blind_exports_no_authorship_of_the_ideas_they_review(
    leader_reviewer, campaign, reviewed
):
    cafe, formula = reviewed["cafe"], reviewed["formula"]

    rows = {row[0]: row for row in csv_rows(export(leader_reviewer, campaign, "csv"))[1:]}
    xlsx = b"".join(export(leader_reviewer, campaign, "xlsx").streaming_content)
    sheet = {row[0]: row for row in workbook_rows(xlsx)[1:]}

    for row in (rows[str(cafe.pk)], list(sheet[cafe.pk])):
        assert row[4:7] == [HIDDEN_ID] * 3  # lead agency code and name, co-author agencies
        assert row[8:10] == [HIDDEN_ID] * 2  # author, co-authors
        assert row[1] == CAFE and row[7] == "Kota Administrasi Jakarta Timur"
    text = "\n".join(",".join(row) for row in rows.values())
    assert "Budi Santoso" not in text and "Putri Ayu Lestari" not in text
    # An idea they do not review keeps its authors, as on the idea's own page.
    assert rows[str(formula.pk)][4:9] == ["DSDA", "Dinas Sumber Daya Air", "", "",
                                          "Siti Rahmawati"]  # fmt: skip
    # Leadership see panel scores at any time, reviewers among them.
    assert rows[str(cafe.pk)][12] == str(round(cafe.panel_score, 2))


def test_the_same_leader_sees_authors_once_the_campaign_is_not_blind(
    leader_reviewer, campaign, reviewed
):
    Campaign.objects.filter(pk=campaign.pk).update(blind_review=False)

    rows = {row[0]: row for row in csv_rows(export(leader_reviewer, campaign, "csv"))[1:]}

    assert rows[str(reviewed["cafe"].pk)][4:10] == [
        "DISHUB",
        "Dinas Perhubungan",
        "BPBD",
        "Kota Administrasi Jakarta Timur",
        "Budi Santoso",
        "Putri Ayu Lestari",
    ]


def test_an_admin_on_the_panel_still_sees_authors(admin_user, campaign, reviewed):
    """Admins always see authors (ideas.visibility), even on an idea they were given blind."""
    review_services.review_assignment_create(
        idea=reviewed["formula"], reviewer=admin_user, by=admin_user
    )

    rows = {row[0]: row for row in csv_rows(export(admin_user, campaign, "csv"))[1:]}

    assert rows[str(reviewed["formula"].pk)][8] == "Siti Rahmawati"


def test_panel_scores_are_left_out_for_whom_the_rule_hides_them(staff, campaign, reviewed):
    """Only leadership and admins reach the endpoints, and they see panel scores at any time;
    the export still asks ideas.visibility, so a reader without that right gets none until
    the review closes."""
    cafe = reviewed["cafe"]

    def cafe_row():
        built = IdeaExport.for_viewer(campaign=campaign, viewer=staff, site_url="http://x/")
        return next(row for row in built.rows() if row[0] == cafe.pk)

    assert cafe_row()[12:14] == [None, None]
    Campaign.objects.filter(pk=campaign.pk).update(review_closes=timezone.now())
    campaign.refresh_from_db()
    assert cafe_row()[12] == round(cafe.panel_score, 2)


# --- In the background -------------------------------------------------------------------------


@pytest.fixture
def eager():
    """Tasks run in the process that asks (the embedded default; in the Redis run too)."""
    with celery_conf(task_always_eager=True):
        yield


def poll(client, url: str, *, seconds: float = 30, process=None) -> dict:
    """The job at `url` once it is no longer pending or running."""
    deadline = time.monotonic() + seconds
    while (job := client.get(url).json()["job"])["status"] in ("pending", "running"):
        if time.monotonic() > deadline or (process is not None and process.poll() is not None):
            output = ""
            if process is not None:
                output = "".join(process.output)
            pytest.fail(f"the export was not built: {job}\n{output}")
        time.sleep(0.05)
    return job


@pytest.mark.django_db(transaction=True)
def test_without_a_broker_a_large_spreadsheet_is_built_in_a_thread_then_downloaded(
    campaign, ideas, settings, eager
):
    settings.EXPORT_INLINE_MAX_ROWS = 5  # the campaign has 6 ideas to export
    leader = UserFactory(roles=["leadership"])
    client = client_for(leader)
    query = {"campaign": campaign.pk, "format": "xlsx"}

    response = client.get("/api/exports/ideas/", query)

    assert response.status_code == 202
    job = response.json()["job"]
    assert job["url"] == f"http://testserver/api/exports/jobs/{job['id']}/"
    assert (job["campaign"], job["format"]) == (campaign.pk, "xlsx")
    done = poll(client, job["url"])
    assert (done["id"], done["status"], done["row_count"], done["error"]) == (
        job["id"],
        "done",
        6,
        None,
    )
    assert done["download_url"] == f"http://testserver/api/exports/jobs/{job['id']}/download/"

    download = client.get(done["download_url"])

    assert download.status_code == 200
    assert download["Content-Type"] == XLSX_MEDIA
    rows = workbook_rows(b"".join(download.streaming_content))
    assert [row[1] for row in rows[1:3]] == [CAFE, "'" + HYPERLINK]
    assert len(rows) == 7
    # Asked again a moment later, the same file is handed back rather than built twice.
    again = client.get("/api/exports/ideas/", query)
    assert (again.status_code, again.json()["job"]["id"]) == (202, job["id"])
    assert ExportJob.objects.count() == 1


def test_a_job_not_built_yet_is_409_on_download_and_asked_twice_is_one_job(
    leader, campaign, ideas, settings
):
    settings.EXPORT_INLINE_MAX_ROWS = 0
    client = english(leader)
    query = {"campaign": campaign.pk, "format": "xlsx"}

    first = client.get("/api/exports/ideas/", query).json()["job"]
    second = client.get("/api/exports/ideas/", query).json()["job"]
    download = client.get(f"/api/exports/jobs/{first['id']}/download/")

    assert first["id"] == second["id"] and first["status"] == "pending"
    assert (download.status_code, download.json()) == (
        409,
        {"detail": "This export is not ready.", "code": "export_not_ready"},
    )


@pytest.fixture
def celery_worker(export_root):
    """A real worker on the Redis broker, writing its exports to this test's folder."""
    with real_worker(
        queue_prefix="test-exports", env={"GAGASAN_EXPORT_ROOT": str(export_root)}
    ) as process:
        yield process


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs REDIS_URL (the broker)")
def test_a_real_worker_on_redis_builds_the_large_spreadsheet(
    campaign, ideas, settings, celery_worker
):
    settings.EXPORT_INLINE_MAX_ROWS = 5
    leader = UserFactory(roles=["leadership"])
    client = client_for(leader)

    started = time.monotonic()
    response = client.get("/api/exports/ideas/", {"campaign": campaign.pk, "format": "xlsx"})
    assert time.monotonic() - started < 2
    assert (response.status_code, response.json()["job"]["status"]) == (202, "pending")
    job = poll(client, response.json()["job"]["url"], seconds=60, process=celery_worker)

    assert (job["status"], job["row_count"]) == ("done", 6)
    rows = workbook_rows(b"".join(client.get(job["download_url"]).streaming_content))
    assert [row[1] for row in rows[1:]] == [
        CAFE,
        "'" + HYPERLINK,
        "'+62 layanan aduan",
        "'-2+3 drainase",
        "'@SUM(A1:A9)",
        "Gagasan yang ditolak",
    ]
    assert ExportJob.objects.get().started_at is not None


# --- The PDF brief -----------------------------------------------------------------------------


def test_the_brief_holds_the_title_top_ideas_funnel_chart_and_date_in_indonesian(
    leader, campaign, reviewed
):
    response = client_for(leader).get(
        "/api/exports/brief/", {"campaign": campaign.pk, "format": "pdf"}
    )

    assert response.status_code == 200
    reader = pdf_of(response)
    assert 1 <= len(reader.pages) <= 2
    text = pdf_text(reader)
    assert "Jakarta Bersih – Tantangan ’26" in text
    with translation.override("id"):
        today = formats.date_format(timezone.localtime(), "j F Y")
    assert f"Dibuat pada {today}" in text
    # The top ideas, by combined score (leadership sees panel scores), with their agencies.
    assert "10 gagasan teratas" in text
    assert f"1 {CAFE} DISHUB 12" in text
    assert HYPERLINK in text  # a PDF runs nothing: the title as written
    # The funnel and the participation chart carry the dashboard's own numbers.
    body = stats_get(StatsFilters(campaign=campaign))
    submitted = next(step for step in body["funnel"] if step["status"] == "submitted")
    assert (submitted["count"], submitted["reached"]) == (4, 6)
    assert "Diajukan 4 6 100,0 %" in text
    assert "Masuk daftar pendek 1 1 16,7 %" in text
    assert "Dinas Perhubungan (DISHUB)" in text and "Dinas Sumber Daya Air (DSDA)" in text
    dsda = next(a for a in body["agencies"] if a["agency"]["code"] == "DSDA")
    assert dsda["ideas_per_100"] == 2.5
    assert "2,50" in text
    assert reader.metadata.title == campaign.title


def test_the_brief_of_a_leader_who_reviews_blind_names_no_agency_among_its_top_ideas(
    leader_reviewer, campaign, reviewed
):
    response = client_for(leader_reviewer).get(
        "/api/exports/brief/", {"campaign": campaign.pk, "format": "pdf"}
    )

    text = pdf_text(pdf_of(response))
    assert f"1 {CAFE} {HIDDEN_ID} 12" in text
    assert "DISHUB 12" not in text


def test_the_brief_stays_within_two_pages_with_ten_long_titles(leader, campaign, agency):
    for n in range(12):
        author = UserFactory(agency=AgencyFactory(headcount=50 + n))
        title = f"Gagasan {n}: " + "pengelolaan drainase kawasan padat penduduk " * 4
        with_votes(idea_in(campaign, author=author, title=title[:200]), 20 - n)

    response = client_for(leader).get(
        "/api/exports/brief/", {"campaign": campaign.pk, "format": "pdf"}
    )

    reader = pdf_of(response)
    assert len(reader.pages) == 2
    text = pdf_text(reader)
    assert "Gagasan 9:" in text and "Gagasan 10:" not in text  # the top ten, no more


def test_the_brief_in_english_when_asked(leader, campaign, ideas):
    response = english(leader).get(
        "/api/exports/brief/", {"campaign": campaign.pk, "format": "pdf"}
    )

    text = pdf_text(pdf_of(response))
    assert "Generated on" in text and "Top 10 ideas" in text
    assert "Submitted 4 6 100.0 %" in text
