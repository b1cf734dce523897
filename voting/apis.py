"""HTTP for votes (API.md §Votes): the hot path."""

from dataclasses import asdict

from drf_spectacular.utils import extend_schema
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.views import APIView

from ideas.models import Idea
from voting import services
from voting.serializers import VoteResultSerializer
from voting.throttles import VoteRateThrottle


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
