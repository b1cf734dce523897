"""HTTP and WebSocket routing. Django is set up before any app module is imported."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "backend.settings")
django_asgi_app = get_asgi_application()

from channels.auth import AuthMiddlewareStack  # noqa: E402
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402

from backend.websocket_auth import OriginAllowList, TokenAuthMiddleware  # noqa: E402
from voting.routing import websocket_urlpatterns  # noqa: E402

websocket_router = URLRouter(websocket_urlpatterns)

application = ProtocolTypeRouter(
    {
        "http": django_asgi_app,
        "websocket": OriginAllowList(
            TokenAuthMiddleware(websocket_router, otherwise=AuthMiddlewareStack(websocket_router))
        ),
    }
)
