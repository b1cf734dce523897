"""Every socket path, one path() each, as backend/urls.py lists every HTTP path."""

from django.urls import path

from backend.multiplex import MultiplexConsumer
from dashboard.consumers import DashboardConsumer
from ideas.consumers import IdeaConsumer
from notifications.consumers import NotificationConsumer
from rankings.consumers import LeaderboardConsumer

websocket_urlpatterns = [
    path("ws/live/", MultiplexConsumer.as_asgi()),
    path("ws/ideas/<int:idea_id>/", IdeaConsumer.as_asgi()),
    path("ws/leaderboard/", LeaderboardConsumer.as_asgi()),
    path("ws/notifications/", NotificationConsumer.as_asgi()),
    path("ws/dashboard/", DashboardConsumer.as_asgi()),
]
