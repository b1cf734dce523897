from django.urls import path

from voting import consumers

websocket_urlpatterns = [
    path("ws/ideas/<int:idea_id>/", consumers.IdeaConsumer.as_asgi()),
    path("ws/leaderboard/", consumers.LeaderboardConsumer.as_asgi()),
    path("ws/notifications/", consumers.NotificationConsumer.as_asgi()),
]
