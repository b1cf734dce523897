"""Who may do what: anonymous callers get 401 everywhere, and each refusal changes nothing."""

import pytest

from ideas.models import Campaign, Comment, Idea, IdeaStatusChange
from tests.conftest import client_for
from tests.factories import make_idea
from voting.models import Vote

pytestmark = pytest.mark.django_db


def table_counts() -> dict:
    return {
        model.__name__: model.objects.count()
        for model in (Idea, IdeaStatusChange, Comment, Vote, Campaign)
    }


@pytest.fixture
def world(staff, traffic, voting_campaign):
    idea = make_idea(author=staff, category=traffic, campaign=voting_campaign)
    return {"idea": idea.pk, "campaign": voting_campaign.pk}


ANONYMOUS_CALLS = [
    ("get", "/api/ideas/"),
    ("post", "/api/ideas/"),
    ("get", "/api/ideas/{idea}/"),
    ("patch", "/api/ideas/{idea}/"),
    ("delete", "/api/ideas/{idea}/"),
    ("post", "/api/ideas/{idea}/status/"),
    ("get", "/api/ideas/{idea}/status-history/"),
    ("get", "/api/ideas/{idea}/comments/"),
    ("post", "/api/ideas/{idea}/comments/"),
    ("post", "/api/ideas/{idea}/vote/"),
    ("delete", "/api/ideas/{idea}/vote/"),
    ("get", "/api/me/"),
    ("get", "/api/agencies/"),
    ("get", "/api/regions/"),
    ("get", "/api/users/"),
    ("get", "/api/categories/"),
    ("get", "/api/campaigns/"),
    ("post", "/api/campaigns/"),
    ("get", "/api/campaigns/{campaign}/"),
    ("patch", "/api/campaigns/{campaign}/"),
    ("get", "/api/campaigns/{campaign}/criteria/"),
    ("get", "/api/ideas/424242/"),
]

ANONYMOUS_BODIES = {
    "post": {
        "title": "Judul gagasan anonim",
        "problem": "Masalah yang cukup panjang.",
        "solution": "Solusi yang cukup panjang.",
        "category": "traffic",
        "status": "in_review",
        "body": "komentar",
    },
    "patch": {"title": "Diubah oleh anonim"},
}


@pytest.mark.parametrize(("method", "path"), ANONYMOUS_CALLS)
def test_anonymous_caller_gets_401_and_changes_nothing(api_client, world, method, path):
    before = table_counts()
    idea_before = Idea.objects.values().get(pk=world["idea"])

    response = getattr(api_client, method)(
        path.format(**world), ANONYMOUS_BODIES.get(method), format="json"
    )

    assert response.status_code == 401, (method, path, response.status_code)
    assert response.json()["code"] == "not_authenticated"
    assert "detail" in response.json()
    assert response["WWW-Authenticate"].startswith("Token")
    assert table_counts() == before
    assert Idea.objects.values().get(pk=world["idea"]) == idea_before


def test_bad_token_is_401(api_client, world):
    api_client.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")

    assert api_client.get("/api/ideas/").status_code == 401


def test_token_from_the_token_endpoint_authenticates(api_client, staff, world):
    token = api_client.post(
        "/api/auth/token/", {"username": "staff1", "password": "rahasia-uji-123"}, format="json"
    ).json()["token"]
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {token}")

    response = api_client.get("/api/ideas/")

    assert response.status_code == 200
    assert response.json()["count"] == 1


@pytest.mark.parametrize("who", ["other_staff", "leader"])
def test_non_admin_cannot_change_status_and_nothing_changes(request, world, who):
    before = table_counts()

    response = client_for(request.getfixturevalue(who)).post(
        f"/api/ideas/{world['idea']}/status/", {"status": "in_review", "note": "coba"}
    )

    assert response.status_code == 403
    assert response.json()["code"] == "not_admin"
    assert set(response.json()) == {"detail", "code"}
    assert Idea.objects.get(pk=world["idea"]).status == "submitted"
    assert table_counts() == before


def test_author_cannot_change_the_status_of_own_idea(staff_client, world):
    response = staff_client.post(f"/api/ideas/{world['idea']}/status/", {"status": "accepted"})

    assert response.status_code == 403
    assert Idea.objects.get(pk=world["idea"]).status == "submitted"


def test_another_persons_draft_is_404_on_every_idea_endpoint(staff, other_staff, traffic):
    draft = make_idea(author=staff, category=traffic, draft=True)
    other = client_for(other_staff)
    before = table_counts()

    for method, path in [
        ("get", "/api/ideas/{}/"),
        ("patch", "/api/ideas/{}/"),
        ("delete", "/api/ideas/{}/"),
        ("post", "/api/ideas/{}/status/"),
        ("get", "/api/ideas/{}/status-history/"),
        ("get", "/api/ideas/{}/comments/"),
        ("post", "/api/ideas/{}/comments/"),
        ("post", "/api/ideas/{}/vote/"),
        ("delete", "/api/ideas/{}/vote/"),
    ]:
        body = {"title": "Judul milik orang lain", "body": "komentar", "status": "in_review"}
        response = getattr(other, method)(path.format(draft.pk), body)
        assert response.status_code == 404, (method, path, response.status_code)

    assert table_counts() == before
    assert Idea.objects.get(pk=draft.pk).title == draft.title
