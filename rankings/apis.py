"""HTTP for rankings (API.md §Leaderboard); the socket pushes the same body."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.roles import user_sees_panel_scores
from core.errors import RuleForbidden
from ideas.visibility import campaign_authors_hidden_from, panel_scores_visible_to
from rankings import selectors
from rankings.serializers import LeaderboardQuerySerializer, LeaderboardSerializer


class LeaderboardApi(APIView):
    """The campaign's live ranking (API.md §Leaderboard); the socket pushes the same body."""

    @extend_schema(parameters=[LeaderboardQuerySerializer], responses={200: LeaderboardSerializer})
    def get(self, request):
        query = LeaderboardQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        found = selectors.campaign_for_rankings(campaign_id=query.validated_data["campaign"])
        if found is None:
            raise ValidationError({"campaign": [_("There is no such campaign.")]})
        campaign, blind_reviewers = found
        by = query.validated_data["by"]
        if by != "votes" and not panel_scores_visible_to(viewer=request.user, campaign=campaign):
            raise RuleForbidden(
                "panel_scores_hidden",
                _("Rankings by panel score are shown once the review phase has closed."),
            )
        hide_agency = campaign_authors_hidden_from(
            viewer=request.user, campaign=campaign, blind_reviewers=blind_reviewers
        )
        if hide_agency and query.validated_data["collaboration"]:
            # Which ideas span agencies says something of who wrote them.
            raise RuleForbidden(
                "authors_hidden",
                _("Who wrote the ideas of a blind review is not shown to its reviewers."),
            )
        return Response(
            selectors.leaderboard_remembered(
                campaign=campaign,
                by=by,
                limit=query.validated_data["limit"],
                sees_panel=user_sees_panel_scores(request.user),
                hide_agency=hide_agency,
                collaboration=query.validated_data["collaboration"],
            )
        )
