"""Replies one level deep (API.md §Comments `parent`), and the comment list as threads: a page
holds whole threads, each with its replies and their count (`?view=threads`); without it the list
stays API.md's, every comment with its `parent`."""

import pytest

from ideas import comments, services
from ideas.models import Comment, Idea
from tests.conftest import client_for
from tests.factories import UserFactory, make_idea

pytestmark = pytest.mark.django_db

THREADS = {"view": "threads"}  # the idea page's list; without it, API.md's flat list


@pytest.fixture
def idea(other_staff, traffic, voting_campaign):
    return make_idea(author=other_staff, category=traffic, campaign=voting_campaign)


@pytest.fixture
def question(idea, other_staff):
    return services.comment_create(idea=idea, author=other_staff, body="Sudah ada datanya?")


def state(idea_id):
    return (
        Idea.objects.get(pk=idea_id).comment_count,
        sorted(Comment.objects.filter(idea_id=idea_id).values_list("pk", flat=True)),
    )


def post(client, idea, body, parent=None):
    data = {"body": body} if parent is None else {"body": body, "parent": parent}
    return client.post(f"/api/ideas/{idea.pk}/comments/", data, format="json")


def test_a_reply_is_stored_under_its_parent_and_counted(staff_client, idea, question):
    response = post(staff_client, idea, "Ada, dari Dishub.", parent=question.pk)

    assert response.status_code == 201, response.content
    assert response.json()["parent"] == question.pk
    assert Comment.objects.get(pk=response.json()["id"]).parent_id == question.pk
    assert Idea.objects.get(pk=idea.pk).comment_count == 2


def test_a_reply_to_a_reply_is_400_naming_parent_and_stores_nothing(
    staff_client, other_staff, idea, question
):
    reply = services.comment_create(idea=idea, author=other_staff, body="Ya", parent=question)
    before = state(idea.pk)

    response = post(staff_client, idea, "Balasan kedua tingkat", parent=reply.pk)

    assert response.status_code == 400
    assert list(response.json()) == ["parent"]
    assert "satu tingkat" in response.json()["parent"][0]  # Indonesian, the default
    assert state(idea.pk) == before


def test_a_reply_to_a_comment_of_another_idea_is_400_naming_parent(
    staff_client, other_staff, traffic, idea
):
    elsewhere = make_idea(author=other_staff, category=traffic)
    foreign = services.comment_create(idea=elsewhere, author=other_staff, body="Di sana")
    before = state(idea.pk)

    response = post(staff_client, idea, "Nyasar", parent=foreign.pk)

    assert response.status_code == 400
    assert list(response.json()) == ["parent"]
    assert state(idea.pk) == before


@pytest.mark.parametrize("how", ["moderated", "deleted"])
def test_a_reply_to_a_comment_no_longer_published_is_400_naming_parent(
    staff_client, admin_user, other_staff, idea, question, how
):
    if how == "moderated":
        services.comment_moderate(comment_id=question.pk, by=admin_user, reason="Kasar")
    else:
        comments.comment_delete(comment_id=question.pk, user=other_staff)
    before = state(idea.pk)

    response = post(staff_client, idea, "Terlambat", parent=question.pk)

    assert response.status_code == 400
    assert list(response.json()) == ["parent"]
    assert state(idea.pk) == before


def test_the_service_refuses_an_unpublished_parent_even_when_handed_one(
    staff, other_staff, idea, question
):
    # A parent read before it was taken down (the serializer's check passed): the service
    # reads it again, locked, and refuses.
    stale = Comment.objects.get(pk=question.pk)
    comments.comment_delete(comment_id=question.pk, user=other_staff)

    with pytest.raises(Exception) as refused:
        services.comment_create(idea=idea, author=staff, body="Balasan", parent=stale)

    assert "parent" in refused.value.message_dict
    assert Comment.objects.filter(parent=question).count() == 0


def test_the_list_shows_threads_with_their_replies_and_counts(
    staff, staff_client, other_staff, idea, question
):
    first = services.comment_create(idea=idea, author=staff, body="Jawab 1", parent=question)
    lone = services.comment_create(idea=idea, author=staff, body="Komentar lain")
    second = services.comment_create(idea=idea, author=other_staff, body="Jawab 2", parent=question)

    body = staff_client.get(f"/api/ideas/{idea.pk}/comments/", THREADS).json()

    assert body["count"] == 2  # threads
    assert body["comment_count"] == 4  # every published comment, replies included
    assert [(t["id"], t["reply_count"]) for t in body["results"]] == [
        (question.pk, 2),
        (lone.pk, 0),
    ]
    assert [r["id"] for r in body["results"][0]["replies"]] == [first.pk, second.pk]
    assert body["results"][0]["replies"][0]["parent"] == question.pk
    assert "replies" not in body["results"][0]["replies"][0]


def test_pagination_keeps_threads_whole(staff, staff_client, idea):
    tops = [services.comment_create(idea=idea, author=staff, body=f"Utas {n}") for n in range(5)]
    for top in tops:
        for n in range(3):
            services.comment_create(idea=idea, author=staff, body=f"Balas {n}", parent=top)

    pages = [
        staff_client.get(
            f"/api/ideas/{idea.pk}/comments/", {**THREADS, "page_size": 2, "page": p}
        ).json()
        for p in (1, 2, 3)
    ]

    assert [page["count"] for page in pages] == [5, 5, 5]
    threads = [thread for page in pages for thread in page["results"]]
    assert [t["id"] for t in threads] == [t.pk for t in tops]
    assert all(len(t["replies"]) == 3 == t["reply_count"] for t in threads)
    assert pages[0]["next"] and pages[2]["next"] is None


def test_a_deleted_comment_with_replies_stays_as_a_placeholder_and_its_replies_stay(
    staff, staff_client, other_staff, idea, question
):
    reply = services.comment_create(idea=idea, author=staff, body="Jawaban", parent=question)
    lonely = services.comment_create(idea=idea, author=other_staff, body="Tanpa balasan")
    comments.comment_delete(comment_id=question.pk, user=other_staff)
    comments.comment_delete(comment_id=lonely.pk, user=other_staff)

    body = staff_client.get(f"/api/ideas/{idea.pk}/comments/", THREADS).json()

    assert body["comment_count"] == 1
    assert [t["id"] for t in body["results"]] == [question.pk]
    placeholder = body["results"][0]
    assert (placeholder["withdrawn"], placeholder["body"], placeholder["author"]) == (
        "author",
        "",
        None,
    )
    assert [r["id"] for r in placeholder["replies"]] == [reply.pk]


def test_the_thread_list_runs_a_bounded_number_of_queries(
    staff_client, idea, django_assert_max_num_queries
):
    def thread():
        top = services.comment_create(idea=idea, author=UserFactory(), body="Utas")
        services.comment_create(idea=idea, author=UserFactory(), body="Balas", parent=top)

    thread()
    with django_assert_max_num_queries(10) as few:
        client_for(UserFactory()).get(f"/api/ideas/{idea.pk}/comments/", THREADS)
    for _ in range(9):
        thread()

    with django_assert_max_num_queries(len(few)):
        response = staff_client.get(f"/api/ideas/{idea.pk}/comments/", THREADS)

    assert len(response.json()["results"]) == 10


def test_without_view_threads_the_list_stays_flat_with_each_replys_parent(
    staff_client, idea, question, other_staff
):
    reply = services.comment_create(idea=idea, author=other_staff, body="Jawaban", parent=question)

    body = staff_client.get(f"/api/ideas/{idea.pk}/comments/").json()

    assert [(row["id"], row["parent"]) for row in body["results"]] == [
        (question.pk, None),
        (reply.pk, question.pk),
    ]
    assert "replies" not in body["results"][0]
    assert body["comment_count"] == 2
