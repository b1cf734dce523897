"""Bulk assignment: every idea gets its reviewers, never a conflicted one, loads kept even.

`review_assign` on a campaign shaped like the demo's, and `plan_assignments` (pure) under
generated agencies, panels and ideas."""

from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ideas import services as idea_services
from ideas.models import Idea
from reviews import services
from reviews.models import ConflictOfInterestAttempt, ReviewAssignment
from reviews.services import plan_assignments
from tests.factories import AgencyFactory, UserFactory, campaign_in_phase, invitations_accept
from tests.reviews.conftest import api, idea_in, refusal, submit

AGENCIES = [
    ("INSPEKTORAT", "Inspektorat"),
    ("BAPPEDA", "Badan Perencanaan Pembangunan Daerah"),
    ("DISKOMINFOTIK", "Dinas Komunikasi, Informatika dan Statistik"),
    ("DSDA", "Dinas Sumber Daya Air"),
    ("BPBD", "Badan Penanggulangan Bencana Daerah"),
    ("DINSOS", "Dinas Sosial"),
]


@pytest.fixture
def demo(traffic, agency, admin_user):
    """Like the demo's review campaign: three panel members from three agencies, eleven ideas by
    staff of seven agencies (three of them the panel's own), two of them co-written by a panel
    member; and a draft and a rejected idea that are out of the running."""
    campaign = campaign_in_phase("review", title="Jakarta Bebas Macet")
    agencies = {code: AgencyFactory(code=code, name=name) for code, name in AGENCIES}
    agencies["DISHUB"] = agency  # the admin's
    panel = [
        UserFactory(
            username="reviewer1", full_name="Dewi Kartika Sari", agency=agencies["INSPEKTORAT"]
        ),
        UserFactory(username="reviewer2", full_name="Bambang Sutrisno", agency=agencies["BAPPEDA"]),
        UserFactory(
            username="reviewer3", full_name="Nurul Hidayah", agency=agencies["DISKOMINFOTIK"]
        ),
    ]
    services.panel_members_set(campaign=campaign, members=panel, by=admin_user)
    staff = {code: UserFactory(agency=agency) for code, agency in agencies.items()}
    r1, _r2, r3 = panel
    ideas = [
        idea_in(campaign, author=staff["DISHUB"], title="Lampu adaptif di simpang Kuningan"),
        idea_in(campaign, author=staff["DISHUB"], title="Parkir elektronik di Blok M"),
        idea_in(campaign, author=staff["DSDA"], title="Sensor tinggi muka air di pintu air"),
        idea_in(campaign, author=staff["DSDA"], co_authors=[r1], title="Peta genangan warga"),
        idea_in(campaign, author=staff["BPBD"], title="Sirene banjir berbasis SMS"),
        idea_in(campaign, author=staff["DINSOS"], title="Dapur umum terdata"),
        idea_in(campaign, author=staff["DINSOS"], co_authors=[r3], title="Bansos tanpa antre"),
        idea_in(campaign, author=staff["INSPEKTORAT"], title="Whistleblowing daring"),
        idea_in(campaign, author=staff["BAPPEDA"], title="Musrenbang digital"),
        idea_in(campaign, author=staff["DISKOMINFOTIK"], title="Wi-Fi publik di RPTRA"),
        idea_in(campaign, author=staff["BPBD"], title="Latihan evakuasi di sekolah"),
    ]
    draft = idea_in(campaign, author=staff["DSDA"], draft=True, title="Draf: sumur resapan")
    rejected = idea_in(campaign, author=staff["DISHUB"], title="Ditolak: jalan berbayar")
    Idea.objects.filter(pk=rejected.pk).update(status=Idea.Status.REJECTED)
    return campaign, panel, ideas, [draft, rejected]


def assignment_pairs(campaign) -> set[tuple[int, int]]:
    return set(
        ReviewAssignment.objects.filter(idea__campaign=campaign).values_list(
            "idea_id", "reviewer_id"
        )
    )


@pytest.mark.django_db
def test_every_idea_gets_two_reviewers_none_conflicted_and_loads_within_one(demo, admin_user):
    campaign, panel, ideas, out_of_running = demo

    report = services.review_assign(campaign=campaign, per_idea=2, by=admin_user)

    pairs = assignment_pairs(campaign)
    per_idea = Counter(idea_id for idea_id, _ in pairs)
    assert per_idea == {idea.pk: 2 for idea in ideas}
    for assignment in ReviewAssignment.objects.select_related("idea", "reviewer"):
        assert (
            services.conflict_of_interest(idea=assignment.idea, reviewer=assignment.reviewer)
            is None
        )
        assert assignment.assigned_by == admin_user
    loads = Counter(reviewer_id for _, reviewer_id in pairs)
    assert set(loads) == {r.pk for r in panel}
    assert max(loads.values()) - min(loads.values()) <= 1
    assert sum(loads.values()) == 22
    assert (report.created, report.loads, report.short) == (22, dict(loads), {})
    assert not ReviewAssignment.objects.filter(idea__in=out_of_running).exists()
    assert not ConflictOfInterestAttempt.objects.exists()


@pytest.mark.django_db
def test_running_the_assignment_again_through_the_api_adds_nothing(demo, admin_user):
    campaign, panel, ideas, _ = demo
    services.review_assign(campaign=campaign, per_idea=2, by=admin_user)
    before = set(ReviewAssignment.objects.values_list("pk", "idea_id", "reviewer_id", "due_at"))
    loads = Counter(r for _, _, r, _ in before)

    response = api(admin_user).post(f"/api/campaigns/{campaign.pk}/panel/assign/", {"per_idea": 2})

    assert response.status_code == 200, response.content
    assert response.json() == {
        "created": 0,
        "removed": 0,
        "loads": {str(r): n for r, n in sorted(loads.items())},
        "short": {},
    }
    after = set(ReviewAssignment.objects.values_list("pk", "idea_id", "reviewer_id", "due_at"))
    assert after == before


@pytest.mark.django_db
def test_assignments_made_by_hand_are_kept_and_only_what_is_missing_is_added(demo, admin_user):
    campaign, panel, ideas, _ = demo
    r1, r2, r3 = panel
    by_hand = services.review_assignment_create(idea=ideas[0], reviewer=r3, by=admin_user)

    report = services.review_assign(campaign=campaign, per_idea=2, by=admin_user)

    assert ReviewAssignment.objects.get(idea=ideas[0], reviewer=r3).pk == by_hand.pk
    assert ReviewAssignment.objects.filter(idea=ideas[0]).count() == 2
    assert report.created == 21
    first = set(ReviewAssignment.objects.values_list("pk", "idea_id", "reviewer_id"))

    # A late idea: only it is served on the next run; nothing else moves.
    late = idea_in(campaign, author=ideas[4].author, title="Pompa mobile untuk underpass")
    report = services.review_assign(campaign=campaign, per_idea=2, by=admin_user)

    assert report.created == 2
    assert first < set(ReviewAssignment.objects.values_list("pk", "idea_id", "reviewer_id"))
    assert ReviewAssignment.objects.filter(idea=late).count() == 2


@pytest.mark.django_db
def test_an_idea_with_too_few_eligible_reviewers_is_reported_short(traffic, admin_user):
    campaign = campaign_in_phase("review")
    home, away = AgencyFactory(), AgencyFactory()
    colleague = UserFactory(agency=home)
    outsider = UserFactory(agency=away)
    services.panel_members_set(campaign=campaign, members=[colleague, outsider], by=admin_user)
    idea = idea_in(campaign, author=UserFactory(agency=home))

    report = services.review_assign(campaign=campaign, per_idea=2, by=admin_user)

    assert assignment_pairs(campaign) == {(idea.pk, outsider.pk)}
    assert (report.created, report.loads, report.short) == (1, {outsider.pk: 1}, {idea.pk: 1})


# --- plan_assignments, pure --------------------------------------------------------------------


@st.composite
def panels_and_ideas(draw):
    """Agencies 0..n-1; reviewers with an agency (or none); ideas with an agency, perhaps written
    or co-written by a reviewer. Eligibility as the service derives it."""
    agencies = draw(st.integers(min_value=1, max_value=5))
    agency = st.one_of(st.none(), st.integers(min_value=0, max_value=agencies - 1))
    reviewer_agencies = draw(st.lists(agency, min_size=1, max_size=7))
    reviewers = list(range(100, 100 + len(reviewer_agencies)))
    home = dict(zip(reviewers, reviewer_agencies, strict=True))
    eligible = {}
    for idea_id in range(1, draw(st.integers(min_value=0, max_value=15)) + 1):
        writers = draw(st.sets(st.sampled_from(reviewers), max_size=2))
        idea_agency = draw(st.integers(min_value=0, max_value=agencies - 1))
        eligible[idea_id] = {
            r for r in reviewers if r not in writers and (home[r] is None or home[r] != idea_agency)
        }
    per_idea = draw(st.integers(min_value=1, max_value=4))
    return eligible, reviewers, per_idea


def loads_of(pairs, reviewers) -> dict[int, int]:
    loads = dict.fromkeys(reviewers, 0)
    for _idea, reviewer in pairs:
        loads[reviewer] += 1
    return loads


@settings(max_examples=300, deadline=None, database=None)
@given(panels_and_ideas())
def test_plan_gives_each_idea_min_k_eligible_reviewers_and_never_an_ineligible_one(case):
    eligible, reviewers, k = case

    plan = plan_assignments(eligible=eligible, reviewers=reviewers, per_idea=k, existing=set())

    for idea, reviewer in plan:
        assert reviewer in eligible[idea]
    per_idea = Counter(idea for idea, _ in plan)
    for idea, allowed in eligible.items():
        assert per_idea[idea] <= k
        assert per_idea[idea] == min(k, len(allowed))
    if all(allowed == set(reviewers) for allowed in eligible.values()):
        loads = loads_of(plan, reviewers)
        assert max(loads.values()) - min(loads.values()) <= 1


@settings(max_examples=200, deadline=None, database=None)
@given(
    reviewers=st.integers(min_value=1, max_value=8),
    ideas=st.integers(min_value=0, max_value=30),
    k=st.integers(min_value=1, max_value=5),
)
def test_plan_keeps_loads_within_one_when_everyone_may_judge_everything(reviewers, ideas, k):
    panel = list(range(1, reviewers + 1))
    eligible = {idea: set(panel) for idea in range(1000, 1000 + ideas)}

    plan = plan_assignments(eligible=eligible, reviewers=panel, per_idea=k, existing=set())

    assert Counter(idea for idea, _ in plan) == {idea: min(k, reviewers) for idea in eligible}
    loads = loads_of(plan, panel)
    assert max(loads.values()) - min(loads.values()) <= 1


@settings(max_examples=200, deadline=None, database=None)
@given(panels_and_ideas(), st.randoms(use_true_random=False))
def test_plan_keeps_existing_assignments_and_only_fills_up(case, rng):
    eligible, reviewers, k = case
    existing = set()
    for idea, allowed in eligible.items():
        chosen = rng.sample(sorted(allowed), rng.randint(0, min(k, len(allowed))))
        existing |= {(idea, r) for r in chosen}

    plan = plan_assignments(eligible=eligible, reviewers=reviewers, per_idea=k, existing=existing)

    assert existing <= plan
    assert all(reviewer in eligible[idea] for idea, reviewer in plan)
    per_idea = Counter(idea for idea, _ in plan)
    assert all(per_idea[idea] == min(k, len(eligible[idea])) for idea in eligible)
    # Nothing more to do the second time round.
    assert (
        plan_assignments(eligible=eligible, reviewers=reviewers, per_idea=k, existing=plan) == plan
    )


@pytest.mark.django_db
def test_an_assignment_that_became_conflicted_is_replaced_on_the_next_run(
    idea, reviewer, second_reviewer, admin_user, review_campaign, traffic
):
    services.panel_members_set(
        campaign=review_campaign, members=[reviewer, second_reviewer], by=admin_user
    )
    services.review_assign(campaign=review_campaign, per_idea=2, by=admin_user)
    # The reviewer becomes a co-author after being assigned (admins may edit ideas at any time);
    # a third, unconflicted member joins the panel.
    idea_services.idea_update(
        idea_id=idea.pk,
        editor=admin_user,
        data={"co_authors": [*idea.co_authors.all(), reviewer]},
    )
    invitations_accept(idea)  # invited by the edit; a co-author once they accept
    newcomer = UserFactory(full_name="Nurul Hidayah", agency=AgencyFactory(code="DISKOMINFOTIK"))
    services.panel_members_set(
        campaign=review_campaign,
        members=[reviewer, second_reviewer, newcomer],
        by=admin_user,
    )

    report = services.review_assign(campaign=review_campaign, per_idea=2, by=admin_user)

    usable = [
        a.reviewer
        for a in ReviewAssignment.objects.filter(idea=idea).select_related("reviewer")
        if services.conflict_of_interest(idea=idea, reviewer=a.reviewer) is None
    ]
    assert sorted(u.pk for u in usable) == sorted([second_reviewer.pk, newcomer.pk]), report


# --- DELETE /api/reviews/assignments/{id}/ -----------------------------------------------------


@pytest.mark.django_db
def test_admin_takes_back_an_assignment_not_yet_reviewed(idea, assigned, admin_user, reviewer):
    response = api(admin_user).delete(f"/api/reviews/assignments/{assigned[0].pk}/")

    assert response.status_code == 204, response.content
    assert not ReviewAssignment.objects.filter(reviewer=reviewer).exists()


@pytest.mark.django_db
def test_an_assignment_already_reviewed_cannot_be_taken_back(idea, assigned, admin_user, reviewer):
    submit(idea, reviewer, [3] * 5)

    response = api(admin_user).delete(f"/api/reviews/assignments/{assigned[0].pk}/")

    assert response.status_code == 409, response.content
    assert response.json() == refusal(
        "review_exists", "This reviewer has already reviewed the idea."
    )
    assert ReviewAssignment.objects.filter(pk=assigned[0].pk).exists()


@pytest.mark.django_db
def test_only_admins_take_back_assignments(idea, assigned, reviewer):
    response = api(reviewer).delete(f"/api/reviews/assignments/{assigned[0].pk}/")

    assert response.status_code == 403, response.content
    assert response.json() == refusal("not_admin", "Only innovation admins may reassign reviews.")
    assert ReviewAssignment.objects.count() == 2


@pytest.mark.django_db
def test_taking_back_an_unknown_assignment_is_404(admin_user):
    assert api(admin_user).delete("/api/reviews/assignments/999999/").status_code == 404


@pytest.mark.django_db
def test_only_admins_assign_by_hand_or_in_bulk(idea, reviewer, review_campaign):
    client = api(reviewer)

    one = client.post("/api/reviews/assignments/", {"idea": idea.pk, "reviewer": reviewer.pk})
    bulk = client.post(f"/api/campaigns/{review_campaign.pk}/panel/assign/", {"per_idea": 2})

    assert (one.status_code, one.json()) == (
        403,
        refusal("not_admin", "Only innovation admins may assign reviews."),
    )
    assert (bulk.status_code, bulk.json()) == (
        403,
        refusal("not_admin", "Only innovation admins may assign reviews."),
    )
    assert not ReviewAssignment.objects.exists()
