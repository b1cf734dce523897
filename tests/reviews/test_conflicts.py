"""Conflicts of interest (API.md §Panel reviews): nobody judges an idea they wrote or co-wrote, or
one from their own agency, whichever door they come through (review API, assignment API, the
services, the Django admin). Every refusal is a 403 `conflict_of_interest` (a form error in the
admin) that changes nothing but is recorded, with its reason and entry point, for audit."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.utils import timezone

from core.errors import RuleForbidden
from ideas import services as idea_services
from ideas.models import Comment
from reviews import services
from reviews.models import ConflictOfInterestAttempt, Panel, Review, ReviewAssignment, Score
from tests.factories import UserFactory, invitations_accept
from tests.reviews.conftest import (
    CONFLICT_DETAIL,
    agency_json,
    api,
    iso,
    refusal,
    review_body,
    review_input,
    user_json,
)

pytestmark = pytest.mark.django_db

# (who tries, the reason recorded)
CONFLICTS = [
    pytest.param("author", "author", id="author"),
    pytest.param("co_author", "co_author", id="co-author"),
    pytest.param("colleague", "same_agency", id="same-agency"),
]
ADD_URL = "/admin/reviews/reviewassignment/add/"


def attempts() -> list[tuple]:
    return list(
        ConflictOfInterestAttempt.objects.order_by("id").values_list(
            "reviewer_id", "idea_id", "action", "reason", "entry_point", "attempted_by_id"
        )
    )


def nothing_reviewed() -> tuple:
    return (Review.objects.count(), Score.objects.count(), Comment.objects.count())


@pytest.fixture
def django_admin(agency):
    """An innovation admin who may use the Django admin for review assignments."""
    user = UserFactory(username="admin-django", agency=agency, roles=["admin"], is_staff=True)
    user.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="reviews",
            codename__in=["add_reviewassignment", "view_reviewassignment"],
        )
    )
    return user


def admin_form_post(user, idea, reviewer):
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    due = timezone.localtime(timezone.now() + timedelta(days=5))
    return client.post(
        ADD_URL,
        {
            "idea": idea.pk,
            "reviewer": reviewer.pk,
            "due_at_0": due.strftime("%Y-%m-%d"),
            "due_at_1": "16:00:00",
        },
    )


# --- Refused, and recorded, at every door ------------------------------------------------------


@pytest.mark.parametrize(("who", "reason"), CONFLICTS)
def test_conflicted_person_posting_a_review_gets_403_and_the_attempt_is_recorded(
    request, who, reason, idea, assigned
):
    person = request.getfixturevalue(who)

    response = api(person).post(
        f"/api/ideas/{idea.pk}/reviews/", review_body(idea.campaign, [4, 4, 4, 4, 4], "Bagus.")
    )

    assert response.status_code == 403, response.content
    assert response.json() == refusal("conflict_of_interest", CONFLICT_DETAIL)
    assert attempts() == [(person.pk, idea.pk, "review", reason, "api", person.pk)]
    assert nothing_reviewed() == (0, 0, 0)


@pytest.mark.parametrize(("who", "reason"), CONFLICTS)
def test_admin_assigning_a_conflicted_person_through_the_api_gets_403_and_it_is_recorded(
    request, who, reason, idea, admin_user
):
    person = request.getfixturevalue(who)

    response = api(admin_user).post(
        "/api/reviews/assignments/", {"idea": idea.pk, "reviewer": person.pk}
    )

    assert response.status_code == 403, response.content
    assert response.json() == refusal("conflict_of_interest", CONFLICT_DETAIL)
    assert attempts() == [(person.pk, idea.pk, "assign", reason, "api", admin_user.pk)]
    assert not ReviewAssignment.objects.exists()
    assert not Panel.objects.filter(members=person).exists()


@pytest.mark.parametrize(("who", "reason"), CONFLICTS)
def test_review_submit_service_refuses_a_conflicted_person_and_records_it(
    request, who, reason, idea, assigned
):
    person = request.getfixturevalue(who)

    with pytest.raises(RuleForbidden) as refused:
        services.review_submit(
            idea_id=idea.pk,
            reviewer=person,
            data=review_input(idea.campaign, [5, 5, 5, 5, 5]),
            entry_point=ConflictOfInterestAttempt.EntryPoint.SERVICE,
        )

    assert refused.value.code == "conflict_of_interest"
    assert attempts() == [(person.pk, idea.pk, "review", reason, "service", person.pk)]
    assert nothing_reviewed() == (0, 0, 0)


@pytest.mark.parametrize(("who", "reason"), CONFLICTS)
def test_review_assignment_create_service_refuses_a_conflicted_person_and_records_it(
    request, who, reason, idea, admin_user
):
    person = request.getfixturevalue(who)

    with pytest.raises(RuleForbidden) as refused:
        services.review_assignment_create(
            idea=idea,
            reviewer=person,
            by=admin_user,
            entry_point=ConflictOfInterestAttempt.EntryPoint.SERVICE,
        )

    assert refused.value.code == "conflict_of_interest"
    assert attempts() == [(person.pk, idea.pk, "assign", reason, "service", admin_user.pk)]
    assert not ReviewAssignment.objects.exists()


@pytest.mark.parametrize(("who", "reason"), CONFLICTS)
def test_django_admin_add_form_refuses_a_conflicted_assignment_with_a_form_error(
    request, who, reason, idea, django_admin
):
    person = request.getfixturevalue(who)

    response = admin_form_post(django_admin, idea, person)

    assert response.status_code == 200  # the form again, with its error
    form = response.context["adminform"].form
    assert [error.code for error in form.non_field_errors().as_data()] == ["conflict_of_interest"]
    assert form.non_field_errors() == [CONFLICT_DETAIL]
    assert attempts() == [(person.pk, idea.pk, "assign", reason, "admin", django_admin.pk)]
    assert not ReviewAssignment.objects.exists()


def test_co_author_added_after_the_assignment_can_no_longer_review(idea, reviewer, admin_user):
    services.review_assignment_create(idea=idea, reviewer=reviewer, by=admin_user)
    # An admin may edit an idea at any time, co-authors included.
    idea_services.idea_update(
        idea_id=idea.pk,
        editor=admin_user,
        data={"co_authors": [*idea.co_authors.all(), reviewer]},
    )
    invitations_accept(idea)  # invited by the edit; a co-author once they accept

    response = api(reviewer).post(
        f"/api/ideas/{idea.pk}/reviews/", review_body(idea.campaign, [3, 3, 3, 3, 3])
    )

    assert response.status_code == 403, response.content
    assert response.json() == refusal("conflict_of_interest", CONFLICT_DETAIL)
    assert attempts() == [(reviewer.pk, idea.pk, "review", "co_author", "api", reviewer.pk)]
    assert nothing_reviewed() == (0, 0, 0)


# --- Allowed: a reviewer from another agency ---------------------------------------------------


def test_other_agency_reviewer_is_assigned_through_the_api_and_can_then_review(
    idea, reviewer, admin_user, traffic
):
    response = api(admin_user).post(
        "/api/reviews/assignments/", {"idea": idea.pk, "reviewer": reviewer.pk}
    )

    assert response.status_code == 201, response.content
    assignment = ReviewAssignment.objects.get()
    assert response.json() == {
        "id": assignment.pk,
        "idea": {
            "id": idea.pk,
            "title": "Kolam retensi di bantaran Ciliwung",
            "campaign": idea.campaign_id,
            "category": {"slug": "traffic", "name": traffic.name_en},
            "author": user_json(idea.author),
            "agency": agency_json(idea.agency),
        },
        "reviewer": user_json(reviewer),
        "due_at": iso(assignment.due_at),
        "reviewed": False,
    }
    assert (assignment.idea, assignment.reviewer, assignment.assigned_by) == (
        idea,
        reviewer,
        admin_user,
    )
    assert Panel.objects.get(campaign=idea.campaign).members.get() == reviewer

    review = api(reviewer).post(
        f"/api/ideas/{idea.pk}/reviews/", review_body(idea.campaign, [4, 4, 4, 4, 4])
    )

    assert review.status_code == 201, review.content
    assert Review.objects.get().reviewer == reviewer
    assert attempts() == []


def test_other_agency_reviewer_is_assigned_and_reviews_through_the_services(
    idea, reviewer, admin_user
):
    assignment = services.review_assignment_create(
        idea=idea,
        reviewer=reviewer,
        by=admin_user,
        entry_point=ConflictOfInterestAttempt.EntryPoint.SERVICE,
    )
    review, created = services.review_submit(
        idea_id=idea.pk,
        reviewer=reviewer,
        data=review_input(idea.campaign, [5, 4, 3, 2, 1]),
        entry_point=ConflictOfInterestAttempt.EntryPoint.SERVICE,
    )

    assert (assignment.idea, assignment.reviewer) == (idea, reviewer)
    assert created
    assert (review.idea, review.reviewer, review.weighted_score) == (idea, reviewer, 56.25)
    assert attempts() == []


def test_other_agency_reviewer_is_assigned_through_the_django_admin(idea, reviewer, django_admin):
    response = admin_form_post(django_admin, idea, reviewer)

    assert response.status_code == 302, (
        response.context["adminform"].form.errors if response.context else response
    )
    assignment = ReviewAssignment.objects.get()
    assert (assignment.idea, assignment.reviewer, assignment.assigned_by) == (
        idea,
        reviewer,
        django_admin,
    )
    assert attempts() == []

    review = api(reviewer).post(
        f"/api/ideas/{idea.pk}/reviews/", review_body(idea.campaign, [2, 2, 2, 2, 2])
    )
    assert review.status_code == 201, review.content


def test_reviewer_without_an_agency_may_judge_any_idea_they_did_not_write(
    idea, admin_user, review_campaign
):
    outsider = UserFactory(full_name="Konsultan Independen", agency=None)

    assignment = services.review_assignment_create(idea=idea, reviewer=outsider, by=admin_user)

    assert assignment.reviewer == outsider
    assert attempts() == []


def test_a_superuser_may_assign_an_other_agency_reviewer_through_the_django_admin(
    idea, reviewer, agency
):
    root = UserFactory(username="root", agency=agency, is_staff=True, is_superuser=True)

    response = admin_form_post(root, idea, reviewer)

    assert response.status_code == 302
    assert ReviewAssignment.objects.get().assigned_by == root
    assert attempts() == []


def test_django_staff_without_the_admin_role_is_refused_by_the_admin_form_without_a_500(
    idea, reviewer, agency
):
    clerk = UserFactory(username="operator", agency=agency, is_staff=True)
    clerk.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="reviews",
            codename__in=["add_reviewassignment", "view_reviewassignment"],
        )
    )
    client = Client(HTTP_ACCEPT_LANGUAGE="en", raise_request_exception=False)
    client.force_login(clerk)
    due = timezone.localtime(timezone.now() + timedelta(days=5))

    response = client.post(
        ADD_URL,
        {
            "idea": idea.pk,
            "reviewer": reviewer.pk,
            "due_at_0": due.strftime("%Y-%m-%d"),
            "due_at_1": "16:00:00",
        },
    )

    # Django staff may open the admin, but only the admin role may assign: refused, not a crash.
    assert response.status_code == 403, response.status_code
    assert not ReviewAssignment.objects.exists()
