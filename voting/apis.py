from dataclasses import asdict

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from ideas.apis import idea_or_404
from ideas.models import Campaign
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

    @extend_schema(request=None, responses={200: VoteResultSerializer})
    def post(self, request, idea_id: int):
        idea = idea_or_404(request, idea_id)
        result = services.vote_cast(idea_id=idea.pk, voter=request.user)
        return Response(asdict(result))

    @extend_schema(request=None, responses={200: VoteResultSerializer})
    def delete(self, request, idea_id: int):
        idea = idea_or_404(request, idea_id)
        result = services.vote_withdraw(idea_id=idea.pk, voter=request.user)
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
        return Response(
            selectors.leaderboard_get(
                campaign=campaign,
                by=query.validated_data["by"],
                limit=query.validated_data["limit"],
            )
        )
