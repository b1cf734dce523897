"""/ws/notifications/: the signed-in person's own notifications as they happen (the rows are
notifications.models; emails and digests join this app with the notifications issue)."""

from live.consumers import CLOSE_UNAUTHENTICATED, LiveConsumer
from live.publish import user_group


class NotificationConsumer(LiveConsumer):
    """/ws/notifications/: the signed-in person's own notifications as they happen."""

    async def connect(self):
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            await self.refuse(CLOSE_UNAUTHENTICATED)
            return
        self.group = user_group(user.pk)
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()

    async def disconnect(self, code):
        if hasattr(self, "group"):
            await self.channel_layer.group_discard(self.group, self.channel_name)

    async def notification_added(self, message):
        await self.send_json({**message, "type": "notification"})
