from dataclasses import asdict

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.roles import user_sees_panel_scores
from ideas.errors import RuleForbidden
from ideas.models import Campaign, Idea
from voting import selectors, services
from voting.serializers import (
    CriterionSerializer,
    LeaderboardQuerySerializer,
    LeaderboardSerializer,
    VoteResultSerializer,
)
from voting.throttles import VoteRateThrottle


class CampaignCriteriaApi(APIView):
    """The campaign's rubric: a plain list, in the rubric's order."""

    @extend_schema(responses={200: CriterionSerializer(many=True)})
    def get(self, request, campaign_id: int):
        campaign = get_object_or_404(Campaign, pk=campaign_id)
        criteria = selectors.criterion_list(campaign_id=campaign.pk)
        return Response(CriterionSerializer(criteria, many=True).data)


class IdeaVoteApi(APIView):
    """Idempotent: POST casts the caller's vote, DELETE withdraws it; both answer the new state."""

    throttle_classes = [VoteRateThrottle]

    # The hot path: the service reads the idea once, locked, and answers 404 for what the
    # voter may not see, so the view does not load the idea first.
    @extend_schema(request=None, responses={200: VoteResultSerializer})
    def post(self, request, idea_id: int):
        try:
            result = services.vote_cast(idea_id=idea_id, voter=request.user)
        except Idea.DoesNotExist as exc:
            raise NotFound() from exc
        return Response(asdict(result))

    @extend_schema(request=None, responses={200: VoteResultSerializer})
    def delete(self, request, idea_id: int):
        try:
            result = services.vote_withdraw(idea_id=idea_id, voter=request.user)
        except Idea.DoesNotExist as exc:
            raise NotFound() from exc
        return Response(asdict(result))


class LeaderboardApi(APIView):
    """The campaign's live ranking (API.md §Leaderboard); the socket pushes the same body."""

    @extend_schema(parameters=[LeaderboardQuerySerializer], responses={200: LeaderboardSerializer})
    def get(self, request):
        query = LeaderboardQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        campaign = Campaign.objects.filter(pk=query.validated_data["campaign"]).first()
        if campaign is None:
            raise ValidationError({"campaign": [_("There is no such campaign.")]})
        by = query.validated_data["by"]
        sees_panel = user_sees_panel_scores(request.user)
        if by != "votes" and not (sees_panel or selectors.panel_scores_public(campaign)):
            raise RuleForbidden(
                "panel_scores_hidden",
                _("Rankings by panel score are shown once the review phase has closed."),
            )
        return Response(
            selectors.leaderboard_get(
                campaign=campaign,
                by=by,
                limit=query.validated_data["limit"],
                sees_panel=sees_panel,
                hide_agency=selectors.viewer_reviews_blind(user=request.user, campaign=campaign),
            )
        )
