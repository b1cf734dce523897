from django.conf import settings
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from notifications.kinds import Delivery, kinds_all
from notifications.models import Notification


class NotificationSerializer(serializers.ModelSerializer):
    """A notification as its owner reads it: `data` carries what the kind says (`idea`, its
    `title`, `status`, `comment`)."""

    read = serializers.SerializerMethodField()

    class Meta:
        model = Notification
        fields = ["id", "kind", "data", "created_at", "read"]

    def get_read(self, notification) -> bool:
        return notification.read_at is not None


class NotificationReadSerializer(serializers.Serializer):
    ids = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=2**63 - 1),
        required=False,
        max_length=500,
        help_text="Leave out to mark every notification read.",
    )


class UnreadSerializer(serializers.Serializer):
    unread = serializers.IntegerField()


class KindPreferenceSerializer(serializers.Serializer):
    kind = serializers.CharField(max_length=40)
    label = serializers.CharField(read_only=True)
    delivery = serializers.ChoiceField(choices=Delivery.choices)
    default = serializers.CharField(
        read_only=True, help_text="The kind's delivery for those who chose none (a delivery)."
    )

    def validate_kind(self, kind: str) -> str:
        if kind not in {k.code for k in kinds_all()}:
            raise serializers.ValidationError(_("No such kind of notification."))
        return kind


class PreferencesSerializer(serializers.Serializer):
    """How each kind reaches the person by email (`immediate`, `digest`: once a day, `never`;
    the in-app list always has them) and the language of their emails. A PUT may leave out
    kinds (they keep theirs) and the language."""

    language = serializers.ChoiceField(choices=settings.LANGUAGES, required=False)
    kinds = KindPreferenceSerializer(many=True, required=False, max_length=100)
