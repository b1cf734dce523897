from rest_framework import serializers

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
