from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from accounts.models import Agency, Region


class Category(models.Model):
    """A problem area (traffic, flooding, ...), named in both interface languages."""

    slug = models.SlugField(max_length=40, unique=True)
    name_id = models.CharField(_("name (Indonesian)"), max_length=80)
    name_en = models.CharField(_("name (English)"), max_length=80)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "slug"]
        verbose_name_plural = "categories"

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.localized_name(name_id=self.name_id, name_en=self.name_en)

    @staticmethod
    def localized_name(*, name_id: str, name_en: str) -> str:
        """The name in the active language (Indonesian unless English is asked for)."""
        return name_en if (get_language() or "id").startswith("en") else name_id


class Campaign(models.Model):
    """An innovation challenge. Its phase is derived from its dates, never stored."""

    class Phase(models.TextChoices):
        UPCOMING = "upcoming", _("Upcoming")
        SUBMISSION = "submission", _("Submission")
        VOTING = "voting", _("Voting")
        REVIEW = "review", _("Review")
        CLOSED = "closed", _("Closed")

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    submission_opens = models.DateTimeField()
    submission_closes = models.DateTimeField()
    voting_opens = models.DateTimeField()
    voting_closes = models.DateTimeField()
    review_opens = models.DateTimeField()
    review_closes = models.DateTimeField()
    categories = models.ManyToManyField(Category, blank=True, related_name="campaigns")
    blind_review = models.BooleanField(
        _("blind review"),
        default=True,
        help_text=_("Reviewers do not see authors or agencies; authors do not see reviewers."),
    )
    popular_vote_weight = models.FloatField(
        _("weight of the popular vote"),
        default=0.3,
        help_text=_(
            "Share of the popular vote in the combined ranking (0 to 1); the panel has the rest."
        ),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-submission_opens", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(submission_closes__gt=F("submission_opens")),
                name="ideas_campaign_submission_closes_after_opening",
            ),
            models.CheckConstraint(
                condition=Q(voting_closes__gt=F("voting_opens")),
                name="ideas_campaign_voting_closes_after_opening",
            ),
            models.CheckConstraint(
                condition=Q(review_closes__gt=F("review_opens")),
                name="ideas_campaign_review_closes_after_opening",
            ),
            models.CheckConstraint(
                condition=Q(voting_opens__gte=F("submission_opens")),
                name="ideas_campaign_voting_not_before_submission",
            ),
            models.CheckConstraint(
                condition=Q(review_opens__gte=F("voting_opens")),
                name="ideas_campaign_review_not_before_voting",
            ),
            models.CheckConstraint(
                condition=Q(popular_vote_weight__gte=0) & Q(popular_vote_weight__lte=1),
                name="ideas_campaign_vote_weight_between_0_and_1",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def submission_open_at(self, moment) -> bool:
        return self.submission_opens <= moment < self.submission_closes

    def voting_open_at(self, moment) -> bool:
        return self.voting_opens <= moment < self.voting_closes

    def review_open_at(self, moment) -> bool:
        return self.review_opens <= moment < self.review_closes

    def phase_at(self, moment) -> str:
        """The phase at a moment. Voting wins where it overlaps submission; in a gap between
        two windows the phase is the one that began last (its `*_open` flag says it is shut)."""
        if moment < self.submission_opens:
            return self.Phase.UPCOMING
        if self.voting_open_at(moment):
            return self.Phase.VOTING
        if moment >= max(self.submission_closes, self.voting_closes, self.review_closes):
            return self.Phase.CLOSED
        if moment >= self.review_opens:
            return self.Phase.REVIEW
        if moment >= self.voting_opens:
            return self.Phase.VOTING
        return self.Phase.SUBMISSION

    @property
    def phase(self) -> str:
        return self.phase_at(timezone.now())

    @property
    def submission_open(self) -> bool:
        return self.submission_open_at(timezone.now())

    @property
    def voting_open(self) -> bool:
        return self.voting_open_at(timezone.now())

    @property
    def review_open(self) -> bool:
        return self.review_open_at(timezone.now())


class Idea(models.Model):
    """An innovation idea. `vote_count` and `comment_count` change only through F() in services."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        IN_REVIEW = "in_review", _("In review")
        SHORTLISTED = "shortlisted", _("Shortlisted")
        ACCEPTED = "accepted", _("Accepted")
        PILOTING = "piloting", _("Piloting")
        IMPLEMENTED = "implemented", _("Implemented")
        REJECTED = "rejected", _("Rejected")
        MERGED = "merged", _("Merged")
        HIDDEN = "hidden", _("Hidden by moderation")

    # Seen only by their authors (and admins): a draft, and an idea hidden by moderation.
    PRIVATE_STATUSES = frozenset({Status.DRAFT, Status.HIDDEN})
    # Open for votes (with the campaign's voting phase), for panel review, and out of the
    # running (not ranked).
    VOTABLE_STATUSES = frozenset({Status.SUBMITTED, Status.IN_REVIEW, Status.SHORTLISTED})
    REVIEWABLE_STATUSES = frozenset({Status.SUBMITTED, Status.IN_REVIEW, Status.SHORTLISTED})
    OFF_BOARD_STATUSES = frozenset({Status.DRAFT, Status.REJECTED, Status.MERGED, Status.HIDDEN})

    title = models.CharField(_("title"), max_length=200)
    problem = models.TextField(_("problem"))
    solution = models.TextField(_("solution"))
    expected_impact = models.TextField(_("expected impact"), blank=True)
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="ideas")
    campaign = models.ForeignKey(
        Campaign, null=True, blank=True, on_delete=models.PROTECT, related_name="ideas"
    )
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="ideas")
    region = models.ForeignKey(
        Region, null=True, blank=True, on_delete=models.PROTECT, related_name="ideas"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="ideas"
    )
    co_authors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="co_authored_ideas"
    )
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.SUBMITTED)
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="merged_ideas"
    )
    vote_count = models.PositiveIntegerField(default=0)
    comment_count = models.PositiveIntegerField(default=0)
    panel_score = models.FloatField(null=True, blank=True)
    # Grows by one whenever a number or status shown live changes, so that live messages can be
    # ordered (a late message never overwrites a newer state) and a leaderboard's `seq` derived.
    live_version = models.PositiveBigIntegerField(default=0)
    trending_score = models.FloatField(default=0)
    # Kept by a PostgreSQL trigger (migration 0002); unused and empty on SQLite.
    search_vector = SearchVectorField(null=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        # The feed's orderings (ideas.filters.ORDERINGS), each with the status the visibility
        # rule reads, so that a page (and the entries a deep OFFSET skips) is read from the
        # index alone (PostgreSQL; elsewhere without the included column).
        indexes = [
            models.Index(
                fields=["-created_at", "-id"], include=["status"], name="ideas_idea_newest"
            ),
            models.Index(
                fields=["-vote_count", "-created_at", "-id"],
                include=["status"],
                name="ideas_idea_by_votes",
            ),
            models.Index(
                fields=["-trending_score", "-id"], include=["status"], name="ideas_idea_trending"
            ),
            models.Index(fields=["campaign", "-vote_count"], name="ideas_idea_campaign_votes"),
            models.Index(fields=["status"], name="ideas_idea_status"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(vote_count__gte=0), name="ideas_idea_vote_count_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(comment_count__gte=0), name="ideas_idea_comment_count_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(merged_into__isnull=True) | ~Q(merged_into=F("pk")),
                name="ideas_idea_not_merged_into_itself",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def is_author(self, user) -> bool:
        """The author or a co-author."""
        if not user.is_authenticated:
            return False
        return self.author_id == user.pk or any(u.pk == user.pk for u in self.co_authors.all())


class IdeaStatusChange(models.Model):
    """The audit trail: every status change, who made it, when, from and to what, and why."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=12, choices=Idea.Status.choices, blank=True)
    to_status = models.CharField(max_length=12, choices=Idea.Status.choices)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    note = models.TextField(blank=True)
    # A merge (ideas.merge): the idea this one was merged into.
    merged_into = models.ForeignKey(
        "Idea", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.idea_id}: {self.from_status or '-'} -> {self.to_status}"


class Comment(models.Model):
    """A comment on an idea. Plain text: stored as sent, rendered as text, never as markup."""

    class Kind(models.TextChoices):
        STAFF = "staff", _("Staff")
        REVIEWER = "reviewer", _("Reviewer feedback")
        OFFICIAL = "official", _("Official response")

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="comments")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="comments"
    )
    body = models.TextField(_("comment"))
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.STAFF)
    is_published = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now)
    # Moderation: an admin took the comment down, with the reason its author is told; the row
    # and its text stay, for the record.
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="comments_moderated",
    )
    moderated_at = models.DateTimeField(null=True, blank=True)
    moderation_reason = models.TextField(blank=True)
    # Its author changed the text (shown as "diedit"), or took the comment back themselves
    # (not published any more; the row stays, replies stay under it): ideas.comments.
    edited_at = models.DateTimeField(null=True, blank=True)
    deleted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["idea", "created_at"], name="ideas_comment_idea_time")]

    def __str__(self) -> str:
        return f"{self.author} on {self.idea_id}"

    @property
    def withdrawn(self) -> str | None:
        """Why an unpublished comment is not shown: "moderation" or "author" (its author, or
        the reviewer who cleared their feedback); None while it is published."""
        if self.is_published:
            return None
        return "moderation" if self.moderated_at else "author"


class CommentRevision(models.Model):
    """A comment's text before one of its author's edits, kept for moderators."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="revisions")
    body = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"revision of {self.comment_id}"


class Report(models.Model):
    """Someone tells the moderators an idea (comment None) or a comment is abusive. At most one
    open report per person and object; a moderator dismisses it, or hides the object through
    the moderation services, which close every open report on it."""

    class Reason(models.TextChoices):
        SPAM = "spam", _("Spam or advertising")
        OFFENSIVE = "offensive", _("Offensive or abusive")
        PERSONAL_DATA = "personal_data", _("Personal data")
        OFF_TOPIC = "off_topic", _("Off-topic")
        OTHER = "other", _("Something else")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        DISMISSED = "dismissed", _("Dismissed")
        ACTIONED = "actioned", _("Acted on")

    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reports_filed"
    )
    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="reports")
    comment = models.ForeignKey(
        Comment, null=True, blank=True, on_delete=models.CASCADE, related_name="reports"
    )
    reason = models.CharField(max_length=16, choices=Reason.choices)
    note = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(default=timezone.now)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reports_resolved",
    )
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolution_note = models.TextField(blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["status", "created_at"], name="ideas_report_queue")]
        constraints = [
            models.UniqueConstraint(
                fields=["reporter", "comment"],
                condition=Q(status="open", comment__isnull=False),
                name="ideas_report_one_open_per_reporter_comment",
            ),
            models.UniqueConstraint(
                fields=["reporter", "idea"],
                condition=Q(status="open", comment__isnull=True),
                name="ideas_report_one_open_per_reporter_idea",
            ),
        ]

    def __str__(self) -> str:
        target = f"comment {self.comment_id}" if self.comment_id else f"idea {self.idea_id}"
        return f"{self.reason} on {target} ({self.status})"

    @staticmethod
    def same_object(*, idea_id: int, comment_id: int | None) -> dict:
        """The filter for reports on the same object: a comment by itself (its `idea` may be
        the one it was on before a merge moved it), an idea's own reports otherwise."""
        if comment_id is not None:
            return {"comment_id": comment_id}
        return {"idea_id": idea_id, "comment__isnull": True}


class ActivityDay(models.Model):
    """Votes and published comments per day (Asia/Jakarta) for one campaign, category and lead
    agency: the dashboard's time line reads these few rows, never the votes (5M at the
    province's scale). Kept by the services that change Idea.vote_count and comment_count, in
    the same transaction, by the day the vote or comment was made (a withdrawal subtracts from
    the day it was cast), so that the days of a key always add up to its ideas' counters
    (ideas.activity.activity_mismatches). `campaign_key` is the campaign's id, 0 without one
    (a plain number, so that the unique key holds without NULLs)."""

    campaign_key = models.PositiveIntegerField()
    day = models.DateField()
    category = models.ForeignKey(Category, on_delete=models.CASCADE, related_name="+")
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    votes = models.IntegerField(default=0)
    comments = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["campaign_key", "day", "category", "agency"],
                name="ideas_activityday_one_per_key",
            )
        ]
        indexes = [models.Index(fields=["agency", "day"], name="ideas_activityday_agency")]

    def __str__(self) -> str:
        return f"{self.day} c{self.campaign_key} {self.category_id}/{self.agency_id}"


class CoAuthorInvitation(models.Model):
    """An invitation to co-author an idea (ideas.coauthors): only once the invitee accepts do
    they join `Idea.co_authors`. At most one open (pending) invitation per idea and invitee;
    answered ones stay for the record."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="invitations")
    invitee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="coauthor_invitations"
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(default=timezone.now)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["idea", "invitee"],
                condition=Q(status="pending"),
                name="ideas_coauthorinvitation_one_open_per_invitee",
            ),
            models.CheckConstraint(
                condition=Q(status="pending", answered_at__isnull=True)
                | (~Q(status="pending") & Q(answered_at__isnull=False)),
                name="ideas_coauthorinvitation_answered_when_closed",
            ),
        ]
        indexes = [
            models.Index(fields=["invitee", "status"], name="ideas_coauthorinv_invitee"),
        ]

    def __str__(self) -> str:
        return f"{self.invitee_id} → idea {self.idea_id} ({self.status})"


class IdeaFollow(models.Model):
    """Someone who hears of an idea's status changes, official responses and new comments
    (ideas.follows). Authors and co-authors follow their own idea from the start."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="follows")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="idea_follows"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["idea", "user"], name="ideas_ideafollow_one_per_user")
        ]
        indexes = [models.Index(fields=["user", "idea"], name="ideas_ideafollow_by_user")]

    def __str__(self) -> str:
        return f"{self.user_id} follows idea {self.idea_id}"
