"""GET/POST /api/ideas/{id}/comments/ (API.md §Comments), and the live `comment.added` message."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from ideas import services
from ideas.models import Comment, Idea
from tests.conftest import client_for
from tests.factories import UserFactory, make_idea
from tests.ideas.conftest import iso, user_json, without_seq

pytestmark = pytest.mark.django_db


@pytest.fixture
def idea(other_staff, traffic, voting_campaign):
    return make_idea(author=other_staff, category=traffic, campaign=voting_campaign)


def comment_json(comment: Comment) -> dict:
    """A comment as the API shows it."""
    return {
        "id": comment.pk,
        "idea": comment.idea_id,
        "parent": comment.parent_id,
        "author": user_json(comment.author),
        "body": comment.body,
        "kind": comment.kind,
        "created_at": iso(comment.created_at),
        "edited_at": iso(comment.edited_at) if comment.edited_at else None,
        "editable_until": iso(comment.created_at + timedelta(seconds=900)),
        "withdrawn": None,
    }


def comment_state(idea_id: int) -> tuple:
    return (
        Idea.objects.get(pk=idea_id).comment_count,
        list(Comment.objects.filter(idea_id=idea_id).values_list("pk", flat=True)),
    )


def test_staff_comments_and_gets_the_comment_back(staff, staff_client, idea):
    response = staff_client.post(
        f"/api/ideas/{idea.pk}/comments/", {"body": "Sudah dicoba di Tebet?"}
    )

    assert response.status_code == 201, response.content
    comment = Comment.objects.get()
    assert response.json() == {
        "id": comment.pk,
        "idea": idea.pk,
        "parent": None,
        "author": user_json(staff),
        "body": "Sudah dicoba di Tebet?",
        "kind": "staff",
        "created_at": iso(comment.created_at),
        "edited_at": None,
        "editable_until": iso(comment.created_at + timedelta(seconds=900)),
        "withdrawn": None,
    }
    assert (comment.author, comment.kind, comment.is_published) == (staff, "staff", True)


def test_comment_count_on_the_idea_goes_up(staff_client, idea):
    for body in ["Pertama", "Kedua", "Ketiga"]:
        assert (
            staff_client.post(f"/api/ideas/{idea.pk}/comments/", {"body": body}).status_code == 201
        )

    assert staff_client.get(f"/api/ideas/{idea.pk}/").json()["comment_count"] == 3
    idea.refresh_from_db()
    assert idea.comment_count == 3


def test_reply_names_its_parent(staff, staff_client, other_staff, idea):
    parent = services.comment_create(idea=idea, author=other_staff, body="Pertanyaan awal")

    response = staff_client.post(
        f"/api/ideas/{idea.pk}/comments/", {"body": "Jawaban", "parent": parent.pk}
    )

    assert response.status_code == 201
    assert response.json()["parent"] == parent.pk
    assert Comment.objects.get(pk=response.json()["id"]).parent == parent


def test_reply_to_a_comment_on_another_idea_is_refused(staff_client, other_staff, traffic, idea):
    elsewhere = make_idea(author=other_staff, category=traffic)
    foreign = services.comment_create(idea=elsewhere, author=other_staff, body="Di gagasan lain")
    before = comment_state(idea.pk)

    response = staff_client.post(
        f"/api/ideas/{idea.pk}/comments/", {"body": "Balasan nyasar", "parent": foreign.pk}
    )

    assert response.status_code == 400
    assert list(response.json()) == ["parent"]
    assert comment_state(idea.pk) == before


def test_admin_posts_an_official_response(admin_user, admin_client, idea):
    response = admin_client.post(
        f"/api/ideas/{idea.pk}/comments/",
        {"body": "Dinas akan menindaklanjuti.", "kind": "official"},
    )

    assert response.status_code == 201, response.content
    assert response.json()["kind"] == "official"
    assert response.json()["author"] == user_json(admin_user)


@pytest.mark.parametrize("who", ["staff", "leader", "other_staff"])
def test_official_response_by_a_non_admin_is_403_and_stores_nothing(request, idea, who):
    before = comment_state(idea.pk)

    response = client_for(request.getfixturevalue(who)).post(
        f"/api/ideas/{idea.pk}/comments/", {"body": "Saya resmi!", "kind": "official"}
    )

    assert response.status_code == 403
    assert response.json()["code"] == "not_admin"
    assert comment_state(idea.pk) == before


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"body": ""},
        {"body": "   "},
        {"body": None},
        {"body": "x" * 5001},
        {"body": "halo\x00"},
        {"body": {"nested": "dict"}},
        {"body": ["a", "list"]},
    ],
)
def test_missing_blank_or_too_long_body_is_400_naming_body(staff_client, idea, body):
    before = comment_state(idea.pk)

    response = staff_client.post(f"/api/ideas/{idea.pk}/comments/", body)

    assert response.status_code == 400
    assert list(response.json()) == ["body"]
    assert comment_state(idea.pk) == before


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"body": "ok", "kind": "reviewer"}, "kind"),
        ({"body": "ok", "kind": "bogus"}, "kind"),
        ({"body": "ok", "parent": 424242}, "parent"),
        ({"body": "ok", "parent": "abc"}, "parent"),
    ],
)
def test_bad_kind_or_parent_is_400_naming_it(staff_client, idea, body, field):
    before = comment_state(idea.pk)

    response = staff_client.post(f"/api/ideas/{idea.pk}/comments/", body)

    assert response.status_code == 400
    assert list(response.json()) == [field]
    assert comment_state(idea.pk) == before


def test_overflowing_parent_id_is_400_not_500(staff_client, idea):
    before = comment_state(idea.pk)

    response = staff_client.post(
        f"/api/ideas/{idea.pk}/comments/",
        '{"body": "balasan", "parent": 1e400}',
        content_type="application/json",
    )

    assert response.status_code == 400
    assert list(response.json()) == ["parent"]
    assert comment_state(idea.pk) == before


def test_parent_beyond_64_bits_is_400(staff_client, idea):
    response = staff_client.post(
        f"/api/ideas/{idea.pk}/comments/",
        json.dumps({"body": "balasan", "parent": 10**30}),
        content_type="application/json",
    )

    assert response.status_code == 400
    assert list(response.json()) == ["parent"]


def test_body_of_exactly_the_limit_is_accepted(staff_client, idea):
    response = staff_client.post(f"/api/ideas/{idea.pk}/comments/", {"body": "x" * 5000})

    assert response.status_code == 201


def test_markup_in_a_comment_is_stored_and_returned_verbatim(staff_client, idea):
    body = '<script>alert("xss")</script><b>tebal</b> &amp; <img src=x onerror=alert(1)>'

    response = staff_client.post(f"/api/ideas/{idea.pk}/comments/", {"body": body})

    assert response.status_code == 201
    assert response.json()["body"] == body
    assert Comment.objects.get().body == body
    listed = staff_client.get(f"/api/ideas/{idea.pk}/comments/")
    assert listed.json()["results"][0]["body"] == body
    assert b"<script>" in listed.content
    assert listed["Content-Type"] == "application/json"


def test_own_draft_cannot_be_commented_on(staff, staff_client, traffic):
    draft = make_idea(author=staff, category=traffic, draft=True)

    response = staff_client.post(f"/api/ideas/{draft.pk}/comments/", {"body": "Catatan"})

    assert response.status_code == 409
    assert response.json()["code"] == "not_published"
    assert not Comment.objects.exists()


def test_comments_on_a_missing_idea_are_404(staff_client):
    assert staff_client.get("/api/ideas/424242/comments/").status_code == 404
    assert staff_client.post("/api/ideas/424242/comments/", {"body": "x"}).status_code == 404
    assert not Comment.objects.exists()


def test_list_shows_published_comments_oldest_first(staff, staff_client, other_staff, idea):
    now = timezone.now()
    late = services.comment_create(idea=idea, author=staff, body="Belakangan")
    early = services.comment_create(idea=idea, author=other_staff, body="Duluan")
    hidden = services.comment_create(idea=idea, author=staff, body="Disembunyikan moderator")
    Comment.objects.filter(pk=late.pk).update(created_at=now - timedelta(minutes=1))
    Comment.objects.filter(pk=early.pk).update(created_at=now - timedelta(minutes=5))
    Comment.objects.filter(pk=hidden.pk).update(is_published=False)
    late.refresh_from_db()
    early.refresh_from_db()

    response = staff_client.get(f"/api/ideas/{idea.pk}/comments/")

    assert response.status_code == 200
    idea.refresh_from_db()
    assert response.json() == {
        "count": 2,
        "next": None,
        "previous": None,
        "results": [comment_json(early), comment_json(late)],
        "comment_count": 3,  # the stored count; the test hid one behind the services' back
        "seq": idea.live_version,
    }


def test_comment_list_is_paginated(staff, staff_client, idea):
    for n in range(23):
        services.comment_create(idea=idea, author=staff, body=f"Komentar {n}")

    first = staff_client.get(f"/api/ideas/{idea.pk}/comments/")
    small = staff_client.get(f"/api/ideas/{idea.pk}/comments/", {"page_size": 5, "page": 2})

    assert first.json()["count"] == 23
    assert [row["body"] for row in first.json()["results"]] == [f"Komentar {n}" for n in range(20)]
    assert first.json()["next"] == f"http://testserver/api/ideas/{idea.pk}/comments/?page=2"
    assert [row["body"] for row in small.json()["results"]] == [
        f"Komentar {n}" for n in range(5, 10)
    ]
    assert staff_client.get(f"/api/ideas/{idea.pk}/comments/", {"page": 99}).status_code == 404


def test_comment_list_runs_a_bounded_number_of_queries(
    staff_client, idea, django_assert_max_num_queries
):
    for _ in range(3):
        services.comment_create(idea=idea, author=UserFactory(), body="Setuju")
    with django_assert_max_num_queries(6) as few:
        staff_client.get(f"/api/ideas/{idea.pk}/comments/")
    for _ in range(17):
        services.comment_create(idea=idea, author=UserFactory(), body="Setuju")

    with django_assert_max_num_queries(len(few)):
        response = staff_client.get(f"/api/ideas/{idea.pk}/comments/")

    assert len(response.json()["results"]) == 20


def test_new_comment_is_broadcast_after_commit_with_its_body(
    staff_client, idea, listen_to_idea, django_capture_on_commit_callbacks
):
    listener = listen_to_idea(idea.pk)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = staff_client.post(
            f"/api/ideas/{idea.pk}/comments/", {"body": "Langsung tampil <b>live</b>"}
        )

    assert response.status_code == 201
    assert callbacks
    message = without_seq(listener.receive())
    assert message["type"] == "comment.added"
    assert message["idea"] == idea.pk
    assert dict(message["comment"]) == response.json()
    assert message["comment"]["body"] == "Langsung tampil <b>live</b>"


def test_nothing_is_broadcast_before_commit(
    staff_client, idea, listen_to_idea, django_capture_on_commit_callbacks
):
    listener = listen_to_idea(idea.pk)

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        staff_client.post(f"/api/ideas/{idea.pk}/comments/", {"body": "Belum terkirim"})

    assert callbacks
    assert listener.receive_nothing()


def test_refused_comment_is_not_broadcast(
    staff_client, idea, listen_to_idea, django_capture_on_commit_callbacks
):
    listener = listen_to_idea(idea.pk)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = staff_client.post(
            f"/api/ideas/{idea.pk}/comments/", {"body": "resmi", "kind": "official"}
        )

    assert response.status_code == 403
    assert callbacks == []
    assert listener.receive_nothing()
