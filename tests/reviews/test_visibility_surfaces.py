"""Each visibility question has one answer (ideas.visibility), and every surface gives it: the
REST reads, the idea and leaderboard sockets. Each test goes through all of them with one
viewer and looks for what must not be there anywhere in the bodies."""

import json

import pytest
from asgiref.sync import sync_to_async
from django.db import connection
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from ideas import services as idea_services
from ideas.models import Comment
from reviews import services
from tests.factories import UserFactory
from tests.reviews.conftest import api, frame, socket, submit

pytestmark = pytest.mark.django_db(transaction=True)

PROPOSER = {"en": "Proposer", "id": "Pengusul"}


def rest_bodies(viewer, idea) -> dict[str, str]:
    client = api(viewer)
    campaign = idea.campaign_id
    urls = {
        "detail": f"/api/ideas/{idea.pk}/",
        "feed": f"/api/ideas/?campaign={campaign}",
        "comments": f"/api/ideas/{idea.pk}/comments/",
        "status history": f"/api/ideas/{idea.pk}/status-history/",
        "review queue": "/api/reviews/assignments/",
        "reviews": f"/api/ideas/{idea.pk}/reviews/",
        "leaderboard": f"/api/leaderboard/?campaign={campaign}",
    }
    bodies = {}
    for name, url in urls.items():
        response = client.get(url)
        assert response.status_code == 200, (name, response.content)
        bodies[name] = response.content.decode()
    return bodies


async def socket_bodies(viewer, idea) -> dict[str, str]:
    token = (await sync_to_async(Token.objects.get_or_create)(user=viewer))[0].key
    on_idea = await socket(f"/ws/ideas/{idea.pk}/?token={token}")
    snapshot = await frame(on_idea)
    board = await socket(f"/ws/leaderboard/?campaign={idea.campaign_id}&token={token}")
    ranking = await frame(board)
    await sync_to_async(
        lambda: idea_services.comment_create(
            idea=idea, author=idea.author, body="Terima kasih, kami lengkapi datanya."
        )
    )()
    comment = await frame(on_idea)
    await on_idea.disconnect()
    await board.disconnect()
    return {
        "idea socket": json.dumps([snapshot, comment], ensure_ascii=False),
        "leaderboard socket": json.dumps(ranking, ensure_ascii=False),
        "_comment": comment,
    }


@pytest.fixture
def discussed(idea, assigned, author, reviewer, co_author):
    """The author and the co-author answered on the idea's page; a reviewer gave feedback."""
    idea_services.comment_create(idea=idea, author=author, body="Data debit air sudah ada.")
    idea_services.comment_create(idea=idea, author=co_author, body="Lokasi sudah disurvei.")
    submit(idea, reviewer, [4] * 5, "Perlu kajian biaya.")
    # Loaded here, so the async tests read them without a query.
    idea.author, idea.agency  # noqa: B018
    return idea


async def test_a_blind_reviewer_meets_no_author_name_or_agency_on_any_surface(
    discussed, reviewer, author, co_author
):
    idea = discussed
    bodies = await sync_to_async(rest_bodies)(reviewer, idea)
    bodies.update(await socket_bodies(reviewer, idea))
    comment_frame = bodies.pop("_comment")

    for surface, body in bodies.items():
        for secret in (author.full_name, co_author.full_name, idea.agency.name):
            assert secret not in body, f"{secret!r} shown on {surface}"
    # Their comments stay, as the proposer's (API.md: hidden, and said who wrote it).
    comments = json.loads(bodies["comments"])["results"]
    by_authors = [c for c in comments if c["kind"] == Comment.Kind.STAFF]
    assert [(c["author"], c["author_label"], c["body"]) for c in by_authors] == [
        (None, PROPOSER["en"], "Data debit air sudah ada."),
        (None, PROPOSER["en"], "Lokasi sudah disurvei."),
    ]
    indonesian = APIClient()
    indonesian.force_authenticate(reviewer)
    in_indonesian = await sync_to_async(indonesian.get)(f"/api/ideas/{idea.pk}/comments/")
    assert {c.get("author_label") for c in in_indonesian.json()["results"]} == {
        PROPOSER["id"],
        None,  # the reviewer's own feedback, named for them
    }
    # Sockets speak the site's language (Indonesian).
    assert (comment_frame["comment"]["author"], comment_frame["comment"]["author_label"]) == (
        None,
        PROPOSER["id"],
    )


async def test_someone_not_on_the_panel_sees_the_authors_everywhere(discussed, author):
    outsider = await sync_to_async(UserFactory)(username="lia", full_name="Lia Amalia")
    idea = discussed
    bodies = await sync_to_async(rest_bodies)(outsider, idea)
    bodies.update(await socket_bodies(outsider, idea))
    comment_frame = bodies.pop("_comment")

    for surface in ("detail", "feed", "comments", "status history"):
        assert author.full_name in bodies[surface], surface
    for surface in ("leaderboard", "leaderboard socket"):
        assert idea.agency.name in bodies[surface], surface
    assert comment_frame["comment"]["author"]["full_name"] == author.full_name
    assert "author_label" not in comment_frame["comment"]


async def test_an_admin_on_the_panel_still_sees_the_authors_everywhere(
    discussed, admin_user, author
):
    idea = discussed
    await sync_to_async(services.review_assignment_create)(
        idea=idea, reviewer=await sync_to_async(UserFactory)(roles=["admin"]), by=admin_user
    )
    bodies = await sync_to_async(rest_bodies)(admin_user, idea)
    bodies.update(await socket_bodies(admin_user, idea))
    bodies.pop("_comment")

    for surface in ("detail", "feed", "comments", "status history"):
        assert author.full_name in bodies[surface], surface
    assert idea.agency.name in bodies["leaderboard socket"]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="one run of the socket suite is enough")
async def test_while_the_review_is_open_staff_meet_no_panel_score_on_any_surface(discussed):
    outsider = await sync_to_async(UserFactory)(username="lia", full_name="Lia Amalia")
    idea = discussed
    await sync_to_async(idea.refresh_from_db)()
    assert idea.panel_score is not None
    bodies = await sync_to_async(rest_bodies)(outsider, idea)
    bodies.update(await socket_bodies(outsider, idea))
    bodies.pop("_comment")

    detail = json.loads(bodies["detail"])
    feed = json.loads(bodies["feed"])["results"]
    board = json.loads(bodies["leaderboard"])["entries"]
    live_board = json.loads(bodies["leaderboard socket"])["entries"]
    assert detail["panel_score"] is None
    assert {row["panel_score"] for row in feed} == {None}
    assert {(e["panel_score"], e["combined_score"]) for e in board + live_board} == {(None, None)}
    panel = await sync_to_async(api(outsider).get)(f"/api/ideas/{idea.pk}/panel-result/")
    assert panel.status_code == 403
