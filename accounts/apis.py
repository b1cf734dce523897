from django.contrib.auth import authenticate, login, logout
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers, status
from rest_framework.authtoken.models import Token
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts import selectors, services
from accounts.filters import AgencyFilter, RegionFilter
from accounts.roles import GROUP_ROLES, user_is_admin, user_roles, users_roles_load
from accounts.serializers import (
    AgencySerializer,
    LoginSerializer,
    MeSerializer,
    RegionSerializer,
    RolesSerializer,
    StaffImportReportSerializer,
    StaffImportSerializer,
    StaffMemberSerializer,
    TokenSerializer,
    UserBriefSerializer,
)
from accounts.staff_import import staff_import
from core.errors import RuleForbidden


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


def _ensure_admin(request, what) -> None:
    if not user_is_admin(request.user):
        raise RuleForbidden("not_admin", what)


class StaffListApi(generics.ListAPIView):
    """The staff directory for innovation admins: `?search=` name, username or NIP digits,
    `?role=` reviewer|leadership|admin, `?agency=` agency code."""

    serializer_class = StaffMemberSerializer
    filter_backends = []

    @extend_schema(
        parameters=[
            OpenApiParameter("search", str, description="name, username or the NIP's first digits"),
            OpenApiParameter("role", str, enum=list(GROUP_ROLES)),
            OpenApiParameter("agency", str, description="agency code"),
        ]
    )
    def get(self, request, *args, **kwargs):
        _ensure_admin(request, _("Only innovation admins may read the staff directory."))
        role = request.query_params.get("role", "")
        if role and role not in GROUP_ROLES:
            raise serializers.ValidationError({"role": [_("Unknown role.")]})
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        params = self.request.query_params
        return selectors.staff_directory(
            query=params.get("search", "").strip()[:100],
            role=params.get("role", ""),
            agency=params.get("agency", "").strip()[:50],
        )

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        users_roles_load(page or [])
        return page


class StaffRolesApi(APIView):
    """PUT the person's group roles (the whole set); `staff` is everyone's."""

    @extend_schema(request=RolesSerializer, responses={200: StaffMemberSerializer})
    def put(self, request, user_id: int):
        _ensure_admin(request, _("Only innovation admins may change roles."))
        person = generics.get_object_or_404(selectors.staff_directory(), pk=user_id)
        body = RolesSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        services.user_roles_set(
            user_id=person.pk, roles=body.validated_data["roles"], by=request.user
        )
        person = selectors.staff_directory().get(pk=person.pk)
        return Response(StaffMemberSerializer(person).data)


class StaffImportApi(APIView):
    """Import the staff directory from a CSV upload, all or nothing (`dry_run` only checks):
    200 with the counts, or 400 naming every bad row by line (`errors`) and writing nothing."""

    @extend_schema(
        request={"multipart/form-data": StaffImportSerializer},
        responses={200: StaffImportReportSerializer, 400: StaffImportReportSerializer},
    )
    def post(self, request):
        _ensure_admin(request, _("Only innovation admins may import the staff directory."))
        body = StaffImportSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        upload = body.validated_data["file"]
        report = staff_import(
            data=upload.read(), by=request.user, dry_run=body.validated_data["dry_run"]
        )
        answer = StaffImportReportSerializer(report.as_dict()).data
        if not report.ok:
            answer["file"] = [str(error) for error in report.errors[:50]]
            return Response(answer, status=status.HTTP_400_BAD_REQUEST)
        return Response(answer)
