"""GET /api/stats/ on a small world built by hand: every number below was counted by hand from
`world()`'s docstring, never read back from the code under test."""

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.models import Agency, Region
from dashboard.stats import StatsFilters, stats_compute
from ideas import services as idea_services
from ideas.activity import activity_mismatches
from ideas.models import Idea
from reviews import services as review_services
from tests.conftest import client_for
from tests.factories import (
    AgencyFactory,
    CampaignFactory,
    CategoryFactory,
    UserFactory,
    campaign_in_phase,
    make_idea,
)
from tests.reviews.conftest import PERMENPAN, idea_in, review_input
from voting import services as votes

pytestmark = pytest.mark.django_db

S = Idea.Status


def move(idea, *statuses, admin):
    for status in statuses:
        idea_services.idea_status_change(
            idea_id=idea.pk, to_status=status, changed_by=admin, note="uji"
        )


def world():
    """Agencies (headcount): BESAR 1000, KECIL 40 (a kelurahan office), SEDANG 200, LIMA 500,
    TANPA (unknown). Regions: Kota Satu (with its kecamatan Satu-A), Kota Dua.
    KECIL sits in Satu-A, SEDANG in Kota Satu.

    Campaign K (traffic, flooding):
      i1 a1 (BESAR)                      traffic   submitted, Kota Satu, 3 days ago
      i2 a2 (BESAR) + co-author b1 KECIL flooding  shortlisted, Kota Dua   <- the collaboration
      i3 b1 (KECIL)                      traffic   implemented, Satu-A
      i4 c1 (SEDANG) + co-author c2 SEDANG traffic accepted
      i5 a1                              traffic   draft (not counted)
      i6 t1 (TANPA)                      traffic   hidden (not counted)
      i7 c1                              traffic   rejected
      i9 e1 (LIMA)                       traffic   submitted
    Campaign K2: i8 a1 traffic submitted.
    Votes: i2 by c1 and t1, i3 by a1; t1 then withdraws (i2 ends with 1). A comment on i1."""
    admin = UserFactory(roles=["admin"], agency=None)
    kota1 = Region.objects.create(code="31.90", name="Kota Satu", kind="kota")
    kec1 = Region.objects.create(code="31.90.01", name="Satu-A", kind="kecamatan", parent=kota1)
    kota2 = Region.objects.create(code="31.91", name="Kota Dua", kind="kota")
    besar = AgencyFactory(code="BESAR", name="Dinas Besar", headcount=1000)
    kecil = AgencyFactory(
        code="KECIL", name="Kelurahan Kecil", headcount=40, kind=Agency.Kind.REGIONAL, region=kec1
    )
    sedang = AgencyFactory(code="SEDANG", name="Dinas Sedang", headcount=200, region=kota1)
    lima = AgencyFactory(code="LIMA", name="Dinas Lima", headcount=500)
    tanpa = AgencyFactory(code="TANPA", name="Dinas Tanpa", headcount=None)
    a1, a2 = UserFactory(agency=besar), UserFactory(agency=besar)
    b1, c1, c2 = UserFactory(agency=kecil), UserFactory(agency=sedang), UserFactory(agency=sedang)
    e1, t1 = UserFactory(agency=lima), UserFactory(agency=tanpa)
    traffic = CategoryFactory(slug="traffic", name_id="Lalu Lintas", name_en="Traffic")
    flooding = CategoryFactory(slug="flooding", name_id="Banjir", name_en="Flooding")
    k = CampaignFactory(title="Jakarta Lancar")
    k.categories.set([traffic, flooding])
    k2 = CampaignFactory(title="Kampanye Lain")
    three_days_ago = timezone.now() - timedelta(days=3)
    i1 = make_idea(
        author=a1, category=traffic, campaign=k, region=kota1, submitted_at=three_days_ago
    )
    i2 = make_idea(author=a2, co_authors=[b1], category=flooding, campaign=k, region=kota2)
    i3 = make_idea(author=b1, category=traffic, campaign=k, region=kec1)
    i4 = make_idea(author=c1, co_authors=[c2], category=traffic, campaign=k)
    make_idea(author=a1, category=traffic, campaign=k, draft=True)
    i6 = make_idea(author=t1, category=traffic, campaign=k)
    i7 = make_idea(author=c1, category=traffic, campaign=k)
    make_idea(author=a1, category=traffic, campaign=k2)
    make_idea(author=e1, category=traffic, campaign=k)
    for idea, voter in ((i2, c1), (i2, t1), (i3, a1)):
        votes.vote_cast(idea_id=idea.pk, voter=voter)
    votes.vote_withdraw(idea_id=i2.pk, voter=t1)
    move(i2, S.SHORTLISTED, admin=admin)
    move(i3, S.SHORTLISTED, S.ACCEPTED, S.IMPLEMENTED, admin=admin)
    move(i4, S.SHORTLISTED, S.ACCEPTED, admin=admin)
    move(i6, S.HIDDEN, admin=admin)
    move(i7, S.REJECTED, admin=admin)
    idea_services.comment_create(idea=i1, author=b1, body="Setuju, perlu di Kuningan.")
    leader = UserFactory(roles=["leadership"], agency=besar)
    return locals()


def stats(user, **query):
    response = client_for(user).get("/api/stats/", query)
    assert response.status_code == 200, response.content
    return response.json()


def agency_rows(body):
    return {row["agency"]["code"]: row for row in body["agencies"]}


def test_agencies_are_ranked_per_100_staff_so_a_small_office_leads_and_ties_share_a_rank():
    w = world()
    rows = agency_rows(stats(w["leader"], campaign=w["k"].pk))

    def pick(code, *fields):
        return tuple(rows[code][f] for f in fields)

    fields = ("ideas", "authors", "ideas_per_100", "authors_per_100", "rank", "rank_by_ideas")
    assert pick("KECIL", *fields) == (2, 1, 5.0, 2.5, 1, 1)
    assert pick("SEDANG", *fields) == (2, 2, 1.0, 1.0, 2, 1)
    assert pick("BESAR", *fields) == (2, 2, 0.2, 0.2, 3, 1)
    assert pick("LIMA", *fields) == (1, 1, 0.2, 0.2, 3, 4)
    assert pick("TANPA", *fields) == (0, 0, None, None, None, 5)
    # The list is in rank order, the agency without a headcount last.
    assert [r["agency"]["code"] for r in stats(w["leader"], campaign=w["k"].pk)["agencies"]] == [
        "KECIL",
        "SEDANG",
        "BESAR",
        "LIMA",
        "TANPA",
    ]


def test_a_collaboration_counts_in_full_for_every_agency_involved():
    w = world()
    rows = agency_rows(stats(w["leader"], campaign=w["k"].pk))

    fields = ("collaborations", "votes", "shortlisted", "accepted", "implemented", "comments")
    # BESAR leads i2 (1 vote left) and i1 (1 comment); KECIL co-writes i2 and leads i3.
    assert tuple(rows["BESAR"][f] for f in fields) == (1, 1, 1, 0, 0, 1)
    assert tuple(rows["KECIL"][f] for f in fields) == (1, 2, 2, 1, 1, 0)
    # A co-author of one's own agency is no collaboration.
    assert rows["SEDANG"]["collaborations"] == 0


def test_totals_and_funnel_match_a_hand_count():
    w = world()
    body = stats(w["leader"], campaign=w["k"].pk)

    totals = body["totals"]
    assert {
        k: totals[k]
        for k in (
            "ideas",
            "authors",
            "votes",
            "comments",
            "collaborations",
            "agencies_taking_part",
            "headcount",
            "shortlisted",
            "accepted",
            "implemented",
        )
    } == {
        "ideas": 6,
        "authors": 6,
        "votes": 2,
        "comments": 1,
        "collaborations": 1,
        "agencies_taking_part": 4,
        "headcount": 1740,
        "shortlisted": 3,
        "accepted": 2,
        "implemented": 1,
    }
    assert totals["ideas_per_100"] == round(600 / 1740, 2)
    assert {row["status"]: (row["count"], row["reached"]) for row in body["funnel"]} == {
        "submitted": (2, 6),
        "in_review": (0, 3),
        "shortlisted": (1, 3),
        "accepted": (1, 2),
        "piloting": (0, 1),
        "implemented": (1, 1),
        "rejected": (1, 1),
    }
    assert [row["status"] for row in body["funnel"]][:6] == [
        "submitted",
        "in_review",
        "shortlisted",
        "accepted",
        "piloting",
        "implemented",
    ]


def test_categories_and_regions_match_a_hand_count():
    w = world()
    body = stats(w["leader"], campaign=w["k"].pk)

    categories = {
        row["slug"]: (row["ideas"], row["votes"], row["rank"]) for row in body["categories"]
    }
    assert categories == {"traffic": (5, 1, 1), "flooding": (1, 1, 2)}
    mine = {w["kota1"].pk, w["kota2"].pk}
    regions = {
        row["region"]["code"]: (
            row["ideas"],
            row["authors"],
            row["collaborations"],
            row["headcount"],
            row["ideas_per_100"],
        )
        for row in body["regions"]
        if row["region"]["id"] in mine
    }
    # Kota Satu holds i1 and (through its kecamatan) i3; its staff are SEDANG's and KECIL's.
    assert regions == {"31.90": (2, 2, 0, 240, 0.83), "31.91": (1, 2, 1, None, None)}


def test_the_time_line_counts_ideas_votes_and_comments_per_jakarta_day():
    w = world()
    timeline = stats(w["leader"], campaign=w["k"].pk)["timeline"]

    by_day = {row["date"]: row for row in timeline}
    today = timezone.localdate()
    three_days_ago = (today - timedelta(days=3)).isoformat()
    # From the campaign's opening (10 days ago) to today, every day present.
    assert len(timeline) == 11
    assert timeline[0]["date"] == (today - timedelta(days=10)).isoformat()
    assert by_day[three_days_ago] == {"date": three_days_ago, "ideas": 1, "votes": 0, "comments": 0}
    assert by_day[today.isoformat()] == {
        "date": today.isoformat(),
        "ideas": 5,
        "votes": 2,  # three cast, one withdrawn
        "comments": 1,
    }
    assert activity_mismatches() == []


def test_filters_narrow_every_number():
    w = world()
    leader = w["leader"]

    everything = stats(leader)
    assert everything["totals"]["ideas"] == 7  # K2's idea too
    assert stats(leader, campaign=w["k"].pk, category="flooding")["totals"]["ideas"] == 1
    by_agency = stats(leader, campaign=w["k"].pk, agency=w["kecil"].pk)
    assert by_agency["totals"]["ideas"] == 1  # the lead agency, as on /api/ideas/
    assert by_agency["totals"]["headcount"] == 40
    assert [r["agency"]["code"] for r in by_agency["agencies"]] == ["KECIL"]
    by_region = stats(leader, campaign=w["k"].pk, region=w["kota1"].pk)
    assert by_region["totals"]["ideas"] == 2
    assert [(r["region"]["code"], r["ideas"]) for r in by_region["regions"]] == [("31.90.01", 1)]
    assert {row["votes"] for row in by_region["timeline"]} == {None}
    assert by_region["filters"] == {
        "campaign": w["k"].pk,
        "category": None,
        "agency": None,
        "region": w["kota1"].pk,
    }


def test_reviewer_progress_per_panel():
    admin = UserFactory(roles=["admin"])
    campaign = campaign_in_phase("review", title="Jakarta Tangguh Banjir")
    review_services.rubric_apply(campaign=campaign, template_key=PERMENPAN, by=admin)
    home, elsewhere = AgencyFactory(), AgencyFactory()
    ideas = [idea_in(campaign, author=UserFactory(agency=home), title=f"G{i}") for i in range(3)]
    first = UserFactory(full_name="Ani Reviewer", agency=elsewhere)
    second = UserFactory(full_name="Budi Reviewer", agency=elsewhere)
    review_services.panel_members_set(campaign=campaign, members=[first, second], by=admin)
    for idea in ideas:
        review_services.review_assignment_create(idea=idea, reviewer=first, by=admin)
    review_services.review_assignment_create(idea=ideas[0], reviewer=second, by=admin)
    review_services.review_submit(
        idea_id=ideas[0].pk, reviewer=first, data=review_input(campaign, [5, 4, 3, 2, 1])
    )

    (panel,) = stats(UserFactory(roles=["leadership"]), campaign=campaign.pk)["reviewers"]

    assert (panel["members"], panel["assigned"], panel["reviewed"], panel["progress"]) == (
        2,
        4,
        1,
        25.0,
    )
    assert [(r["full_name"], r["assigned"], r["reviewed"]) for r in panel["reviewers"]] == [
        ("Ani Reviewer", 3, 1),
        ("Budi Reviewer", 1, 0),
    ]


def test_only_leadership_and_admins_read_the_stats(staff, leader, admin_user, api_client):
    assert api_client.get("/api/stats/").status_code == 401
    refused = client_for(staff).get("/api/stats/")
    assert refused.status_code == 403
    assert refused.json()["code"] == "not_leadership"
    assert client_for(leader).get("/api/stats/").status_code == 200
    assert client_for(admin_user).get("/api/stats/").status_code == 200


@pytest.mark.parametrize(
    "query, field",
    [
        ({"campaign": "999999"}, "campaign"),
        ({"campaign": "satu"}, "campaign"),
        ({"category": "tidak-ada"}, "category"),
        ({"agency": "-1"}, "agency"),
        ({"region": "99999999999999999999999"}, "region"),
    ],
)
def test_a_filter_that_names_nothing_is_a_400_naming_it(leader, query, field):
    response = client_for(leader).get("/api/stats/", query)

    assert response.status_code == 400
    assert list(response.json()) == [field]


def test_the_api_answers_what_the_computation_gives(leader):
    w = world()
    body = stats(w["leader"], campaign=w["k"].pk)
    direct = stats_compute(StatsFilters(campaign=w["k"]))

    assert {k: v for k, v in body.items() if k not in ("seq", "generated_at")} == {
        k: v for k, v in direct.items() if k not in ("seq", "generated_at")
    }
