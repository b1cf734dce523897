"""POST/GET/PATCH/DELETE /api/ideas/ and the basic answers of the vote endpoint (API.md §Ideas)."""

import json

import pytest

from ideas.models import Idea, IdeaStatusChange
from tests.conftest import client_for
from tests.factories import UserFactory, campaign_in_phase, make_idea
from tests.ideas.conftest import agency_json, iso, region_json, user_json
from voting.models import Vote

pytestmark = pytest.mark.django_db

TITLE = "Sensor antrean di simpang Pancoran"
PROBLEM = "Antrean kendaraan di simpang Pancoran memanjang hingga dua kilometer pada jam sibuk."
SOLUTION = "Kamera menghitung panjang antrean dan lampu hijau menyesuaikan durasinya."


def idea_body(**overrides) -> dict:
    body = {"title": TITLE, "problem": PROBLEM, "solution": SOLUTION, "category": "traffic"}
    body.update(overrides)
    return body


def idea_snapshot(idea_id: int) -> dict:
    """Everything a refused write must leave alone."""
    idea = Idea.objects.get(pk=idea_id)
    return {
        "row": {
            field.attname: getattr(idea, field.attname)
            for field in Idea._meta.concrete_fields
            if field.attname != "search_vector"
        },
        "co_authors": sorted(idea.co_authors.values_list("pk", flat=True)),
        "history": list(IdeaStatusChange.objects.filter(idea_id=idea_id).values_list("pk")),
    }


# --- create -------------------------------------------------------------------------------------


def test_staff_submits_an_idea_and_gets_it_back_whole(
    staff, staff_client, other_staff, traffic, submission_campaign, kecamatan
):
    response = staff_client.post(
        "/api/ideas/",
        idea_body(
            expected_impact="Waktu tempuh turun 20 persen.",
            campaign=submission_campaign.pk,
            region=kecamatan.pk,
            co_authors=[other_staff.pk],
        ),
    )

    assert response.status_code == 201, response.content
    idea = Idea.objects.get()
    invitation = idea.invitations.get()  # co-authors named are invited (ideas.coauthors)
    assert response.json() == {
        "id": idea.pk,
        "title": TITLE,
        "problem": PROBLEM,
        "solution": SOLUTION,
        "expected_impact": "Waktu tempuh turun 20 persen.",
        "category": {"slug": "traffic", "name": "Lalu Lintas"},
        "campaign": submission_campaign.pk,
        "agency": {"id": staff.agency.pk, "code": "DISHUB", "name": "Dinas Perhubungan"},
        "region": region_json(kecamatan),
        "author": user_json(staff),
        "co_authors": [],
        "invitations": [
            {
                "id": invitation.pk,
                "invitee": user_json(other_staff),
                "created_at": iso(invitation.created_at),
            }
        ],
        "is_collaboration": False,
        "status": "submitted",
        "merged_into": None,
        "vote_count": 0,
        "comment_count": 0,
        "has_voted": False,
        "is_following": True,  # an author follows their idea
        "vote_refusal": "voting_closed",  # submissions are open, votes not yet
        "can_edit": True,
        "panel_score": None,
        "created_at": iso(idea.created_at),
        "updated_at": iso(idea.updated_at),
    }
    assert response.json()["created_at"].endswith("+07:00")
    assert (idea.author, idea.agency, idea.status) == (staff, staff.agency, "submitted")
    assert list(idea.status_changes.values_list("from_status", "to_status", "changed_by")) == [
        ("", "submitted", staff.pk)
    ]


def test_minimal_idea_outside_any_campaign_is_submitted_with_defaults(staff, staff_client, traffic):
    response = staff_client.post("/api/ideas/", idea_body())

    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["campaign"], body["region"], body["co_authors"], body["expected_impact"]) == (
        None,
        None,
        [],
        "",
    )
    assert body["status"] == "submitted"
    assert body["agency"] == agency_json(staff.agency)


def test_agency_is_taken_from_the_account_not_from_the_body(
    staff, staff_client, traffic, other_agency
):
    response = staff_client.post("/api/ideas/", idea_body(agency=other_agency.pk))

    assert response.status_code == 201, response.content
    assert response.json()["agency"]["id"] == staff.agency_id
    assert Idea.objects.get().agency_id == staff.agency_id


def test_draft_true_stores_a_draft(staff_client, traffic, submission_campaign):
    response = staff_client.post(
        "/api/ideas/", idea_body(campaign=submission_campaign.pk, draft=True)
    )

    assert response.status_code == 201, response.content
    assert response.json()["status"] == "draft"
    assert Idea.objects.get().status == Idea.Status.DRAFT


def test_draft_may_be_saved_for_a_campaign_not_yet_taking_submissions(staff_client, traffic):
    upcoming = campaign_in_phase("upcoming")

    response = staff_client.post("/api/ideas/", idea_body(campaign=upcoming.pk, draft=True))

    assert response.status_code == 201, response.content
    assert response.json()["status"] == "draft"


def test_empty_body_names_every_required_field(staff_client):
    response = staff_client.post("/api/ideas/", {})

    assert response.status_code == 400
    assert set(response.json()) == {"title", "problem", "solution", "category"}
    assert not Idea.objects.exists()


@pytest.mark.parametrize("field", ["title", "problem", "solution", "category"])
def test_each_missing_required_field_is_named(staff_client, traffic, field):
    body = idea_body()
    del body[field]

    response = staff_client.post("/api/ideas/", body)

    assert response.status_code == 400
    assert list(response.json()) == [field]
    assert not Idea.objects.exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("title", ""),
        ("title", "abc"),
        ("title", "x" * 201),
        ("title", None),
        ("title", ["a list", "of strings"]),
        ("problem", "short"),
        ("problem", "x" * 10_001),
        ("solution", ""),
        ("solution", {"nested": "dict"}),
        ("expected_impact", None),
        ("category", "unknown"),
        ("category", None),
        ("category", 12),
        ("campaign", "abc"),
        ("campaign", 999_999),
        ("campaign", True),
        ("region", "abc"),
        ("region", 999_999),
        ("co_authors", [999_999]),
        ("co_authors", ["abc"]),
        ("co_authors", "not a list"),
        ("draft", "maybe"),
    ],
)
def test_bad_field_gives_400_naming_that_field_and_stores_nothing(
    staff_client, traffic, field, value
):
    response = staff_client.post("/api/ideas/", idea_body(**{field: value}))

    assert response.status_code == 400, response.content
    assert list(response.json()) == [field]
    assert not Idea.objects.exists()


def test_several_bad_fields_are_all_named(staff_client, traffic):
    response = staff_client.post(
        "/api/ideas/",
        {"title": "", "problem": "x", "solution": SOLUTION, "category": "nope", "region": "x"},
    )

    assert response.status_code == 400
    assert set(response.json()) == {"title", "problem", "category", "region"}


def test_unknown_co_author_id_is_named_in_the_error(staff_client, traffic, other_staff):
    response = staff_client.post("/api/ideas/", idea_body(co_authors=[other_staff.pk, 987_654]))

    assert response.status_code == 400
    assert list(response.json()) == ["co_authors"]
    assert "987654" in json.dumps(response.json())
    assert not Idea.objects.exists()


def test_inactive_co_author_is_refused(staff_client, traffic):
    gone = UserFactory(is_active=False)

    response = staff_client.post("/api/ideas/", idea_body(co_authors=[gone.pk]))

    assert response.status_code == 400
    assert list(response.json()) == ["co_authors"]
    assert not Idea.objects.exists()


@pytest.mark.parametrize("phase", ["upcoming", "review", "closed"])
def test_submitting_to_a_campaign_outside_its_submission_window_is_409(
    staff_client, traffic, phase
):
    campaign = campaign_in_phase(phase)

    response = staff_client.post("/api/ideas/", idea_body(campaign=campaign.pk))

    assert response.status_code == 409
    assert response.json()["code"] == "submission_closed"
    assert set(response.json()) == {"detail", "code"}
    assert not Idea.objects.exists()
    assert not IdeaStatusChange.objects.exists()


def test_category_outside_the_campaign_categories_is_refused(
    staff_client, traffic, flooding, submission_campaign
):
    submission_campaign.categories.set([flooding])

    response = staff_client.post(
        "/api/ideas/", idea_body(campaign=submission_campaign.pk, category="traffic")
    )

    assert response.status_code == 409, response.content
    assert response.json()["code"] == "category_not_in_campaign"
    assert not Idea.objects.exists()


def test_category_inside_the_campaign_categories_is_accepted(
    staff_client, traffic, flooding, submission_campaign
):
    submission_campaign.categories.set([flooding])

    response = staff_client.post(
        "/api/ideas/", idea_body(campaign=submission_campaign.pk, category="flooding")
    )

    assert response.status_code == 201, response.content
    assert response.json()["category"] == {"slug": "flooding", "name": "Banjir"}


def test_author_cannot_also_be_a_co_author(staff, staff_client, traffic):
    response = staff_client.post("/api/ideas/", idea_body(co_authors=[staff.pk]))

    assert 400 <= response.status_code < 500
    assert not Idea.objects.exists()


@pytest.mark.parametrize("field", ["title", "problem", "solution", "expected_impact"])
def test_nul_byte_in_text_is_400_not_500(staff_client, traffic, field):
    value = {"title": "Lampu\x00 adaptif", "expected_impact": "dampak\x00"}.get(
        field, "Teks yang cukup panjang\x00 dengan NUL"
    )

    response = staff_client.post("/api/ideas/", idea_body(**{field: value}))

    assert response.status_code == 400
    assert list(response.json()) == [field]
    assert not Idea.objects.exists()


def test_nul_byte_in_category_slug_is_400_not_500(staff_client, traffic):
    response = staff_client.post("/api/ideas/", idea_body(category="traffic\x00"))

    assert response.status_code == 400
    assert list(response.json()) == ["category"]


def test_one_megabyte_title_is_400_not_500(staff_client, traffic):
    response = staff_client.post("/api/ideas/", idea_body(title="A" * 1_000_000))

    assert response.status_code == 400
    assert list(response.json()) == ["title"]
    assert not Idea.objects.exists()


def test_overlong_texts_everywhere_are_400_naming_each(staff_client, traffic):
    long = "kata " * 4_000
    response = staff_client.post(
        "/api/ideas/", idea_body(title=long, problem=long, solution=long, expected_impact=long)
    )

    assert response.status_code == 400
    assert set(response.json()) == {"title", "problem", "solution", "expected_impact"}
    assert not Idea.objects.exists()


def test_body_beyond_the_upload_limit_is_refused_not_500(staff_client, traffic):
    huge = "kata " * 200_000
    response = staff_client.post(
        "/api/ideas/", idea_body(title=huge, problem=huge, solution=huge, expected_impact=huge)
    )

    assert response.status_code == 413
    assert response.json()["code"] == "too_large"
    assert not Idea.objects.exists()


def test_body_that_is_not_json_is_400(staff_client):
    response = staff_client.post("/api/ideas/", "{not json", content_type="application/json")

    assert response.status_code == 400
    assert not Idea.objects.exists()


def test_body_that_is_a_json_list_is_400(staff_client, traffic):
    response = staff_client.post("/api/ideas/", [idea_body()])

    assert response.status_code == 400
    assert not Idea.objects.exists()


@pytest.mark.parametrize("field", ["campaign", "region"])
def test_overflowing_number_for_an_id_is_400_not_500(staff_client, traffic, field):
    raw = json.dumps(idea_body())[:-1] + f', "{field}": 1e400}}'

    response = staff_client.post("/api/ideas/", raw, content_type="application/json")

    assert response.status_code == 400
    assert list(response.json()) == [field]
    assert not Idea.objects.exists()


def test_overflowing_number_for_a_co_author_id_is_400_not_500(staff_client, traffic):
    raw = json.dumps(idea_body())[:-1] + ', "co_authors": [1e400]}'

    response = staff_client.post("/api/ideas/", raw, content_type="application/json")

    assert response.status_code == 400
    assert list(response.json()) == ["co_authors"]


@pytest.mark.parametrize("field", ["campaign", "region"])
def test_id_beyond_64_bits_is_400_not_500(staff_client, traffic, field):
    response = staff_client.post("/api/ideas/", idea_body(**{field: 10**30}))

    assert response.status_code == 400
    assert list(response.json()) == [field]


def test_lone_surrogate_in_title_is_400_not_500(staff_client, traffic):
    raw = json.dumps(idea_body(title="Lampu adaptif PLACEHOLDER")).replace("PLACEHOLDER", "\\ud800")

    response = staff_client.post("/api/ideas/", raw, content_type="application/json")

    assert response.status_code == 400
    assert list(response.json()) == ["title"]
    assert not Idea.objects.exists()


def test_markup_in_text_is_stored_and_returned_as_is(staff_client, traffic):
    title = '<b>Lampu</b> & "adaptif" <script>alert(1)</script>'
    problem = "<img src=x onerror=alert(1)> antrean &amp; macet"

    response = staff_client.post("/api/ideas/", idea_body(title=title, problem=problem))

    assert response.status_code == 201, response.content
    assert (response.json()["title"], response.json()["problem"]) == (title, problem)
    assert Idea.objects.filter(title=title, problem=problem).exists()


def test_indonesian_and_other_scripts_survive_round_trip(staff_client, traffic):
    title = "Gagasan warga — jalur sepeda “aman” 🚲 ٣ 中文"

    response = staff_client.post("/api/ideas/", idea_body(title=title))

    assert response.status_code == 201
    assert response.json()["title"] == title
    assert Idea.objects.get().title == title


def test_account_without_agency_cannot_submit(traffic):
    loner = UserFactory(agency=None)

    response = client_for(loner).post("/api/ideas/", idea_body())

    assert response.status_code == 409
    assert response.json()["code"] == "no_agency"
    assert not Idea.objects.exists()


# --- detail -------------------------------------------------------------------------------------


def test_detail_shows_the_idea_with_has_voted_for_the_reader(
    staff, other_staff, traffic, voting_campaign, kota
):
    idea = make_idea(author=staff, category=traffic, campaign=voting_campaign, region=kota)
    reader = client_for(other_staff)
    reader.post(f"/api/ideas/{idea.pk}/vote/")
    idea.refresh_from_db()

    response = reader.get(f"/api/ideas/{idea.pk}/")

    assert response.status_code == 200
    assert response.json() == {
        "id": idea.pk,
        "title": idea.title,
        "problem": idea.problem,
        "solution": idea.solution,
        "expected_impact": "",
        "category": {"slug": "traffic", "name": "Lalu Lintas"},
        "campaign": voting_campaign.pk,
        "agency": agency_json(staff.agency),
        "region": region_json(kota),
        "author": user_json(staff),
        "co_authors": [],
        "invitations": [],
        "is_collaboration": False,
        "status": "submitted",
        "merged_into": None,
        "vote_count": 1,
        "comment_count": 0,
        "has_voted": True,
        "is_following": False,
        "vote_refusal": None,
        "can_edit": False,
        "panel_score": None,
        "created_at": iso(idea.created_at),
        "updated_at": iso(idea.updated_at),
    }
    own = client_for(staff).get(f"/api/ideas/{idea.pk}/").json()
    assert (own["has_voted"], own["vote_refusal"]) == (False, "own_idea")
    assert own["can_edit"] is False  # voting has opened


def test_category_name_follows_the_request_language(staff, staff_client, traffic):
    idea = make_idea(author=staff, category=traffic)

    english = staff_client.get(f"/api/ideas/{idea.pk}/", HTTP_ACCEPT_LANGUAGE="en")
    indonesian = staff_client.get(f"/api/ideas/{idea.pk}/", HTTP_ACCEPT_LANGUAGE="id")

    assert english.json()["category"] == {"slug": "traffic", "name": "Traffic"}
    assert indonesian.json()["category"] == {"slug": "traffic", "name": "Lalu Lintas"}


def test_detail_of_a_missing_idea_is_404(staff_client):
    assert staff_client.get("/api/ideas/424242/").status_code == 404
    assert staff_client.get(f"/api/ideas/{10**30}/").status_code == 404


@pytest.mark.parametrize(
    ("phase", "who", "shown"),
    [
        ("voting", "staff", False),
        ("review", "staff", False),
        ("closed", "staff", True),
        ("voting", "admin", True),
        ("voting", "leader", True),
        ("review", "leader", True),
    ],
)
def test_panel_score_is_null_for_those_who_may_not_see_it_yet(
    request, other_staff, traffic, phase, who, shown
):
    campaign = campaign_in_phase("submission")
    idea = make_idea(author=other_staff, category=traffic, campaign=campaign)
    moved = campaign_in_phase(phase)
    Idea.objects.filter(pk=idea.pk).update(campaign=moved, panel_score=4.25)
    reader = {"staff": "staff", "admin": "admin_user", "leader": "leader"}[who]

    response = client_for(request.getfixturevalue(reader)).get(f"/api/ideas/{idea.pk}/")

    assert response.json()["panel_score"] == (4.25 if shown else None)


# --- edit ---------------------------------------------------------------------------------------


def test_author_may_edit_before_voting_opens(
    staff, staff_client, traffic, flooding, submission_campaign, kota
):
    idea = make_idea(author=staff, category=traffic, campaign=submission_campaign)

    response = staff_client.patch(
        f"/api/ideas/{idea.pk}/",
        {"title": "Judul yang diperbaiki", "category": "flooding", "region": kota.pk},
    )

    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["title"], body["category"], body["region"]) == (
        "Judul yang diperbaiki",
        {"slug": "flooding", "name": "Banjir"},
        region_json(kota),
    )
    assert body["problem"] == idea.problem
    idea.refresh_from_db()
    assert (idea.title, idea.category, idea.region) == ("Judul yang diperbaiki", flooding, kota)


def test_co_author_may_edit_before_voting_opens(staff, other_staff, traffic, submission_campaign):
    idea = make_idea(
        author=staff, category=traffic, campaign=submission_campaign, co_authors=[other_staff]
    )

    response = client_for(other_staff).patch(
        f"/api/ideas/{idea.pk}/", {"solution": "Solusi yang disempurnakan bersama."}
    )

    assert response.status_code == 200, response.content
    assert response.json()["solution"] == "Solusi yang disempurnakan bersama."
    idea.refresh_from_db()
    assert idea.solution == "Solusi yang disempurnakan bersama."


def test_author_submits_a_draft_by_patching_draft_false(
    staff, staff_client, traffic, submission_campaign
):
    idea = make_idea(author=staff, category=traffic, campaign=submission_campaign, draft=True)

    response = staff_client.patch(f"/api/ideas/{idea.pk}/", {"draft": False})

    assert response.status_code == 200, response.content
    assert response.json()["status"] == "submitted"
    assert list(idea.status_changes.values_list("from_status", "to_status")) == [
        ("", "draft"),
        ("draft", "submitted"),
    ]


def test_author_may_set_co_authors_by_patch(
    staff, staff_client, other_staff, traffic, submission_campaign
):
    idea = make_idea(author=staff, category=traffic, campaign=submission_campaign)

    response = staff_client.patch(f"/api/ideas/{idea.pk}/", {"co_authors": [other_staff.pk]})

    assert response.status_code == 200, response.content
    # Invited, not yet a co-author (ideas.coauthors): the body lists the open invitation.
    assert response.json()["co_authors"] == []
    assert [i["invitee"] for i in response.json()["invitations"]] == [user_json(other_staff)]


@pytest.mark.parametrize("editor", ["staff", "co_author"])
def test_editing_after_voting_opens_is_409_editing_closed_and_changes_nothing(
    staff, other_staff, traffic, voting_campaign, editor
):
    idea = make_idea(
        author=staff, category=traffic, campaign=voting_campaign, co_authors=[other_staff]
    )
    before = idea_snapshot(idea.pk)
    user = staff if editor == "staff" else other_staff

    response = client_for(user).patch(f"/api/ideas/{idea.pk}/", {"title": "Judul terlambat"})

    assert response.status_code == 409
    assert response.json()["code"] == "editing_closed"
    assert idea_snapshot(idea.pk) == before


@pytest.mark.parametrize("status", ["in_review", "shortlisted", "rejected"])
def test_author_cannot_edit_once_the_idea_left_submitted(staff, staff_client, traffic, status):
    idea = make_idea(author=staff, category=traffic)
    Idea.objects.filter(pk=idea.pk).update(status=status)
    before = idea_snapshot(idea.pk)

    response = staff_client.patch(f"/api/ideas/{idea.pk}/", {"title": "Judul terlambat"})

    assert response.status_code == 409
    assert response.json()["code"] == "editing_closed"
    assert idea_snapshot(idea.pk) == before


def test_other_staff_cannot_edit_and_gets_403_with_a_code(
    staff, other_staff, traffic, submission_campaign
):
    idea = make_idea(author=staff, category=traffic, campaign=submission_campaign)
    before = idea_snapshot(idea.pk)

    response = client_for(other_staff).patch(f"/api/ideas/{idea.pk}/", {"title": "Bukan milikku"})

    assert response.status_code == 403
    assert set(response.json()) == {"detail", "code"}
    assert response.json()["code"] == "not_author"
    assert idea_snapshot(idea.pk) == before


def test_admin_may_edit_at_any_time(staff, admin_client, traffic, voting_campaign):
    idea = make_idea(author=staff, category=traffic, campaign=voting_campaign)
    Idea.objects.filter(pk=idea.pk).update(status=Idea.Status.SHORTLISTED)

    response = admin_client.patch(f"/api/ideas/{idea.pk}/", {"title": "Disunting oleh admin"})

    assert response.status_code == 200, response.content
    assert response.json()["title"] == "Disunting oleh admin"
    assert response.json()["status"] == "shortlisted"


def test_bad_patch_is_400_naming_the_field_and_changes_nothing(
    staff, staff_client, traffic, submission_campaign
):
    idea = make_idea(author=staff, category=traffic, campaign=submission_campaign)
    before = idea_snapshot(idea.pk)

    response = staff_client.patch(
        f"/api/ideas/{idea.pk}/", {"title": "", "category": "unknown", "co_authors": [999_999]}
    )

    assert response.status_code == 400
    assert set(response.json()) == {"title", "category", "co_authors"}
    assert idea_snapshot(idea.pk) == before


def test_patch_cannot_change_category_to_one_the_campaign_does_not_take(
    staff, staff_client, traffic, flooding, submission_campaign
):
    submission_campaign.categories.set([traffic])
    idea = make_idea(author=staff, category=traffic, campaign=submission_campaign)
    before = idea_snapshot(idea.pk)

    response = staff_client.patch(
        f"/api/ideas/{idea.pk}/", {"title": "Judul baru sekali", "category": "flooding"}
    )

    assert response.status_code == 409
    assert response.json()["code"] == "category_not_in_campaign"
    assert idea_snapshot(idea.pk) == before


def test_submitted_idea_cannot_go_back_to_draft(staff, staff_client, traffic, submission_campaign):
    idea = make_idea(author=staff, category=traffic, campaign=submission_campaign)
    before = idea_snapshot(idea.pk)

    response = staff_client.patch(f"/api/ideas/{idea.pk}/", {"draft": True, "title": "Mundur lagi"})

    assert response.status_code == 409
    assert response.json()["code"] == "invalid_transition"
    assert idea_snapshot(idea.pk) == before


def test_patch_with_nul_byte_is_400_and_changes_nothing(
    staff, staff_client, traffic, submission_campaign
):
    idea = make_idea(author=staff, category=traffic, campaign=submission_campaign)
    before = idea_snapshot(idea.pk)

    response = staff_client.patch(f"/api/ideas/{idea.pk}/", {"problem": "Masalah\x00 yang panjang"})

    assert response.status_code == 400
    assert list(response.json()) == ["problem"]
    assert idea_snapshot(idea.pk) == before


# --- delete -------------------------------------------------------------------------------------


def test_author_deletes_own_draft(staff, staff_client, traffic):
    idea = make_idea(author=staff, category=traffic, draft=True)

    response = staff_client.delete(f"/api/ideas/{idea.pk}/")

    assert response.status_code == 204
    assert response.content == b""
    assert not Idea.objects.filter(pk=idea.pk).exists()
    assert not IdeaStatusChange.objects.filter(idea_id=idea.pk).exists()


def test_author_cannot_delete_a_submitted_idea(staff, staff_client, traffic):
    idea = make_idea(author=staff, category=traffic)
    before = idea_snapshot(idea.pk)

    response = staff_client.delete(f"/api/ideas/{idea.pk}/")

    assert response.status_code == 409
    assert response.json()["code"] == "not_draft"
    assert idea_snapshot(idea.pk) == before


def test_other_staff_cannot_delete_a_published_idea(staff, other_staff, traffic):
    idea = make_idea(author=staff, category=traffic)
    before = idea_snapshot(idea.pk)

    response = client_for(other_staff).delete(f"/api/ideas/{idea.pk}/")

    assert response.status_code == 403
    assert response.json()["code"] == "not_author"
    assert idea_snapshot(idea.pk) == before


def test_another_persons_draft_is_404_for_delete(staff, other_staff, traffic):
    idea = make_idea(author=staff, category=traffic, draft=True)

    response = client_for(other_staff).delete(f"/api/ideas/{idea.pk}/")

    assert response.status_code == 404
    assert Idea.objects.filter(pk=idea.pk).exists()


def test_co_author_cannot_delete_the_draft(staff, other_staff, traffic):
    idea = make_idea(author=staff, category=traffic, draft=True, co_authors=[other_staff])

    response = client_for(other_staff).delete(f"/api/ideas/{idea.pk}/")

    assert response.status_code == 403
    assert response.json()["code"] == "not_author"
    assert Idea.objects.filter(pk=idea.pk).exists()


# --- votes (basic) ------------------------------------------------------------------------------


def test_vote_and_withdraw_are_idempotent(staff, other_staff, traffic, voting_campaign):
    idea = make_idea(author=staff, category=traffic, campaign=voting_campaign)
    voter = client_for(other_staff)
    url = f"/api/ideas/{idea.pk}/vote/"

    first, second = voter.post(url), voter.post(url)
    assert (first.status_code, first.json()) == (200, {"vote_count": 1, "has_voted": True})
    assert (second.status_code, second.json()) == (200, {"vote_count": 1, "has_voted": True})
    assert Vote.objects.filter(idea=idea).count() == 1

    first, second = voter.delete(url), voter.delete(url)
    assert (first.status_code, first.json()) == (200, {"vote_count": 0, "has_voted": False})
    assert (second.status_code, second.json()) == (200, {"vote_count": 0, "has_voted": False})
    assert not Vote.objects.filter(idea=idea).exists()
    idea.refresh_from_db()
    assert idea.vote_count == 0


def test_votes_from_different_people_add_up(staff, other_staff, traffic, voting_campaign):
    idea = make_idea(author=staff, category=traffic, campaign=voting_campaign)
    client_for(other_staff).post(f"/api/ideas/{idea.pk}/vote/")

    response = client_for(UserFactory()).post(f"/api/ideas/{idea.pk}/vote/")

    assert response.json() == {"vote_count": 2, "has_voted": True}


@pytest.mark.parametrize("voter", ["staff", "other_staff"])
def test_voting_for_own_or_co_authored_idea_is_403_own_idea(
    request, staff, other_staff, traffic, voting_campaign, voter
):
    idea = make_idea(
        author=staff, category=traffic, campaign=voting_campaign, co_authors=[other_staff]
    )

    response = client_for(request.getfixturevalue(voter)).post(f"/api/ideas/{idea.pk}/vote/")

    assert response.status_code == 403
    assert response.json()["code"] == "own_idea"
    assert not Vote.objects.exists()
    idea.refresh_from_db()
    assert idea.vote_count == 0


@pytest.mark.parametrize("phase", ["submission", "review", "closed"])
def test_voting_outside_the_voting_phase_is_409_voting_closed(staff, other_staff, traffic, phase):
    idea = make_idea(author=staff, category=traffic, campaign=campaign_in_phase("submission"))
    Idea.objects.filter(pk=idea.pk).update(campaign=campaign_in_phase(phase))

    response = client_for(other_staff).post(f"/api/ideas/{idea.pk}/vote/")

    assert response.status_code == 409
    assert response.json()["code"] == "voting_closed"
    assert not Vote.objects.exists()


def test_voting_for_a_rejected_idea_is_409_voting_closed(
    staff, other_staff, traffic, voting_campaign
):
    idea = make_idea(author=staff, category=traffic, campaign=voting_campaign)
    Idea.objects.filter(pk=idea.pk).update(status=Idea.Status.REJECTED)

    response = client_for(other_staff).post(f"/api/ideas/{idea.pk}/vote/")

    assert response.status_code == 409
    assert response.json()["code"] == "voting_closed"
