"""Co-authors by invitation (issue 12, ideas.coauthors): naming a co-author invites them; only
once they accept do they co-author the idea (credit, edit rights, their vote refused); the
author is told of the answer; ideas whose accepted authors span agencies are collaborations,
found by the feed's and the leaderboard's `collaboration` filter."""

import pytest
from django.db import IntegrityError, transaction

from accounts.models import User
from core.errors import RuleConflict, RuleForbidden
from dashboard.stats import StatsFilters, stats_compute
from ideas import coauthors, selectors
from ideas.activity import activity_mismatches
from ideas.models import CoAuthorInvitation, Idea, IdeaFollow
from ideas.serializers import IdeaSerializer
from ideas.services import idea_create, idea_update
from notifications.models import Notification
from reviews.services import review_assignment_create
from tests.conftest import client_for
from tests.factories import (
    AgencyFactory,
    CategoryFactory,
    UserFactory,
    campaign_in_phase,
    make_idea,
)
from voting.models import Vote
from voting.services import vote_cast, vote_count_mismatches

pytestmark = pytest.mark.django_db

BODY = {
    "title": "Posko banjir bersama dua dinas",
    "problem": "Warga bantaran kali tidak tahu posko mana yang buka saat banjir.",
    "solution": "Peta posko bersama yang diperbarui petugas dua dinas.",
    "category": "traffic",
}


def user_json(user):
    agency = user.agency
    return {
        "id": user.pk,
        "full_name": user.full_name,
        "agency": {"id": agency.pk, "code": agency.code, "name": agency.name},
    }


def notifications_of(kind):
    return sorted(
        (n.user_id, n.data) for n in Notification.objects.filter(kind=kind).order_by("pk")
    )


def invite(author, invitee, **fields):
    """An idea outside any campaign (editable, and open for votes) naming `invitee`, not
    accepted: the service directly, not make_idea (which accepts)."""
    idea = idea_create(
        author=author,
        category=fields.pop("category", None) or CategoryFactory(),
        title=BODY["title"],
        problem=BODY["problem"],
        solution=BODY["solution"],
        co_authors=[invitee],
        **fields,
    )
    return idea, idea.invitations.get(invitee=invitee)


# --- Inviting ----------------------------------------------------------------------------------


def test_naming_a_co_author_invites_them_and_tells_only_them(
    staff, staff_client, other_staff, traffic
):
    response = staff_client.post("/api/ideas/", {**BODY, "co_authors": [other_staff.pk]})

    assert response.status_code == 201, response.content
    idea = Idea.objects.get()
    invitation = CoAuthorInvitation.objects.get()
    assert (invitation.idea, invitation.invitee, invitation.invited_by, invitation.status) == (
        idea,
        other_staff,
        staff,
        "pending",
    )
    assert invitation.answered_at is None
    assert list(idea.co_authors.all()) == []  # not before they accept
    assert response.json()["co_authors"] == []
    assert response.json()["invitations"] == [
        {
            "id": invitation.pk,
            "invitee": user_json(other_staff),
            "created_at": response.json()["invitations"][0]["created_at"],
        }
    ]
    assert notifications_of("coauthor_invited") == [
        (
            other_staff.pk,
            {
                "idea": idea.pk,
                "title": BODY["title"],
                "invitation": invitation.pk,
                "inviter": staff.full_name,
            },
        )
    ]


def test_naming_the_same_people_again_invites_nobody_twice(staff, other_staff):
    idea, invitation = invite(staff, other_staff)

    idea_update(idea_id=idea.pk, editor=staff, data={"co_authors": [other_staff]})
    idea_update(idea_id=idea.pk, editor=staff, data={"co_authors": [other_staff, other_staff]})

    assert list(idea.invitations.values_list("pk", "status")) == [(invitation.pk, "pending")]
    assert Notification.objects.filter(kind="coauthor_invited").count() == 1


def test_the_database_holds_one_open_invitation_per_idea_and_invitee(staff, other_staff):
    idea, _ = invite(staff, other_staff)

    with pytest.raises(IntegrityError), transaction.atomic():
        CoAuthorInvitation.objects.create(idea=idea, invitee=other_staff, invited_by=staff)


def test_the_limit_counts_accepted_and_pending_together(staff, staff_client, traffic):
    accepted = [UserFactory() for _ in range(4)]
    idea = make_idea(author=staff, category=traffic, co_authors=accepted)  # accepted at once
    pending = [UserFactory() for _ in range(6)]
    ok = staff_client.patch(
        f"/api/ideas/{idea.pk}/", {"co_authors": [u.pk for u in accepted + pending]}
    )
    assert ok.status_code == 200, ok.content
    assert (idea.co_authors.count(), idea.invitations.filter(status="pending").count()) == (4, 6)

    one_more = staff_client.patch(
        f"/api/ideas/{idea.pk}/",
        {"co_authors": [u.pk for u in accepted + pending] + [UserFactory().pk]},
    )

    assert one_more.status_code == 400
    assert list(one_more.json()) == ["co_authors"]
    assert idea.invitations.filter(status="pending").count() == 6


def test_the_author_and_inactive_accounts_cannot_be_invited(staff, staff_client, traffic):
    idea = make_idea(author=staff, category=traffic)

    itself = staff_client.patch(f"/api/ideas/{idea.pk}/", {"co_authors": [staff.pk]})
    gone = staff_client.patch(
        f"/api/ideas/{idea.pk}/", {"co_authors": [UserFactory(is_active=False).pk]}
    )

    assert (itself.status_code, itself.json()["code"]) == (409, "invalid_co_author")
    assert gone.status_code == 400
    assert not CoAuthorInvitation.objects.exists()


def test_a_drafts_invitee_hears_of_it_when_the_draft_is_submitted(staff, other_staff):
    idea, invitation = invite(staff, other_staff, draft=True)
    assert not Notification.objects.filter(kind="coauthor_invited").exists()

    idea_update(idea_id=idea.pk, editor=staff, data={"draft": False})

    assert notifications_of("coauthor_invited") == [
        (
            other_staff.pk,
            {
                "idea": idea.pk,
                "title": idea.title,
                "invitation": invitation.pk,
                "inviter": staff.full_name,
            },
        )
    ]


# --- Answering ---------------------------------------------------------------------------------


def test_the_invitee_accepts_and_co_authors_the_idea_and_the_author_is_told(staff, other_staff):
    idea, invitation = invite(staff, other_staff)

    response = client_for(other_staff).post(f"/api/invitations/{invitation.pk}/accept/")

    assert response.status_code == 200, response.content
    invitation.refresh_from_db()
    assert response.json() == {
        "id": invitation.pk,
        "idea": {"id": idea.pk, "title": idea.title, "status": "submitted"},
        "invited_by": user_json(staff),
        "status": "accepted",
        "created_at": response.json()["created_at"],
        "answered_at": response.json()["answered_at"],
    }
    assert invitation.status == "accepted" and invitation.answered_at is not None
    assert list(idea.co_authors.all()) == [other_staff]
    assert IdeaFollow.objects.filter(idea=idea, user=other_staff).exists()
    assert notifications_of("coauthor_answered") == [
        (
            staff.pk,
            {
                "idea": idea.pk,
                "title": idea.title,
                "invitation": invitation.pk,
                "invitee": other_staff.full_name,
                "accepted": True,
            },
        )
    ]
    body = client_for(staff).get(f"/api/ideas/{idea.pk}/").json()
    assert (body["co_authors"], body["invitations"]) == ([user_json(other_staff)], [])


def test_the_invitee_declines_and_stays_out_and_the_author_is_told(staff, other_staff):
    idea, invitation = invite(staff, other_staff)

    response = client_for(other_staff).post(f"/api/invitations/{invitation.pk}/decline/")

    assert response.status_code == 200, response.content
    assert response.json()["status"] == "declined"
    assert list(idea.co_authors.all()) == []
    assert notifications_of("coauthor_answered") == [
        (
            staff.pk,
            {
                "idea": idea.pk,
                "title": idea.title,
                "invitation": invitation.pk,
                "invitee": other_staff.full_name,
                "accepted": False,
            },
        )
    ]


def test_an_answered_invitation_cannot_be_answered_again(staff, other_staff):
    idea, invitation = invite(staff, other_staff)
    invitee = client_for(other_staff)
    invitee.post(f"/api/invitations/{invitation.pk}/decline/")

    again = invitee.post(f"/api/invitations/{invitation.pk}/accept/")
    twice = invitee.post(f"/api/invitations/{invitation.pk}/decline/")

    assert (again.status_code, again.json()["code"]) == (409, "invitation_answered")
    assert (twice.status_code, twice.json()["code"]) == (409, "invitation_answered")
    assert list(idea.co_authors.all()) == []
    assert Notification.objects.filter(kind="coauthor_answered").count() == 1


def test_nobody_but_the_invitee_answers_an_invitation(staff, other_staff, admin_user):
    idea, invitation = invite(staff, other_staff)

    for person in (staff, admin_user, UserFactory()):
        response = client_for(person).post(f"/api/invitations/{invitation.pk}/accept/")
        assert response.status_code == 404
    assert client_for(other_staff).post("/api/invitations/999999/accept/").status_code == 404
    invitation.refresh_from_db()
    assert invitation.status == "pending"
    assert list(idea.co_authors.all()) == []


def test_the_author_withdraws_by_leaving_the_invitee_out_and_acceptance_is_then_refused(
    staff, staff_client, other_staff
):
    idea, invitation = invite(staff, other_staff)

    response = staff_client.patch(f"/api/ideas/{idea.pk}/", {"co_authors": []})

    assert response.status_code == 200, response.content
    invitation.refresh_from_db()
    assert invitation.status == "withdrawn" and invitation.answered_at is not None
    late = client_for(other_staff).post(f"/api/invitations/{invitation.pk}/accept/")
    assert (late.status_code, late.json()["code"]) == (409, "invitation_answered")
    assert list(idea.co_authors.all()) == []


def test_the_author_withdraws_an_invitation_and_nobody_else_may(staff, other_staff):
    idea, invitation = invite(staff, other_staff)

    refused = client_for(UserFactory()).post(f"/api/invitations/{invitation.pk}/withdraw/")
    assert (refused.status_code, refused.json()["code"]) == (403, "not_author")
    done = client_for(staff).post(f"/api/invitations/{invitation.pk}/withdraw/")

    assert done.status_code == 200, done.content
    assert done.json()["status"] == "withdrawn"
    # A new invitation may follow a withdrawn one.
    idea_update(idea_id=idea.pk, editor=staff, data={"co_authors": [other_staff]})
    assert sorted(idea.invitations.values_list("status", flat=True)) == ["pending", "withdrawn"]


def test_coauthor_invite_adds_one_invitation_under_the_edit_rules(staff, other_staff, traffic):
    idea = make_idea(author=staff, category=traffic)

    invitation = coauthors.coauthor_invite(idea_id=idea.pk, invitee=other_staff, by=staff)
    again = coauthors.coauthor_invite(idea_id=idea.pk, invitee=other_staff, by=staff)

    assert again == invitation and invitation.status == "pending"
    closed = make_idea(author=staff, category=traffic, campaign=campaign_in_phase("voting"))
    with pytest.raises(RuleConflict) as refused:
        coauthors.coauthor_invite(idea_id=closed.pk, invitee=other_staff, by=staff)
    assert refused.value.code == "editing_closed"
    with pytest.raises(RuleForbidden):
        coauthors.coauthor_invite(idea_id=idea.pk, invitee=UserFactory(), by=other_staff)


def test_an_accepted_co_author_left_out_of_the_list_is_removed(staff, staff_client, other_staff):
    idea, invitation = invite(staff, other_staff)
    coauthors.invitation_accept(invitation_id=invitation.pk, user=other_staff)

    staff_client.patch(f"/api/ideas/{idea.pk}/", {"co_authors": []})

    assert list(idea.co_authors.all()) == []
    invitation.refresh_from_db()
    assert invitation.status == "accepted"  # the record of what was answered stays


# --- Permissions before and after acceptance ---------------------------------------------------


def test_before_accepting_the_invitee_may_vote_and_not_edit_after_it_the_reverse(
    staff, other_staff
):
    idea, invitation = invite(staff, other_staff)
    invitee = client_for(other_staff)

    refused_edit = invitee.patch(f"/api/ideas/{idea.pk}/", {"title": "Judul yang diubah rekan"})
    vote = invitee.post(f"/api/ideas/{idea.pk}/vote/")
    before = invitee.get(f"/api/ideas/{idea.pk}/").json()

    assert (refused_edit.status_code, refused_edit.json()["code"]) == (403, "not_author")
    assert vote.status_code in (200, 201), vote.content
    assert (before["can_edit"], before["vote_refusal"], before["vote_count"]) == (False, None, 1)

    invitee.post(f"/api/invitations/{invitation.pk}/accept/")

    edit = invitee.patch(f"/api/ideas/{idea.pk}/", {"title": "Judul yang diubah rekan"})
    refused_vote = invitee.post(f"/api/ideas/{idea.pk}/vote/")
    after = invitee.get(f"/api/ideas/{idea.pk}/").json()
    assert edit.status_code == 200, edit.content
    assert (refused_vote.status_code, refused_vote.json()["code"]) == (403, "own_idea")
    assert (after["can_edit"], after["vote_refusal"]) == (True, "co_authored")


def test_accepting_withdraws_the_vote_cast_before_so_counts_reconcile(staff, other_staff):
    """The rule: a co-author may not vote for their idea, so a vote cast while only invited
    is withdrawn on acceptance (through the voting service), even once voting has closed."""
    idea, invitation = invite(staff, other_staff)
    vote_cast(idea_id=idea.pk, voter=other_staff)
    vote_cast(idea_id=idea.pk, voter=UserFactory())
    idea.refresh_from_db()
    assert idea.vote_count == 2

    coauthors.invitation_accept(invitation_id=invitation.pk, user=other_staff)

    idea.refresh_from_db()
    assert idea.vote_count == 1
    assert not Vote.objects.filter(idea=idea, voter=other_staff).exists()
    assert vote_count_mismatches() == []
    assert activity_mismatches() == []


def test_accepting_after_voting_closed_still_withdraws_the_vote(staff, other_staff, traffic):
    voting = campaign_in_phase("voting")
    idea, invitation = invite(staff, other_staff, campaign=voting, category=traffic)
    vote_cast(idea_id=idea.pk, voter=other_staff)
    closed = campaign_in_phase("closed")
    Idea.objects.filter(pk=idea.pk).update(campaign=closed)

    coauthors.invitation_accept(invitation_id=invitation.pk, user=other_staff)

    idea.refresh_from_db()
    assert (idea.vote_count, Vote.objects.filter(idea=idea).count()) == (0, 0)
    assert vote_count_mismatches() == []


def test_the_idea_body_shows_invitations_to_its_authors_the_invitee_and_admins_only(
    staff, other_staff, admin_user
):
    idea, invitation = invite(staff, other_staff)
    second = UserFactory(full_name="Rina Kurnia")
    idea_update(idea_id=idea.pk, editor=staff, data={"co_authors": [other_staff, second]})

    def shown_to(person):
        body = client_for(person).get(f"/api/ideas/{idea.pk}/").json()
        return [i["invitee"]["id"] for i in body["invitations"]]

    assert shown_to(staff) == [other_staff.pk, second.pk]
    assert shown_to(admin_user) == [other_staff.pk, second.pk]
    assert shown_to(other_staff) == [other_staff.pk]
    assert shown_to(UserFactory()) == []
    feed = client_for(UserFactory()).get("/api/ideas/").json()["results"]
    assert [row["invitations"] for row in feed] == [[]]


def test_my_invitations_list_pending_first(staff, other_staff):
    first, first_invitation = invite(staff, other_staff)
    second, second_invitation = invite(staff, other_staff)
    third, third_invitation = invite(staff, other_staff)
    coauthors.invitation_decline(invitation_id=first_invitation.pk, user=other_staff)
    invite(staff, UserFactory())  # someone else's

    response = client_for(other_staff).get("/api/invitations/")

    assert response.status_code == 200
    rows = response.json()["results"]
    assert [(row["id"], row["status"]) for row in rows] == [
        (third_invitation.pk, "pending"),
        (second_invitation.pk, "pending"),
        (first_invitation.pk, "declined"),
    ]


# --- Collaborations ----------------------------------------------------------------------------


def test_an_idea_is_a_collaboration_once_a_co_author_from_another_agency_accepts(
    staff, other_staff
):
    idea, invitation = invite(staff, other_staff)  # DISHUB and DSDA
    same_agency = UserFactory(agency=staff.agency)
    alone, colleague_invitation = invite(staff, same_agency)
    coauthors.invitation_accept(invitation_id=colleague_invitation.pk, user=same_agency)
    reader = client_for(UserFactory())

    def marked():
        return {
            row["id"]: row["is_collaboration"]
            for row in reader.get("/api/ideas/").json()["results"]
        }

    assert marked() == {idea.pk: False, alone.pk: False}  # pending does not count
    coauthors.invitation_accept(invitation_id=invitation.pk, user=other_staff)
    assert marked() == {idea.pk: True, alone.pk: False}
    assert reader.get(f"/api/ideas/{idea.pk}/").json()["is_collaboration"] is True
    only = reader.get("/api/ideas/", {"collaboration": "true"}).json()
    assert [row["id"] for row in only["results"]] == [idea.pk] and only["count"] == 1
    others = reader.get("/api/ideas/", {"collaboration": "false"}).json()
    assert [row["id"] for row in others["results"]] == [alone.pk]
    # The dashboard counts the same ideas (one rule: ideas.coauthors.collaboration_links).
    assert stats_compute(StatsFilters())["totals"]["collaborations"] == 1


def test_the_leaderboard_ranks_collaborations_on_their_own(staff, other_staff, traffic):
    campaign = campaign_in_phase("voting")
    popular = make_idea(author=staff, category=traffic, campaign=campaign)
    shared = make_idea(author=staff, category=traffic, campaign=campaign, co_authors=[other_staff])
    third = UserFactory(agency=AgencyFactory(code="BPBD"))
    also_shared = make_idea(
        author=other_staff, category=traffic, campaign=campaign, co_authors=[third]
    )
    for _ in range(3):
        vote_cast(idea_id=popular.pk, voter=UserFactory())
    for _ in range(2):
        vote_cast(idea_id=also_shared.pk, voter=UserFactory())
    vote_cast(idea_id=shared.pk, voter=UserFactory())
    reader = client_for(UserFactory())

    everything = reader.get("/api/leaderboard/", {"campaign": campaign.pk}).json()
    collaborations = reader.get(
        "/api/leaderboard/", {"campaign": campaign.pk, "collaboration": "true"}
    ).json()

    assert [(e["rank"], e["idea"]["id"]) for e in everything["entries"]] == [
        (1, popular.pk),
        (2, also_shared.pk),
        (3, shared.pk),
    ]
    assert [(e["rank"], e["idea"]["id"]) for e in collaborations["entries"]] == [
        (1, also_shared.pk),
        (2, shared.pk),
    ]


@pytest.mark.parametrize("reader", ["staff", "other_staff", "admin_user", "stranger"])
def test_the_rows_answer_what_the_serializer_answers_with_invitations_open(
    request, reader, staff, other_staff, admin_user
):
    idea, _ = invite(staff, other_staff)
    colleague = UserFactory(agency=AgencyFactory(code="BPBD"))
    shared = make_idea(author=staff, co_authors=[colleague])
    idea_update(idea_id=shared.pk, editor=staff, data={"co_authors": [colleague, other_staff]})
    user = UserFactory() if reader == "stranger" else request.getfixturevalue(reader)
    user = User.objects.get(pk=user.pk)
    wrapper = type("R", (), {"user": user})()

    for pk in (idea.pk, shared.pk):
        body = client_for(user).get(f"/api/ideas/{pk}/").json()
        model = selectors.idea_list(user=user).get(pk=pk)
        assert body == dict(IdeaSerializer(model, context={"request": wrapper}).data)
    feed = client_for(user).get("/api/ideas/").json()["results"]
    assert {row["id"]: row["is_collaboration"] for row in feed} == {
        idea.pk: False,
        shared.pk: True,
    }


def test_the_feed_reads_invitations_in_one_query_only_when_a_row_has_some(
    staff, other_staff, traffic, django_assert_num_queries
):
    make_idea(author=staff, category=traffic, co_authors=[other_staff])  # accepted
    reader = User.objects.get(pk=staff.pk)

    with django_assert_num_queries(5):
        client_for(reader).get("/api/ideas/")
    invite(staff, UserFactory())
    invite(staff, UserFactory())
    reader = User.objects.get(pk=staff.pk)
    with django_assert_num_queries(6):
        body = client_for(reader).get("/api/ideas/").json()
    assert sorted(len(row["invitations"]) for row in body["results"]) == [0, 1, 1]


def test_a_blind_reviewer_neither_filters_nor_sees_collaborations(
    staff, other_staff, admin_user, traffic
):
    blind = campaign_in_phase("review", blind_review=True)
    idea = make_idea(author=staff, category=traffic, co_authors=[other_staff])
    Idea.objects.filter(pk=idea.pk).update(campaign=blind)
    idea.refresh_from_db()
    reviewer = UserFactory(agency=AgencyFactory(code="BPBD"))
    review_assignment_create(idea=idea, reviewer=reviewer, by=admin_user)
    client = client_for(reviewer)

    board = client.get("/api/leaderboard/", {"campaign": blind.pk, "collaboration": "true"})
    body = client.get(f"/api/ideas/{idea.pk}/").json()
    found = client.get("/api/ideas/", {"collaboration": "true"}).json()

    assert (board.status_code, board.json()["code"]) == (403, "authors_hidden")
    assert (body["is_collaboration"], body["co_authors"]) == (None, [])
    assert found["count"] == 0
    assert client_for(staff).get(f"/api/ideas/{idea.pk}/").json()["is_collaboration"] is True
