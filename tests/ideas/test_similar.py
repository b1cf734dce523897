"""Similar ideas (GET /api/ideas/similar/, ideas.similar): the shape, who sees what, the
refusals, and the quality of the suggestions on near-duplicates written for this test among the
demo's ideas (PostgreSQL: full text with the `indonesian` configuration and trigrams; SQLite:
the fallback's weaker promise)."""

import pytest
from django.db import connection

from demo.ideas_data import IDEAS
from ideas.models import Idea
from ideas.similar import similar_ideas, word_roots
from tests.conftest import client_for
from tests.factories import CampaignFactory, CategoryFactory, UserFactory, make_idea

URL = "/api/ideas/similar/"

# (original: title, problem) and what someone else types for the same idea (a paraphrase, other
# inflections, synonyms).
PAIRS = [
    (
        (
            "Penanganan kemacetan di simpang Pasar Minggu dengan lampu pintar",
            "Kendaraan macet berjam-jam di simpang Pasar Minggu setiap sore.",
        ),
        ("Tangani macet simpang Pasar Minggu", "Arus kendaraan tersendat di Pasar Minggu."),
    ),
    (
        (
            "Pompa dan tanggul untuk banjir rob di Muara Angke",
            "Air laut merendam permukiman nelayan Muara Angke setiap bulan purnama.",
        ),
        (
            "Mengatasi genangan pasang di kampung nelayan Muara Angke",
            "Rumah nelayan terendam air laut.",
        ),
    ),
    (
        (
            "Pengolahan limbah rumah tangga sebelum masuk Kali Sunter",
            "Limbah dapur dan cucian dibuang langsung ke Kali Sunter.",
        ),
        ("Sampah rumah tangga yang dibuang ke sungai Sunter", "Sungai Sunter tercemar."),
    ),
    (
        (
            "Perbaikan jalan rusak di kawasan industri Cakung berdasarkan laporan warga",
            "Truk kontainer merusak aspal dan warga tidak tahu ke mana melapor.",
        ),
        ("Memperbaiki jalan berlubang Cakung", "Lubang di jalan Cakung membahayakan pengendara."),
    ),
    (
        (
            "Pelayanan akta kematian tanpa antre di kelurahan",
            "Keluarga yang berduka harus mengantre berhari-hari untuk akta kematian.",
        ),
        (
            "Layanan pengurusan akta kematian tanpa antrean",
            "Ahli waris bolak-balik ke kantor untuk mengurus surat kematian.",
        ),
    ),
    (
        (
            "Penertiban parkir liar di sekitar Stasiun Tebet",
            "Ojek dan mobil parkir di badan jalan depan Stasiun Tebet.",
        ),
        ("Menertibkan parkir sembarangan dekat stasiun Tebet", ""),
    ),
    (
        (
            "Pemeriksaan kesehatan keliling bagi lansia di Kepulauan Seribu",
            "Lansia di pulau kecil sulit menjangkau puskesmas di pulau lain.",
        ),
        (
            "Layanan kesehatan berkeliling untuk lanjut usia di pulau Seribu",
            "Orang lanjut usia jauh dari fasilitas kesehatan.",
        ),
    ),
    (
        (
            "Uji emisi kendaraan gratis untuk mengurangi polusi udara",
            "Banyak kendaraan tua mengeluarkan asap hitam di jalan.",
        ),
        (
            "Pengujian emisi kendaraan cuma-cuma demi menekan pencemaran udara",
            "Asap knalpot kendaraan tua.",
        ),
    ),
    (
        (
            "Pengaduan pungutan liar di pasar tradisional",
            "Pedagang pasar dimintai uang keamanan tanpa karcis resmi.",
        ),
        ("Melaporkan pungli di pasar", "Pedagang diminta membayar pungutan tanpa karcis."),
    ),
    (
        (
            "Trotoar ramah penyandang disabilitas di Jalan Matraman",
            "Trotoar Matraman terlalu tinggi dan tidak punya jalur pemandu.",
        ),
        ("Pembangunan trotoar yang ramah difabel di Matraman", ""),
    ),
    (
        (
            "Pengerukan saluran drainase yang tersumbat di Kemayoran",
            "Saluran drainase di Kemayoran penuh lumpur sehingga jalan tergenang.",
        ),
        ("Mengeruk got dan selokan tersumbat di Kemayoran", ""),
    ),
    (
        (
            "Pengelolaan bank sampah sekolah di Cilincing",
            "Sekolah di Cilincing membuang sampah plastik tanpa dipilah.",
        ),
        ("Kelola sampah plastik di sekolah-sekolah Cilincing", ""),
    ),
]


@pytest.fixture
def pool(db):
    """The demo's 37 ideas (realistic distractors, several on the same subjects) and the
    originals of PAIRS, each by its own author."""
    categories = {}
    for data in IDEAS:
        slug = data["category"]
        categories.setdefault(slug, CategoryFactory(slug=slug))
        make_idea(
            author=UserFactory(),
            category=categories[slug],
            title=data["title"],
            problem=data["problem"],
            solution=data["solution"],
        )
    originals = []
    for (title, problem), _typed in PAIRS:
        originals.append(
            make_idea(
                author=UserFactory(),
                title=title,
                problem=problem,
                solution="Uji coba di satu kelurahan, lalu diperluas bila berhasil.",
            ).pk
        )
    return originals


def ranks(pool, reader) -> list[int | None]:
    """For each pair, where its original stands among the suggestions (1 = first), or None.
    Measured when written, on PostgreSQL: all 12 first."""
    found = []
    for original, (_original, (title, problem)) in zip(pool, PAIRS, strict=True):
        ids = [row["id"] for row in similar_ideas(user=reader, title=title, problem=problem)]
        found.append(ids.index(original) + 1 if original in ids else None)
    print("ranks of the originals:", found)  # shown with -s
    return found


@pytest.mark.django_db
def test_the_pool_is_realistic(pool):
    assert Idea.objects.count() == len(IDEAS) + len(PAIRS) >= 40 + len(PAIRS) - 3


@pytest.mark.django_db
def test_on_postgresql_the_original_ranks_first_for_at_least_8_of_10(pool, staff):
    if connection.vendor != "postgresql":
        pytest.skip("the PostgreSQL promise (full text and trigrams)")
    found = ranks(pool, staff)
    firsts = sum(rank == 1 for rank in found)
    assert firsts >= 8 * len(PAIRS) / 10, found
    # And where it is not first it is still suggested, near the top.
    assert all(rank is not None and rank <= 3 for rank in found), found


@pytest.mark.django_db
def test_on_sqlite_the_fallback_suggests_the_original_near_the_top(pool, staff):
    """The weaker promise of word overlap on lightly stemmed words (no ranking by rarity, no
    trigrams): the original among the first three for at least 9 of 10, first for at least 7
    of 10 (measured when written: 11 of 12 first, the twelfth second)."""
    if connection.vendor == "postgresql":
        pytest.skip("the SQLite fallback")
    found = ranks(pool, staff)
    assert sum(rank is not None and rank <= 3 for rank in found) >= 9 * len(PAIRS) / 10, found
    assert sum(rank == 1 for rank in found) >= 7 * len(PAIRS) / 10, found


@pytest.mark.parametrize(
    ("word", "root"),
    [
        ("kemacetan", "macet"),
        ("penanganan", "tangan"),
        ("tangani", "tangan"),
        ("pengelolaan", "kelola"),
        ("perbaikan", "baik"),
        ("memperbaiki", "baik"),
        ("berlubang", "lubang"),
        ("pelayanan", "layan"),
        ("layanan", "layan"),
        ("penyeberangan", "seberang"),
        ("pemukulan", "pukul"),
    ],
)
def test_inflected_words_meet_their_root(word, root):
    assert root in word_roots(word)


def test_short_words_are_their_own_root():
    assert word_roots("rob") == frozenset({"rob"})
    assert word_roots("jalan") == frozenset({"jalan"})


@pytest.mark.django_db
def test_the_shape_best_first(staff, traffic):
    alike = make_idea(
        author=UserFactory(),
        category=traffic,
        title="Sirene peringatan dini banjir di bantaran Ciliwung",
        problem="Warga bantaran Ciliwung terlambat mengungsi saat banjir datang malam hari.",
    )
    make_idea(author=UserFactory(), category=traffic, title="Bank sampah digital tingkat RW")

    response = client_for(staff).get(
        URL, {"title": "Peringatan dini banjir Ciliwung", "problem": "terlambat mengungsi"}
    )

    assert response.status_code == 200, response.content
    body = response.json()
    assert [row["id"] for row in body] == [alike.pk]
    assert set(body[0]) == {"id", "title", "status", "score", "campaign", "vote_count", "url"}
    assert body[0]["title"] == alike.title
    assert body[0]["status"] == "submitted"
    assert body[0]["url"] == f"/ideas/{alike.pk}/"
    assert 0 < body[0]["score"] <= 1


@pytest.mark.django_db
def test_at_most_eight_and_in_descending_score(staff, traffic):
    for n in range(12):
        make_idea(
            author=UserFactory(),
            category=traffic,
            title=f"Sensor genangan banjir nomor {n} di Kelapa Gading",
            problem="Genangan merendam jalan utama Kelapa Gading setiap musim hujan.",
        )

    body = client_for(staff).get(URL, {"title": "Sensor genangan banjir Kelapa Gading"}).json()

    assert len(body) == 8
    scores = [row["score"] for row in body]
    assert scores == sorted(scores, reverse=True)


@pytest.mark.django_db
def test_only_ideas_the_caller_may_see_never_hidden_or_merged(staff, other_staff, traffic):
    text = {
        "title": "Sirene peringatan dini banjir di bantaran Ciliwung",
        "problem": "Warga bantaran Ciliwung terlambat mengungsi saat banjir datang.",
    }
    published = make_idea(author=other_staff, category=traffic, **text)
    others_draft = make_idea(author=other_staff, category=traffic, draft=True, **text)
    own_draft = make_idea(author=staff, category=traffic, draft=True, **text)
    hidden = make_idea(author=staff, category=traffic, **text)
    merged = make_idea(author=other_staff, category=traffic, **text)
    Idea.objects.filter(pk=hidden.pk).update(status=Idea.Status.HIDDEN)
    Idea.objects.filter(pk=merged.pk).update(status=Idea.Status.MERGED, merged_into_id=published.pk)
    admin = UserFactory(roles=["admin"])
    query = {"title": "Peringatan dini banjir Ciliwung"}

    seen_by_staff = {row["id"] for row in client_for(staff).get(URL, query).json()}
    seen_by_admin = {row["id"] for row in client_for(admin).get(URL, query).json()}

    assert seen_by_staff == {published.pk, own_draft.pk}
    # Not even admins are offered someone's draft, a hidden or a merged idea.
    assert seen_by_admin == {published.pk}
    assert others_draft.pk not in seen_by_staff | seen_by_admin


@pytest.mark.django_db
def test_a_campaign_narrows_the_suggestions_to_its_ideas(staff, traffic):
    campaign = CampaignFactory()
    text = {"title": "Sirene peringatan dini banjir di bantaran Ciliwung"}
    inside = make_idea(author=UserFactory(), category=traffic, campaign=campaign, **text)
    make_idea(author=UserFactory(), category=traffic, **text)

    body = client_for(staff).get(URL, {**text, "campaign": campaign.pk}).json()

    assert [row["id"] for row in body] == [inside.pk]
    assert body[0]["campaign"] == campaign.pk


@pytest.mark.django_db
def test_nothing_alike_is_an_empty_list(staff, traffic):
    make_idea(author=UserFactory(), category=traffic, title="Bank sampah digital tingkat RW")

    response = client_for(staff).get(URL, {"title": "Tempat penitipan anak ASN"})

    assert response.status_code == 200
    assert response.json() == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({}, "title"),
        ({"title": "", "problem": "  "}, "title"),
        ({"title": "ab"}, "title"),
        ({"problem": "ab"}, "problem"),
        ({"title": "x" * 201}, "title"),
        ({"title": "Banjir rob", "campaign": "abc"}, "campaign"),
        ({"title": "Banjir rob", "campaign": 424242}, "campaign"),
        ({"title": "Banjir rob", "campaign": 10**30}, "campaign"),
    ],
)
def test_bad_queries_are_400_naming_the_field(staff, query, field):
    response = client_for(staff).get(URL, query)

    assert response.status_code == 400, response.content
    assert list(response.json()) == [field]


@pytest.mark.django_db
def test_anonymous_is_401(api_client):
    assert api_client.get(URL, {"title": "Banjir rob"}).status_code in (401, 403)


@pytest.mark.django_db
def test_a_fixed_number_of_queries(staff, traffic, django_assert_max_num_queries):
    for n in range(20):
        make_idea(
            author=UserFactory(),
            category=traffic,
            title=f"Sensor genangan banjir nomor {n} di Kelapa Gading",
        )
    client = client_for(staff)

    with django_assert_max_num_queries(12):
        assert client.get(URL, {"title": "Sensor genangan Kelapa Gading"}).status_code == 200


@pytest.mark.django_db
def test_on_postgresql_a_title_with_typos_is_found_by_its_trigrams(staff, traffic):
    if connection.vendor != "postgresql":
        pytest.skip("trigrams are PostgreSQL's (pg_trgm)")
    original = make_idea(
        author=UserFactory(), category=traffic, title="Sirene peringatan banjir Ciliwung"
    )

    body = client_for(staff).get(URL, {"title": "Sirne peringatn banjr Ciliwng"}).json()

    assert [row["id"] for row in body] == [original.pk]
    # The look-up's settings were for its own statement only.
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        assert cursor.fetchone()[0] == "0"
        cursor.execute("SHOW enable_seqscan")
        assert cursor.fetchone()[0] == "on"
