"""`?search=` on GET /api/ideas/: Indonesian full text on PostgreSQL, word matching on SQLite."""

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from tests.conftest import client_for
from tests.factories import make_idea

pytestmark = pytest.mark.django_db

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="Indonesian stemming and ranking need PostgreSQL full-text search",
)


def ago(**delta):
    return timezone.now() - timedelta(**delta)


def found(client, text: str, **params) -> list[int]:
    response = client.get("/api/ideas/", {"search": text, **params})
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]


@pytest.fixture
def ideas(other_staff, traffic, flooding):
    return {
        "bike": make_idea(
            author=other_staff,
            category=traffic,
            title="Jalur sepeda terlindung di Sudirman",
            problem="Pesepeda berbagi lajur dengan bus dan motor.",
            solution="Pembatas beton dan lampu khusus untuk jalur sepeda.",
            submitted_at=ago(hours=3),
        ),
        "bike_parking": make_idea(
            author=other_staff,
            category=traffic,
            title="Parkir sepeda di stasiun MRT",
            problem="Tidak ada tempat aman untuk menitipkan sepeda di stasiun.",
            solution="Rak parkir beratap dengan kamera pengawas di setiap stasiun.",
            submitted_at=ago(hours=2),
        ),
        "flood": make_idea(
            author=other_staff,
            category=flooding,
            title="Sensor ketinggian air di pintu air",
            problem="Warga Kampung Melayu sering kebanjiran tanpa peringatan.",
            solution="Sensor mengirim peringatan dini lewat aplikasi warga.",
            submitted_at=ago(hours=1),
        ),
        "jam": make_idea(
            author=other_staff,
            category=traffic,
            title="Ganjil genap untuk sepeda motor",
            problem="Kemacetan parah di koridor Thamrin setiap pagi.",
            solution="Perluas aturan ganjil genap ke sepeda motor pada jam sibuk.",
            submitted_at=ago(minutes=30),
        ),
    }


# --- both databases -----------------------------------------------------------------------------


def test_search_finds_ideas_by_a_word_in_title_problem_or_solution(staff_client, ideas):
    assert found(staff_client, "Sudirman") == [ideas["bike"].pk]
    assert found(staff_client, "menitipkan") == [ideas["bike_parking"].pk]
    assert found(staff_client, "aplikasi") == [ideas["flood"].pk]


def test_search_is_case_insensitive(staff_client, ideas):
    assert found(staff_client, "SUDIRMAN") == [ideas["bike"].pk]
    assert found(staff_client, "sudirman") == [ideas["bike"].pk]


def test_search_needs_every_word(staff_client, ideas):
    assert set(found(staff_client, "sepeda stasiun")) == {ideas["bike_parking"].pk}
    assert set(found(staff_client, "sepeda")) == {
        ideas["bike"].pk,
        ideas["bike_parking"].pk,
        ideas["jam"].pk,
    }


def test_search_with_no_match_is_an_empty_page(staff_client, ideas):
    response = staff_client.get("/api/ideas/", {"search": "kereta gantung"})

    assert response.json() == {"count": 0, "next": None, "previous": None, "results": []}


def test_blank_search_lists_everything(staff_client, ideas):
    assert len(found(staff_client, "   ")) == 4


def test_search_combines_with_filters(staff_client, ideas):
    assert found(staff_client, "sepeda", category="flooding") == []
    assert set(found(staff_client, "sensor", category="flooding")) == {ideas["flood"].pk}


def test_search_does_not_reveal_other_peoples_drafts(staff, other_staff, traffic, ideas):
    draft = make_idea(
        author=other_staff,
        category=traffic,
        title="Rahasia trotoar terapung",
        draft=True,
    )

    assert found(client_for(staff), "terapung") == []
    assert found(client_for(other_staff), "terapung") == [draft.pk]


@pytest.mark.parametrize(
    "text",
    [
        '"jalur sepeda" OR -motor',
        "sepeda & | ! : * ( ) <-> ' \\",
        "' OR 1=1 --",
        "%_%",
        "dan yang di",
        "🚲" * 50,
        "sepeda:*",
    ],
)
def test_odd_search_text_never_fails(staff_client, ideas, text):
    response = staff_client.get("/api/ideas/", {"search": text})

    assert response.status_code == 200


def test_percent_and_underscore_are_not_wildcards(staff_client, ideas):
    assert found(staff_client, "%") == []
    assert found(staff_client, "_") == []


# --- PostgreSQL -----------------------------------------------------------------------------------


@postgres_only
def test_banjir_finds_an_idea_that_only_says_kebanjiran(staff_client, ideas):
    flood = ideas["flood"]
    assert "banjir " not in f"{flood.title} {flood.problem} {flood.solution} ".lower()

    assert found(staff_client, "banjir") == [flood.pk]


@postgres_only
def test_macet_finds_an_idea_that_only_says_kemacetan(staff_client, ideas):
    assert found(staff_client, "macet") == [ideas["jam"].pk]


@postgres_only
def test_title_matches_rank_above_matches_in_the_text(staff_client, other_staff, flooding):
    in_solution = make_idea(
        author=other_staff,
        category=flooding,
        title="Pompa air bergerak untuk permukiman",
        problem="Genangan bertahan berhari-hari setelah hujan deras.",
        solution="Pompa dikirim ke titik banjir dalam satu jam.",
        submitted_at=ago(minutes=5),
    )
    in_title = make_idea(
        author=other_staff,
        category=flooding,
        title="Peta banjir waktu nyata",
        problem="Warga tidak tahu jalan mana yang tergenang.",
        solution="Laporan warga dan sensor digabung dalam satu peta.",
        submitted_at=ago(days=2),
    )
    in_problem = make_idea(
        author=other_staff,
        category=flooding,
        title="Sumur resapan di tiap RW",
        problem="Kawasan ini selalu kebanjiran saat musim hujan.",
        solution="Bangun sumur resapan dengan gotong royong.",
        submitted_at=ago(days=1),
    )

    assert found(staff_client, "banjir") == [in_title.pk, in_problem.pk, in_solution.pk]


@postgres_only
def test_search_sees_an_edited_title(staff, staff_client, traffic):
    idea = make_idea(author=staff, category=traffic, title="Judul lama tanpa kata kunci")
    assert found(staff_client, "macet") == []

    response = staff_client.patch(f"/api/ideas/{idea.pk}/", {"title": "Atasi kemacetan Sudirman"})

    assert response.status_code == 200
    assert found(staff_client, "macet") == [idea.pk]
