"""HTTP and WebSocket routing. Django is set up before any app module is imported."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "backend.settings")
django_asgi_app = get_asgi_application()

from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402

from backend.routing import websocket_urlpatterns  # noqa: E402
from backend.websocket_auth import OriginAllowList, SocketAuthMiddleware  # noqa: E402

application = ProtocolTypeRouter(
    {
        "http": django_asgi_app,
        "websocket": OriginAllowList(SocketAuthMiddleware(URLRouter(websocket_urlpatterns))),
    }
)
