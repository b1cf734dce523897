from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import generics, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from notifications import selectors, services
from notifications.serializers import (
    NotificationReadSerializer,
    NotificationSerializer,
    PreferencesSerializer,
    UnreadSerializer,
)


class NotificationListApi(generics.ListAPIView):
    """The signed-in person's notifications, newest first, with how many are unread."""

    serializer_class = NotificationSerializer
    filter_backends = []

    @extend_schema(
        responses=inline_serializer(
            "PaginatedNotificationList",
            {
                "count": serializers.IntegerField(),
                "next": serializers.URLField(allow_null=True),
                "previous": serializers.URLField(allow_null=True),
                "unread": serializers.IntegerField(),
                "results": NotificationSerializer(many=True),
            },
        )
    )
    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        response.data["unread"] = selectors.notification_unread_count(user=request.user)
        return response

    def get_queryset(self):
        return selectors.notification_list(user=self.request.user)


class NotificationReadApi(APIView):
    """Mark notifications read: these `ids` of one's own, or all of them."""

    @extend_schema(request=NotificationReadSerializer, responses={200: UnreadSerializer})
    def post(self, request):
        body = NotificationReadSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        services.notifications_mark_read(user=request.user, ids=body.validated_data.get("ids"))
        return Response({"unread": selectors.notification_unread_count(user=request.user)})


class NotificationPreferencesApi(APIView):
    """The signed-in person's email delivery per kind of notification, and its language."""

    @extend_schema(responses={200: PreferencesSerializer})
    def get(self, request):
        return Response(services.preferences_get(user=request.user))

    @extend_schema(request=PreferencesSerializer, responses={200: PreferencesSerializer})
    def put(self, request):
        body = PreferencesSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        kinds = body.validated_data.get("kinds", [])
        return Response(
            services.preferences_set(
                user=request.user,
                deliveries={item["kind"]: item["delivery"] for item in kinds},
                language=body.validated_data.get("language"),
            )
        )
