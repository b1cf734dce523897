"""Authors hear, on their own sockets after commit, what others do to their idea: a status
change and a comment (reviewer feedback has its own notice, voting.services)."""

import pytest

from ideas import services
from live import publish
from notifications.models import Notification
from tests.factories import UserFactory, make_idea

pytestmark = pytest.mark.django_db


@pytest.fixture
def authors():
    author, co_author = UserFactory(), UserFactory()
    idea = make_idea(author=author)
    idea.co_authors.add(co_author)
    return idea, author, co_author


def test_a_status_change_reaches_the_author_and_co_authors(
    authors, listen, django_capture_on_commit_callbacks
):
    idea, author, co_author = authors
    admin = UserFactory(roles=["admin"])
    inboxes = [listen(publish.user_group(u.pk)) for u in (author, co_author, admin)]

    with django_capture_on_commit_callbacks(execute=True):
        services.idea_status_change(idea_id=idea.pk, to_status="in_review", changed_by=admin)

    expected = {
        "type": "notification.added",
        "kind": "status_changed",
        "idea": idea.pk,
        "status": "in_review",
        "title": idea.title,
    }
    for person, inbox in zip((author, co_author), inboxes, strict=False):
        stored = Notification.objects.get(user=person)
        assert (stored.kind, stored.data, stored.read_at) == (
            "status_changed",
            {"idea": idea.pk, "status": "in_review", "title": idea.title},
            None,
        )
        assert inbox.receive() == {**expected, "id": stored.pk}
    assert inboxes[2].receive_nothing()
    assert not Notification.objects.filter(user=admin).exists()


def test_a_comment_reaches_the_authors_but_not_the_one_who_wrote_it(
    authors, listen, django_capture_on_commit_callbacks
):
    idea, author, co_author = authors
    to_author, to_co_author = (
        listen(publish.user_group(author.pk)),
        listen(publish.user_group(co_author.pk)),
    )

    with django_capture_on_commit_callbacks(execute=True):
        comment = services.comment_create(idea=idea, author=co_author, body="Sudah saya cek.")

    assert to_author.receive() == {
        "type": "notification.added",
        "kind": "comment",
        "idea": idea.pk,
        "comment": comment.pk,
        "title": idea.title,
        "id": Notification.objects.get(user=author).pk,
    }
    assert to_co_author.receive_nothing()
    assert not Notification.objects.filter(user=co_author).exists()
