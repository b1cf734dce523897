"""POST /api/ideas/{id}/status/ and its audit trail (API.md §Ideas: statuses)."""

import pytest

from ideas.models import Idea, IdeaStatusChange
from ideas.services import ALLOWED_TRANSITIONS
from tests.conftest import client_for
from tests.factories import make_idea
from tests.ideas.conftest import iso, user_json, without_seq

pytestmark = pytest.mark.django_db

ALL_STATUSES = [status.value for status in Idea.Status]
ALLOWED = [(src, dst) for src, targets in ALLOWED_TRANSITIONS.items() for dst in sorted(targets)]
DISALLOWED = [
    (src, dst)
    for src in ALL_STATUSES
    for dst in ALL_STATUSES
    if dst not in ALLOWED_TRANSITIONS[src] and src != "draft"
]


@pytest.fixture
def idea(other_staff, traffic):
    return make_idea(author=other_staff, category=traffic)


@pytest.fixture
def target(other_staff, traffic):
    """A published idea others may be merged into."""
    return make_idea(author=other_staff, category=traffic, title="Gagasan induk yang lebih lengkap")


def snapshot(idea_id: int) -> dict:
    return {
        "idea": Idea.objects.values("status", "merged_into", "updated_at").get(pk=idea_id),
        "history": list(
            IdeaStatusChange.objects.filter(idea_id=idea_id).values_list("pk", flat=True)
        ),
    }


def test_the_transition_table_covers_every_status():
    assert set(ALLOWED_TRANSITIONS) == set(ALL_STATUSES)
    assert ALLOWED_TRANSITIONS["draft"] == frozenset()
    assert ALLOWED_TRANSITIONS["implemented"] == frozenset()
    assert ALLOWED_TRANSITIONS["merged"] == frozenset()


@pytest.mark.parametrize(("from_status", "to_status"), ALLOWED)
def test_admin_moves_an_idea_along_an_allowed_transition_and_it_is_recorded(
    admin_user, admin_client, idea, target, from_status, to_status
):
    Idea.objects.filter(pk=idea.pk).update(status=from_status)
    body = {"status": to_status, "note": f"Dari {from_status} ke {to_status}."}
    if to_status == "merged":
        body["merged_into"] = target.pk

    response = admin_client.post(f"/api/ideas/{idea.pk}/status/", body)

    assert response.status_code == 200, response.content
    assert response.json()["status"] == to_status
    assert response.json()["id"] == idea.pk
    assert response.json()["merged_into"] == (target.pk if to_status == "merged" else None)
    idea.refresh_from_db()
    assert idea.status == to_status
    change = IdeaStatusChange.objects.filter(idea=idea).last()
    assert (change.from_status, change.to_status, change.changed_by, change.note) == (
        from_status,
        to_status,
        admin_user,
        body["note"],
    )


@pytest.mark.parametrize(("from_status", "to_status"), DISALLOWED)
def test_disallowed_transition_is_409_invalid_transition_and_changes_nothing(
    admin_client, idea, target, from_status, to_status
):
    Idea.objects.filter(pk=idea.pk).update(status=from_status)
    before = snapshot(idea.pk)

    response = admin_client.post(
        f"/api/ideas/{idea.pk}/status/", {"status": to_status, "merged_into": target.pk}
    )

    assert response.status_code == 409, response.content
    assert response.json()["code"] == "invalid_transition"
    assert set(response.json()) == {"detail", "code"}
    assert snapshot(idea.pk) == before


@pytest.mark.parametrize("to_status", ALL_STATUSES)
def test_admin_cannot_move_a_draft_anywhere(admin_client, other_staff, traffic, to_status):
    draft = make_idea(author=other_staff, category=traffic, draft=True)
    before = snapshot(draft.pk)

    response = admin_client.post(f"/api/ideas/{draft.pk}/status/", {"status": to_status})

    assert response.status_code == 409
    assert response.json()["code"] == "invalid_transition"
    assert snapshot(draft.pk) == before


def test_the_full_lifecycle_is_visible_in_the_status_history(
    staff, admin_user, admin_client, traffic
):
    idea = make_idea(author=staff, category=traffic)
    for status, note in [
        ("in_review", "Masuk penilaian."),
        ("shortlisted", "Masuk daftar pendek."),
        ("accepted", "Diterima."),
        ("piloting", "Uji coba di Tebet."),
        ("implemented", ""),
    ]:
        assert (
            admin_client.post(
                f"/api/ideas/{idea.pk}/status/", {"status": status, "note": note}
            ).status_code
            == 200
        )

    response = client_for(staff).get(f"/api/ideas/{idea.pk}/status-history/")

    assert response.status_code == 200
    changes = list(IdeaStatusChange.objects.filter(idea=idea).order_by("created_at", "id"))
    assert response.json() == {
        "count": 6,
        "next": None,
        "previous": None,
        "results": [
            {
                "from_status": change.from_status,
                "to_status": change.to_status,
                "changed_by": user_json(change.changed_by),
                "note": change.note,
                "created_at": iso(change.created_at),
            }
            for change in changes
        ],
    }
    assert [(c.from_status, c.to_status, c.changed_by_id) for c in changes] == [
        ("", "submitted", staff.pk),
        ("submitted", "in_review", admin_user.pk),
        ("in_review", "shortlisted", admin_user.pk),
        ("shortlisted", "accepted", admin_user.pk),
        ("accepted", "piloting", admin_user.pk),
        ("piloting", "implemented", admin_user.pk),
    ]
    assert [c.note for c in changes][1:] == [
        "Masuk penilaian.",
        "Masuk daftar pendek.",
        "Diterima.",
        "Uji coba di Tebet.",
        "",
    ]


def test_status_history_of_a_draft_is_hidden_from_others(staff, other_staff, traffic):
    draft = make_idea(author=staff, category=traffic, draft=True)

    assert client_for(other_staff).get(f"/api/ideas/{draft.pk}/status-history/").status_code == 404
    assert client_for(staff).get(f"/api/ideas/{draft.pk}/status-history/").json()["count"] == 1


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"status": "bogus"},
        {"status": ""},
        {"status": None},
        {"status": ["in_review"]},
        {"status": "in_review\x00"},
    ],
)
def test_bad_status_value_is_400_naming_status(admin_client, idea, body):
    before = snapshot(idea.pk)

    response = admin_client.post(f"/api/ideas/{idea.pk}/status/", body)

    assert response.status_code == 400
    assert list(response.json()) == ["status"]
    assert snapshot(idea.pk) == before


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"status": "in_review", "note": "x" * 5001}, "note"),
        ({"status": "in_review", "note": "catatan\x00"}, "note"),
        ({"status": "merged", "merged_into": "abc"}, "merged_into"),
        ({"status": "merged", "merged_into": 0}, "merged_into"),
        ({"status": "merged", "merged_into": 1.5}, "merged_into"),
        ({"status": "merged", "merged_into": [1]}, "merged_into"),
    ],
)
def test_bad_note_or_merged_into_is_400_naming_it(admin_client, idea, body, field):
    before = snapshot(idea.pk)

    response = admin_client.post(f"/api/ideas/{idea.pk}/status/", body)

    assert response.status_code == 400
    assert list(response.json()) == [field]
    assert snapshot(idea.pk) == before


def test_overflowing_merged_into_is_400_not_500(admin_client, idea):
    before = snapshot(idea.pk)

    response = admin_client.post(
        f"/api/ideas/{idea.pk}/status/",
        '{"status": "merged", "merged_into": 1e400}',
        content_type="application/json",
    )

    assert response.status_code == 400
    assert list(response.json()) == ["merged_into"]
    assert snapshot(idea.pk) == before


def test_merging_needs_merged_into(admin_client, idea):
    before = snapshot(idea.pk)

    response = admin_client.post(f"/api/ideas/{idea.pk}/status/", {"status": "merged"})

    assert 400 <= response.status_code < 500
    if response.status_code == 409:
        assert response.json()["code"] == "invalid_transition"
    else:
        assert "merged_into" in response.json()
    assert snapshot(idea.pk) == before


@pytest.mark.parametrize("merged_into", ["self", "missing", "draft", "huge"])
def test_merging_into_itself_a_missing_idea_or_a_draft_is_refused(
    admin_client, other_staff, traffic, idea, merged_into
):
    draft = make_idea(author=other_staff, category=traffic, draft=True)
    into = {"self": idea.pk, "missing": 424_242, "draft": draft.pk, "huge": 10**30}[merged_into]
    before = snapshot(idea.pk)

    response = admin_client.post(
        f"/api/ideas/{idea.pk}/status/", {"status": "merged", "merged_into": into}
    )

    if merged_into == "huge":  # not an id at all: bad input
        assert response.status_code == 400, response.content
        assert list(response.json()) == ["merged_into"]
    else:  # an id, but no idea one may merge into: the transition is refused
        assert response.status_code == 409, response.content
        assert response.json()["code"] == "invalid_transition"
    assert snapshot(idea.pk) == before


def test_merged_idea_points_at_its_target(admin_client, idea, target):
    response = admin_client.post(
        f"/api/ideas/{idea.pk}/status/",
        {"status": "merged", "merged_into": target.pk, "note": "Digabung."},
    )

    assert response.status_code == 200
    idea.refresh_from_db()
    assert (idea.status, idea.merged_into_id) == ("merged", target.pk)


def test_status_change_is_broadcast_after_commit(
    admin_client, idea, listen_to_idea, django_capture_on_commit_callbacks
):
    listener = listen_to_idea(idea.pk)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = admin_client.post(f"/api/ideas/{idea.pk}/status/", {"status": "in_review"})

    assert response.status_code == 200
    assert callbacks
    assert without_seq(listener.receive()) == {
        "type": "status.changed",
        "idea": idea.pk,
        "status": "in_review",
    }


def test_refused_status_change_broadcasts_nothing(
    admin_client, idea, listen_to_idea, django_capture_on_commit_callbacks
):
    listener = listen_to_idea(idea.pk)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = admin_client.post(f"/api/ideas/{idea.pk}/status/", {"status": "implemented"})

    assert response.status_code == 409
    assert callbacks == []
    assert listener.receive_nothing()


def test_status_change_is_not_broadcast_to_another_ideas_group(
    admin_client, idea, target, listen_to_idea, django_capture_on_commit_callbacks
):
    elsewhere = listen_to_idea(target.pk)
    here = listen_to_idea(idea.pk)

    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(f"/api/ideas/{idea.pk}/status/", {"status": "rejected"})

    assert here.receive()["status"] == "rejected"
    assert elsewhere.receive_nothing()
