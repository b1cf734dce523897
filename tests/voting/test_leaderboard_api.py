import pytest

from ideas.models import Idea
from tests.factories import CampaignFactory, UserFactory, make_idea
from voting import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign(db):
    return CampaignFactory()


def vote(idea, times):
    for voter in UserFactory.create_batch(times):
        services.vote_cast(idea_id=idea.pk, voter=voter)


def test_leaderboard_ranks_ideas_by_votes_with_shared_ranks_for_ties(staff_client, campaign):
    low = make_idea(campaign=campaign, title="Gagasan dengan sedikit dukungan")
    top = make_idea(campaign=campaign, title="Gagasan paling didukung")
    tied = make_idea(campaign=campaign, title="Gagasan dengan dukungan sama")
    vote(top, 3)
    vote(tied, 1)
    vote(low, 1)

    body = staff_client.get(f"/api/leaderboard/?campaign={campaign.pk}").json()

    assert set(body) == {"campaign", "by", "seq", "generated_at", "entries"}
    assert (body["campaign"], body["by"]) == (campaign.pk, "votes")
    assert [(e["rank"], e["idea"]["id"], e["vote_count"]) for e in body["entries"]] == [
        (1, top.pk, 3),
        (2, low.pk, 1),  # equal counts: the earlier idea first, same rank
        (2, tied.pk, 1),
    ]
    assert body["entries"][0] == {
        "rank": 1,
        "idea": {
            "id": top.pk,
            "title": "Gagasan paling didukung",
            "agency": {"id": top.agency.pk, "code": top.agency.code, "name": top.agency.name},
            "category": {"slug": "traffic", "name": top.category.name_id},
        },
        "vote_count": 3,
        "panel_score": None,
        "combined_score": None,
    }


def test_leaderboard_leaves_out_drafts_rejected_and_other_campaigns(staff_client, campaign):
    shown = make_idea(campaign=campaign)
    make_idea(campaign=campaign, draft=True)
    rejected = make_idea(campaign=campaign)
    Idea.objects.filter(pk=rejected.pk).update(status="rejected")
    make_idea(campaign=CampaignFactory())

    body = staff_client.get(f"/api/leaderboard/?campaign={campaign.pk}").json()

    assert [e["idea"]["id"] for e in body["entries"]] == [shown.pk]


def test_seq_grows_with_every_vote_and_withdrawal(staff_client, staff, campaign):
    idea = make_idea(campaign=campaign)
    url = f"/api/leaderboard/?campaign={campaign.pk}"
    seqs = [staff_client.get(url).json()["seq"]]
    services.vote_cast(idea_id=idea.pk, voter=staff)
    seqs.append(staff_client.get(url).json()["seq"])
    services.vote_withdraw(idea_id=idea.pk, voter=staff)
    seqs.append(staff_client.get(url).json()["seq"])

    assert seqs[0] < seqs[1] < seqs[2]


def test_limit_caps_the_entries(staff_client, campaign):
    for i in range(5):
        make_idea(campaign=campaign, title=f"Gagasan nomor {i}")

    body = staff_client.get(f"/api/leaderboard/?campaign={campaign.pk}&limit=2").json()

    assert len(body["entries"]) == 2


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("", "campaign"),
        ("campaign=abc", "campaign"),
        ("campaign=999999", "campaign"),
        ("campaign={c}&by=loudest", "by"),
        ("campaign={c}&limit=0", "limit"),
        ("campaign={c}&limit=1000", "limit"),
    ],
)
def test_bad_leaderboard_query_is_400_naming_the_parameter(staff_client, campaign, query, field):
    response = staff_client.get("/api/leaderboard/?" + query.format(c=campaign.pk))

    assert response.status_code == 400
    assert list(response.json()) == [field]


def test_leaderboard_reads_a_fixed_number_of_queries(
    staff_client, campaign, django_assert_max_num_queries
):
    for i in range(15):
        make_idea(campaign=campaign, title=f"Gagasan nomor {i}")

    # The campaign, the caller's groups, whether they review it blind, the totals, the ranking.
    with django_assert_max_num_queries(5):
        response = staff_client.get(f"/api/leaderboard/?campaign={campaign.pk}")

    assert response.status_code == 200
    body = response.json()
    assert (body["campaign"], body["by"], len(body["entries"])) == (campaign.pk, "votes", 15)


def test_anonymous_leaderboard_is_401(api_client, campaign):
    assert api_client.get(f"/api/leaderboard/?campaign={campaign.pk}").status_code == 401


def test_a_ranking_is_remembered_a_moment_per_reader_kind_then_read_afresh(
    request, settings, staff_client, admin_client, campaign
):
    from rankings import selectors as rankings

    settings.LEADERBOARD_CACHE_SECONDS = 60
    for memory in (rankings._rankings, rankings._campaigns):
        memory.clear()
        request.addfinalizer(memory.clear)  # nothing remembered for the next tests
    idea = make_idea(campaign=campaign)
    first = staff_client.get(f"/api/leaderboard/?campaign={campaign.pk}").json()

    vote(idea, 2)
    # Within the moment the same ranking answers (its seq says how old it is)...
    assert staff_client.get(f"/api/leaderboard/?campaign={campaign.pk}").json() == first
    # ...but only to readers who would see the same: panel scores are a different answer.
    admin = admin_client.get(f"/api/leaderboard/?campaign={campaign.pk}").json()
    assert admin["seq"] == first["seq"] + 2
    assert admin["entries"][0]["vote_count"] == 2
    assert admin["entries"][0]["panel_score"] is None  # none given yet, but visible to admins
    assert admin["entries"][0]["combined_score"] is not None
    assert first["entries"][0]["combined_score"] is None

    rankings._rankings.clear()
    fresh = staff_client.get(f"/api/leaderboard/?campaign={campaign.pk}").json()
    assert fresh["seq"] == first["seq"] + 2
    assert fresh["entries"][0]["vote_count"] == 2
