from django.contrib.auth import authenticate, login, logout
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers, status
from rest_framework.authtoken.models import Token
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts import selectors
from accounts.filters import AgencyFilter, RegionFilter
from accounts.roles import user_roles
from accounts.serializers import (
    AgencySerializer,
    LoginSerializer,
    MeSerializer,
    RegionSerializer,
    TokenSerializer,
    UserBriefSerializer,
)


def _authenticate_or_400(request):
    body = LoginSerializer(data=request.data)
    body.is_valid(raise_exception=True)
    user = authenticate(
        request,
        username=body.validated_data["username"],
        password=body.validated_data["password"],
    )
    if user is None:
        raise serializers.ValidationError(
            {"non_field_errors": [_("Wrong username or password.")]}, code="invalid_credentials"
        )
    return user


class AuthTokenApi(APIView):
    authentication_classes = []
    permission_classes = [AllowAny]

    @extend_schema(request=LoginSerializer, responses={200: TokenSerializer})
    def post(self, request):
        user = _authenticate_or_400(request)
        token, _created = Token.objects.get_or_create(user=user)
        return Response({"token": token.key})


class AuthLoginApi(APIView):
    """Session sign-in for the browser app."""

    authentication_classes = []
    permission_classes = [AllowAny]

    @extend_schema(request=LoginSerializer, responses={200: MeSerializer})
    def post(self, request):
        user = _authenticate_or_400(request)
        login(request, user)
        user.roles = user_roles(user)
        return Response(MeSerializer(user).data)


class AuthLogoutApi(APIView):
    @extend_schema(request=None, responses={204: None})
    def post(self, request):
        logout(request)
        return Response(status=status.HTTP_204_NO_CONTENT)


class MeApi(APIView):
    @extend_schema(responses={200: MeSerializer})
    def get(self, request):
        user = request.user
        user.roles = user_roles(user)
        return Response(MeSerializer(user).data)


class AgencyListApi(generics.ListAPIView):
    serializer_class = AgencySerializer
    filterset_class = AgencyFilter
    queryset = selectors.agency_list()


class RegionListApi(generics.ListAPIView):
    serializer_class = RegionSerializer
    filterset_class = RegionFilter
    queryset = selectors.region_list()


class UserListApi(generics.ListAPIView):
    """People to pick as co-authors: `?search=` by name or username; admins also by the whole
    18-digit NIP."""

    serializer_class = UserBriefSerializer
    filter_backends = []

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "search", str, description="name or username; admins: also an 18-digit NIP"
            )
        ]
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return selectors.user_search(
            query=self.request.query_params.get("search", "").strip(), viewer=self.request.user
        )
