"""HTTP for co-author invitations (ideas.coauthors): the invitee's list and answers, the
author's withdrawal."""

from drf_spectacular.utils import extend_schema
from rest_framework import generics
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.views import APIView

from ideas import coauthors, selectors
from ideas.models import CoAuthorInvitation
from ideas.serializers import InvitationSerializer


def _invitation_response(invitation: CoAuthorInvitation) -> Response:
    invitation = selectors.invitation_list(user=invitation.invitee).get(pk=invitation.pk)
    return Response(InvitationSerializer(invitation).data)


class InvitationListApi(generics.ListAPIView):
    """The caller's co-author invitations, pending first, then newest first."""

    serializer_class = InvitationSerializer
    queryset = CoAuthorInvitation.objects.none()  # for the schema; each reader's own below

    def get_queryset(self):
        return selectors.invitation_list(user=self.request.user)


class _InvitationAnswerApi(APIView):
    service = None

    @extend_schema(request=None, responses={200: InvitationSerializer})
    def post(self, request, invitation_id: int):
        try:
            invitation = self.service(invitation_id=invitation_id, user=request.user)
        except CoAuthorInvitation.DoesNotExist as missing:
            raise NotFound() from missing
        return _invitation_response(invitation)


class InvitationAcceptApi(_InvitationAnswerApi):
    """The invitee accepts: they co-author the idea from now on (409 `invitation_answered`
    once answered)."""

    service = staticmethod(coauthors.invitation_accept)


class InvitationDeclineApi(_InvitationAnswerApi):
    """The invitee declines (409 `invitation_answered` once answered)."""

    service = staticmethod(coauthors.invitation_decline)


class InvitationWithdrawApi(_InvitationAnswerApi):
    """The idea's author (or an admin) takes back an invitation not yet answered."""

    service = staticmethod(coauthors.invitation_withdraw)
