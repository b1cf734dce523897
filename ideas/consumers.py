"""/ws/ideas/{id}/: one idea's live state (API.md §Live)."""

from __future__ import annotations

from channels.db import database_sync_to_async
from django.core.exceptions import ObjectDoesNotExist

from ideas import selectors
from ideas.visibility import author_hidden_from, comment_shown_to, idea_author_ids
from live.consumers import CLOSE_NOT_FOUND, CLOSE_UNAUTHENTICATED, LiveConsumer
from live.publish import idea_group


class IdeaConsumer(LiveConsumer):
    """A snapshot, then tallies, comments and status changes of one idea, and
    `comment_withdrawn` (the id of a comment taken back) beside API.md's message types.
    Comments are shown as the REST comment list shows them to this reader (visibility is
    decided at connect, by ideas.visibility)."""

    async def connect(self):
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            await self.refuse(CLOSE_UNAUTHENTICATED)
            return
        self.user = user
        self.idea_id = int(self.scope["url_route"]["kwargs"]["idea_id"])
        self.group = idea_group(self.idea_id)
        # Join before reading, so that nothing committed after the snapshot is missed; the
        # sequence number drops anything the snapshot already includes.
        await self.channel_layer.group_add(self.group, self.channel_name)
        snapshot = await self._snapshot(user)
        if snapshot is None:
            await self.channel_layer.group_discard(self.group, self.channel_name)
            await self.refuse(CLOSE_NOT_FOUND)
            return
        self.seq = snapshot["seq"]
        await self.accept()
        await self.send_json(snapshot)

    async def disconnect(self, code):
        if hasattr(self, "group"):
            await self.channel_layer.group_discard(self.group, self.channel_name)

    @database_sync_to_async
    def _snapshot(self, user) -> dict | None:
        try:
            idea = selectors.idea_get(idea_id=self.idea_id, user=user)
        except ObjectDoesNotExist:
            return None
        self.campaign = idea.campaign
        self.authorship_hidden = author_hidden_from(viewer=user, idea=idea)
        self.author_ids = idea_author_ids(idea)
        return {
            "type": "snapshot",
            "idea": idea.pk,
            "vote_count": idea.vote_count,
            "comment_count": idea.comment_count,
            "status": idea.status,
            "has_voted": idea.has_voted,
            "seq": idea.live_version,
        }

    def _is_new(self, message) -> bool:
        if message["seq"] < self.seq:
            return False
        self.seq = message["seq"]
        return True

    async def tally_changed(self, message):
        if self._is_new(message):
            await self.send_json(
                {
                    "type": "tally",
                    "idea": message["idea"],
                    "vote_count": message["vote_count"],
                    "seq": message["seq"],
                }
            )

    async def status_changed(self, message):
        if self._is_new(message):
            await self.send_json(
                {
                    "type": "status",
                    "idea": message["idea"],
                    "status": message["status"],
                    "seq": message["seq"],
                }
            )

    async def comment_added(self, message):
        # Always forwarded (the page may not hold this comment yet); the count and seq are
        # absolute, and a page keeps the count of the newest seq it has seen.
        self.seq = max(self.seq, message["seq"])
        comment = comment_shown_to(
            message["comment"],
            viewer=self.user,
            campaign=self.campaign,
            authorship_hidden=self.authorship_hidden,
            author_ids=self.author_ids,
        )
        await self.send_json(
            {
                "type": "comment",
                "idea": message["idea"],
                "comment": comment,
                "comment_count": message["comment_count"],
                "seq": message["seq"],
            }
        )

    async def comment_withdrawn(self, message):
        self.seq = max(self.seq, message["seq"])
        await self.send_json(
            {
                "type": "comment_withdrawn",
                "idea": message["idea"],
                "comment": message["comment"],
                "comment_count": message["comment_count"],
                "seq": message["seq"],
            }
        )
