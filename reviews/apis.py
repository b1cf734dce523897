"""HTTP for panel reviews (API.md §Panel reviews): check, call a service, serialize."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.models import User
from accounts.roles import user_is_admin, user_sees_panel_scores
from accounts.serializers import UserBriefSerializer
from core.errors import RuleForbidden
from ideas import selectors as idea_selectors
from ideas.models import Campaign, Idea
from ideas.visibility import author_hidden_from, panel_scores_visible_to, reviewer_hidden_from
from reviews import selectors, services
from reviews.models import ConflictOfInterestAttempt, PanelResult, ReviewAssignment
from reviews.rubrics import RUBRICS
from reviews.serializers import (
    AssignmentCreateSerializer,
    AssignmentSerializer,
    AssignReportSerializer,
    AssignRequestSerializer,
    CriterionSerializer,
    PanelMembersSerializer,
    PanelProgressSerializer,
    PanelResultSerializer,
    PanelSerializer,
    ReviewFeedbackSerializer,
    ReviewInputSerializer,
    ReviewSerializer,
    RubricRequestSerializer,
    RubricTemplateSerializer,
)

EntryPoint = ConflictOfInterestAttempt.EntryPoint


def idea_or_404(request, idea_id: int) -> Idea:
    try:
        return idea_selectors.idea_get(idea_id=idea_id, user=request.user)
    except Idea.DoesNotExist as exc:
        raise NotFound() from exc


def _assignment_data(assignment: ReviewAssignment, *, viewer: User) -> dict:
    idea = assignment.idea
    blind = author_hidden_from(
        viewer=viewer, idea=idea, assigned=assignment.reviewer_id == viewer.pk
    )
    return {
        "id": assignment.pk,
        "idea": {
            "id": idea.pk,
            "title": idea.title,
            "campaign_id": idea.campaign_id,
            "category": {"slug": idea.category.slug, "name": idea.category.name},
            "author": None if blind else idea.author,
            "agency": None
            if blind
            else {"id": idea.agency_id, "code": idea.agency.code, "name": idea.agency.name},
        },
        "reviewer": assignment.reviewer,
        "due_at": assignment.due_at,
        "reviewed": getattr(assignment, "reviewed", False),
    }


class CampaignCriteriaApi(APIView):
    """The campaign's rubric: a plain list, in the rubric's order."""

    @extend_schema(responses={200: CriterionSerializer(many=True)})
    def get(self, request, campaign_id: int):
        campaign = get_object_or_404(Campaign, pk=campaign_id)
        criteria = selectors.criterion_list(campaign_id=campaign.pk)
        return Response(CriterionSerializer(criteria, many=True).data)


class AssignmentListApi(generics.ListAPIView):
    """GET: the caller's review queue (authors and agencies hidden when the review is blind).
    POST (admins): assign one reviewer to one idea; refused when conflicted."""

    serializer_class = AssignmentSerializer
    filter_backends = []

    def get_queryset(self):
        return selectors.assignment_list(reviewer=self.request.user).select_related("reviewer")

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.get_queryset())
        data = [_assignment_data(a, viewer=request.user) for a in page]
        return self.get_paginated_response(AssignmentSerializer(data, many=True).data)

    @extend_schema(request=AssignmentCreateSerializer, responses={201: AssignmentSerializer})
    def post(self, request):
        body = AssignmentCreateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        if not user_is_admin(request.user):
            raise RuleForbidden("not_admin", _("Only innovation admins may assign reviews."))
        idea = Idea.objects.filter(pk=body.validated_data["idea"], campaign__isnull=False).first()
        reviewer = User.objects.filter(pk=body.validated_data["reviewer"], is_active=True).first()
        errors = {}
        if idea is None:
            errors["idea"] = [_("No such idea in a campaign.")]
        if reviewer is None:
            errors["reviewer"] = [_("No such active account.")]
        if errors:
            raise ValidationError(errors)
        assignment = services.review_assignment_create(
            idea=idea,
            reviewer=reviewer,
            by=request.user,
            due_at=body.validated_data.get("due_at"),
            entry_point=EntryPoint.API,
        )
        data = _assignment_data(assignment, viewer=request.user)
        return Response(AssignmentSerializer(data).data, status=status.HTTP_201_CREATED)


class AssignmentDetailApi(APIView):
    @extend_schema(responses={204: None})
    def delete(self, request, assignment_id: int):
        if not user_is_admin(request.user):
            raise RuleForbidden("not_admin", _("Only innovation admins may reassign reviews."))
        assignment = get_object_or_404(ReviewAssignment, pk=assignment_id)
        services.review_assignment_delete(assignment_id=assignment.pk, by=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class IdeaReviewListApi(APIView):
    """GET: reviews as the caller may see them. POST: submit one's review; PUT: replace it."""

    @extend_schema(responses={200: ReviewSerializer(many=True)})
    def get(self, request, idea_id: int):
        idea = idea_or_404(request, idea_id)
        campaign = idea.campaign
        sees_all = selectors.user_sees_all_reviews(user=request.user, campaign=campaign)
        results = []
        for review in selectors.review_list(idea=idea):
            if sees_all or review.reviewer_id == request.user.pk:
                results.append(ReviewSerializer(review).data)
            elif review.comment.strip():
                data = ReviewFeedbackSerializer(review).data
                if reviewer_hidden_from(
                    viewer=request.user, campaign=campaign, reviewer_id=review.reviewer_id
                ):
                    data["reviewer"] = None
                results.append(data)
        return Response({"count": len(results), "next": None, "previous": None, "results": results})

    @extend_schema(request=ReviewInputSerializer, responses={201: ReviewSerializer})
    def post(self, request, idea_id: int):
        return self._submit(request, idea_id, replace=False)

    @extend_schema(request=ReviewInputSerializer, responses={200: ReviewSerializer})
    def put(self, request, idea_id: int):
        return self._submit(request, idea_id, replace=True)

    def _submit(self, request, idea_id: int, *, replace: bool):
        idea = idea_or_404(request, idea_id)
        body = ReviewInputSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = services.ReviewInput.from_pairs(
            [(s["criterion"], s["value"]) for s in body.validated_data["scores"]],
            comment=body.validated_data["comment"],
            private_note=body.validated_data["private_note"],
        )
        review, created = services.review_submit(
            idea_id=idea.pk,
            reviewer=request.user,
            data=data,
            replace=replace,
            entry_point=EntryPoint.API,
        )
        review = selectors.review_list(idea=idea).get(pk=review.pk)
        return Response(
            ReviewSerializer(review).data,
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )


class IdeaPanelResultApi(APIView):
    """The panel's verdict on an idea, for those who may see panel scores."""

    @extend_schema(responses={200: PanelResultSerializer})
    def get(self, request, idea_id: int):
        idea = idea_or_404(request, idea_id)
        campaign = idea.campaign
        if campaign is None or not panel_scores_visible_to(viewer=request.user, campaign=campaign):
            raise RuleForbidden("panel_scores_hidden", _("Panel scores are not public yet."))
        result = PanelResult.objects.filter(idea=idea).first()
        if result is None:
            raise NotFound(_("No reviews yet."))
        return Response(PanelResultSerializer(result).data)


class CampaignRubricApi(APIView):
    @extend_schema(request=RubricRequestSerializer, responses={200: CriterionSerializer(many=True)})
    def post(self, request, campaign_id: int):
        campaign = get_object_or_404(Campaign, pk=campaign_id)
        body = RubricRequestSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        criteria = services.rubric_apply(
            campaign=campaign, template_key=body.validated_data["template"], by=request.user
        )
        return Response(CriterionSerializer(criteria, many=True).data)


class RubricTemplateListApi(APIView):
    """The rubric templates that ship with Gagasan, for POST /api/campaigns/{id}/rubric/."""

    @extend_schema(responses={200: RubricTemplateSerializer(many=True)})
    def get(self, request):
        return Response(RubricTemplateSerializer(list(RUBRICS.values()), many=True).data)


class CampaignPanelApi(APIView):
    """The campaign's review panel: GET its members; PUT the whole list (admins)."""

    @extend_schema(responses={200: PanelSerializer})
    def get(self, request, campaign_id: int):
        campaign = get_object_or_404(Campaign, pk=campaign_id)
        if not user_is_admin(request.user) and not user_sees_panel_scores(request.user):
            raise RuleForbidden("not_admin", _("Only innovation admins may manage panels."))
        return Response(_panel_body(campaign))

    @extend_schema(request=PanelMembersSerializer, responses={200: PanelSerializer})
    def put(self, request, campaign_id: int):
        campaign = get_object_or_404(Campaign, pk=campaign_id)
        body = PanelMembersSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        services.panel_members_set(
            campaign=campaign, members=body.validated_data["members"], by=request.user
        )
        return Response(_panel_body(campaign))


def _panel_body(campaign) -> dict:
    members = selectors.panel_members(campaign_id=campaign.pk)
    return {"campaign": campaign.pk, "members": UserBriefSerializer(members, many=True).data}


class CampaignPanelAssignApi(APIView):
    @extend_schema(request=AssignRequestSerializer, responses={200: AssignReportSerializer})
    def post(self, request, campaign_id: int):
        campaign = get_object_or_404(Campaign, pk=campaign_id)
        body = AssignRequestSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        report = services.review_assign(
            campaign=campaign,
            per_idea=body.validated_data["per_idea"],
            by=request.user,
            due_at=body.validated_data.get("due_at"),
        )
        return Response(
            {
                "created": report.created,
                "removed": report.removed,
                "loads": {str(k): v for k, v in sorted(report.loads.items())},
                "short": {str(k): v for k, v in sorted(report.short.items())},
            }
        )


class CampaignPanelProgressApi(APIView):
    """Who has reviewed what (admins and leadership)."""

    @extend_schema(responses={200: PanelProgressSerializer})
    def get(self, request, campaign_id: int):
        campaign = get_object_or_404(Campaign, pk=campaign_id)
        if not user_sees_panel_scores(request.user):
            raise RuleForbidden("not_admin", _("Only admins and leadership see panel progress."))
        rows = selectors.panel_progress(campaign=campaign)
        return Response(PanelProgressSerializer({"campaign": campaign.pk, "reviewers": rows}).data)
