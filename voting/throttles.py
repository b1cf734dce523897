import logging

from rest_framework.throttling import UserRateThrottle

logger = logging.getLogger(__name__)


class VoteRateThrottle(UserRateThrottle):
    """Votes per person (the user id, never the IP: a whole office shares one address).

    Fails open: when the cache behind the counters (Redis) is down, votes still go through.
    """

    scope = "vote"

    def allow_request(self, request, view):
        try:
            return super().allow_request(request, view)
        except Exception:  # noqa: BLE001 - a throttle outage must not fail a vote
            logger.warning("vote throttle: cache unavailable, allowing", exc_info=True)
            return True
