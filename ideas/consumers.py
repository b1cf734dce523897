"""/ws/ideas/{id}/: one idea's live state (API.md §Live)."""

from __future__ import annotations

from channels.db import database_sync_to_async
from django.core.exceptions import ObjectDoesNotExist

from ideas import selectors
from ideas.visibility import author_hidden_from, comment_shown_to, idea_author_ids
from live.consumers import CLOSE_NOT_FOUND, CLOSE_UNAUTHENTICATED, LiveConsumer
from live.publish import idea_group


class IdeaView:
    """One reader's view of one idea's live state: the snapshot, then each broadcast as the
    frame this reader may see (or None: older than what they have). Used by IdeaConsumer and
    by the multiplexed socket (backend.multiplex), one per idea it follows."""

    def __init__(self, *, user, idea_id: int) -> None:
        self.user = user
        self.idea_id = idea_id
        self.seq = -1

    def snapshot(self) -> dict | None:
        """Read in a database thread; None if the reader may not see the idea."""
        try:
            idea = selectors.idea_get(idea_id=self.idea_id, user=self.user)
        except ObjectDoesNotExist:
            return None
        self.campaign = idea.campaign
        self.authorship_hidden = author_hidden_from(viewer=self.user, idea=idea)
        self.author_ids = idea_author_ids(idea)
        self.seq = idea.live_version
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

    def frame(self, message: dict) -> dict | None:
        """The frame for a broadcast of this idea (no query: the rules were read at snapshot)."""
        kind = message["type"]
        if kind == "tally.changed":
            if not self._is_new(message):
                return None
            return {
                "type": "tally",
                "idea": message["idea"],
                "vote_count": message["vote_count"],
                "seq": message["seq"],
            }
        if kind == "status.changed":
            if not self._is_new(message):
                return None
            return {
                "type": "status",
                "idea": message["idea"],
                "status": message["status"],
                "seq": message["seq"],
            }
        # Comments are always forwarded (the page may not hold this one yet); their count and
        # seq are absolute, and a page keeps the count of the newest seq it has seen.
        self.seq = max(self.seq, message["seq"])
        if kind == "comment.added":
            comment = comment_shown_to(
                message["comment"],
                viewer=self.user,
                campaign=self.campaign,
                authorship_hidden=self.authorship_hidden,
                author_ids=self.author_ids,
            )
            return {
                "type": "comment",
                "idea": message["idea"],
                "comment": comment,
                "comment_count": message["comment_count"],
                "seq": message["seq"],
            }
        return {
            "type": "comment_withdrawn",
            "idea": message["idea"],
            "comment": message["comment"],
            "comment_count": message["comment_count"],
            "seq": message["seq"],
            "withdrawn": message.get("withdrawn", "author"),
        }


class IdeaConsumer(LiveConsumer):
    """/ws/ideas/{id}/: a snapshot, then tallies, comments and status changes of one idea, and
    `comment_withdrawn` (the id of a comment taken back) beside API.md's message types.
    Comments are shown as the REST comment list shows them to this reader (visibility is
    decided at connect, by ideas.visibility)."""

    async def connect(self):
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            await self.refuse(CLOSE_UNAUTHENTICATED)
            return
        self.view = IdeaView(user=user, idea_id=int(self.scope["url_route"]["kwargs"]["idea_id"]))
        self.group = idea_group(self.view.idea_id)
        # Join before reading, so that nothing committed after the snapshot is missed; the
        # sequence number drops anything the snapshot already includes.
        await self.channel_layer.group_add(self.group, self.channel_name)
        snapshot = await database_sync_to_async(self.view.snapshot)()
        if snapshot is None:
            await self.channel_layer.group_discard(self.group, self.channel_name)
            await self.refuse(CLOSE_NOT_FOUND)
            return
        await self.accept()
        await self.send_json(snapshot)

    async def disconnect(self, code):
        if hasattr(self, "group"):
            await self.channel_layer.group_discard(self.group, self.channel_name)

    async def _forward(self, message):
        frame = self.view.frame(message)
        if frame is not None:
            await self.send_json(frame)

    tally_changed = status_changed = comment_added = comment_withdrawn = _forward
