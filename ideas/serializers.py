import re

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.models import Region, User
from accounts.roles import user_is_admin
from accounts.serializers import AgencyBriefSerializer, RegionSerializer, UserBriefSerializer
from ideas import comments, rules, selectors, services
from ideas.coauthors import idea_is_collaboration
from ideas.models import (
    Campaign,
    Category,
    CoAuthorInvitation,
    Comment,
    Idea,
    IdeaStatusChange,
    Report,
)
from ideas.payloads import comment_payload
from ideas.visibility import (
    author_hidden_from,
    comment_shown_to,
    idea_author_ids,
    invitations_shown_to,
    panel_scores_visible_to,
)

SLUG = re.compile(r"[-a-zA-Z0-9_]{1,50}")
TITLE_MAX = 200
TEXT_MAX = 10_000
COMMENT_MAX = 5_000
ID_MAX = 2**63 - 1


def _id_field() -> serializers.IntegerField:
    """Ids are checked as integers first, so that 1e400, -1 or 2**70 get a 400, not a 500."""
    return serializers.IntegerField(min_value=1, max_value=ID_MAX)


class CategorySlugField(serializers.SlugRelatedField):
    """A category by slug; anything that cannot be a slug (a NUL byte, say) is simply unknown."""

    def __init__(self, **kwargs):
        kwargs.setdefault("slug_field", "slug")
        kwargs.setdefault("queryset", Category.objects.all())
        kwargs.setdefault("error_messages", {"does_not_exist": _("Unknown category “{value}”.")})
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        if not isinstance(data, str) or not SLUG.fullmatch(data):
            self.fail("does_not_exist", slug_name=self.slug_field, value=str(data)[:50])
        return super().to_internal_value(data)


class CategorySerializer(serializers.ModelSerializer):
    name = serializers.CharField(read_only=True)

    class Meta:
        model = Category
        fields = ["slug", "name"]


class CampaignSerializer(serializers.ModelSerializer):
    phase = serializers.ChoiceField(choices=Campaign.Phase.choices, read_only=True)
    submission_open = serializers.BooleanField(read_only=True)
    voting_open = serializers.BooleanField(read_only=True)
    review_open = serializers.BooleanField(read_only=True)
    categories = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)

    class Meta:
        model = Campaign
        fields = [
            "id",
            "title",
            "description",
            "phase",
            *services.CAMPAIGN_DATES,
            "categories",
            "blind_review",
            "popular_vote_weight",
            "submission_open",
            "voting_open",
            "review_open",
        ]


class CampaignWriteSerializer(serializers.ModelSerializer):
    """What an admin sends to create or edit a campaign; dates must follow each other."""

    title = serializers.CharField(max_length=TITLE_MAX)
    description = serializers.CharField(max_length=TEXT_MAX, allow_blank=True, required=False)
    categories = CategorySlugField(many=True, required=False)

    class Meta:
        model = Campaign
        fields = [
            "title",
            "description",
            *services.CAMPAIGN_DATES,
            "categories",
            "blind_review",
            "popular_vote_weight",
        ]

    def validate(self, attrs):
        dates = {
            field: attrs.get(field, getattr(self.instance, field, None))
            for field in services.CAMPAIGN_DATES
        }
        errors = services.campaign_dates_errors(dates)
        if errors:
            raise serializers.ValidationError(errors)
        return attrs


class InvitationBriefSerializer(serializers.Serializer):
    """A pending co-author invitation as the idea's body shows it."""

    id = serializers.IntegerField()
    invitee = UserBriefSerializer()
    created_at = serializers.DateTimeField()


class IdeaSerializer(serializers.ModelSerializer):
    """An idea as every reader sees it; `panel_score` only for those who may see it yet."""

    category = CategorySerializer(read_only=True)
    agency = AgencyBriefSerializer(read_only=True)
    region = RegionSerializer(read_only=True, allow_null=True)
    author = UserBriefSerializer(read_only=True)
    co_authors = UserBriefSerializer(many=True, read_only=True)
    invitations = serializers.SerializerMethodField(
        help_text="Pending co-author invitations: all for the idea's authors and admins, "
        "the reader's own for an invitee, none for others (co_authors holds accepted ones)."
    )
    is_collaboration = serializers.SerializerMethodField(
        help_text="Its accepted authors come from two or more agencies (null when the "
        "authorship is hidden from the reader)."
    )
    has_voted = serializers.SerializerMethodField()
    is_following = serializers.SerializerMethodField(
        help_text="Whether the reader follows the idea (POST/DELETE /api/ideas/{id}/follow/)."
    )
    vote_refusal = serializers.SerializerMethodField(
        help_text="Why the reader cannot vote on it now (null: they can): draft, voting_closed, "
        "own_idea, co_authored."
    )
    can_edit = serializers.SerializerMethodField(
        help_text="Whether the reader may edit it now (PATCH), by API.md's rule."
    )
    panel_score = serializers.SerializerMethodField()
    merged_into = serializers.PrimaryKeyRelatedField(read_only=True)

    class Meta:
        model = Idea
        fields = [
            "id",
            "title",
            "problem",
            "solution",
            "expected_impact",
            "category",
            "campaign",
            "agency",
            "region",
            "author",
            "co_authors",
            "invitations",
            "is_collaboration",
            "status",
            "merged_into",
            "vote_count",
            "comment_count",
            "has_voted",
            "is_following",
            "vote_refusal",
            "can_edit",
            "panel_score",
            "created_at",
            "updated_at",
        ]

    def to_representation(self, idea):
        data = super().to_representation(idea)
        if author_hidden_from(viewer=self._viewer(), idea=idea):
            data.update(author=None, co_authors=[], agency=None)
        return data

    def _viewer(self):
        return self.context["request"].user

    @extend_schema_field(InvitationBriefSerializer(many=True))
    def get_invitations(self, idea) -> list:
        viewer = self._viewer()
        found = selectors.idea_invitation_briefs(idea_ids=[idea.pk])[idea.pk]
        shown = invitations_shown_to(
            invitations=found,
            viewer_id=viewer.pk,
            is_admin=user_is_admin(viewer),
            author_ids=idea_author_ids(idea),
            author_hidden=author_hidden_from(viewer=viewer, idea=idea),
        )
        return InvitationBriefSerializer(shown, many=True).data

    @extend_schema_field(serializers.BooleanField(allow_null=True))
    def get_is_collaboration(self, idea) -> bool | None:
        if author_hidden_from(viewer=self._viewer(), idea=idea):
            return None
        if hasattr(idea, "is_collaboration"):
            return bool(idea.is_collaboration)
        return Idea.objects.filter(idea_is_collaboration(), pk=idea.pk).exists()

    @extend_schema_field(serializers.BooleanField())
    def get_has_voted(self, idea) -> bool:
        # Annotated by ideas.selectors (no query per row); False where it was not.
        return bool(getattr(idea, "has_voted", False))

    @extend_schema_field(serializers.BooleanField())
    def get_is_following(self, idea) -> bool:
        return bool(getattr(idea, "is_following", False))

    @extend_schema_field(serializers.ChoiceField(choices=list(rules.REFUSALS), allow_null=True))
    def get_vote_refusal(self, idea) -> str | None:
        viewer = self._viewer()
        campaign = idea.campaign
        return rules.vote_refusal(
            status=idea.status,
            voting_opens=campaign.voting_opens if campaign else None,
            voting_closes=campaign.voting_closes if campaign else None,
            is_author=idea.author_id == viewer.pk,
            is_co_author=any(user.pk == viewer.pk for user in idea.co_authors.all()),
            now=timezone.now(),
        )

    @extend_schema_field(serializers.BooleanField())
    def get_can_edit(self, idea) -> bool:
        viewer = self._viewer()
        campaign = idea.campaign
        return (
            rules.edit_refusal(
                status=idea.status,
                voting_opens=campaign.voting_opens if campaign else None,
                is_author=idea.is_author(viewer),
                is_admin=user_is_admin(viewer),
                now=timezone.now(),
            )
            is None
        )

    @extend_schema_field(serializers.FloatField(allow_null=True))
    def get_panel_score(self, idea):
        if panel_scores_visible_to(viewer=self._viewer(), campaign=idea.campaign):
            return idea.panel_score
        return None


class IdeaWriteSerializer(serializers.Serializer):
    """The body of POST /api/ideas/ and PATCH /api/ideas/{id}/."""

    title = serializers.CharField(max_length=TITLE_MAX, min_length=5)
    problem = serializers.CharField(max_length=TEXT_MAX, min_length=10)
    solution = serializers.CharField(max_length=TEXT_MAX, min_length=10)
    expected_impact = serializers.CharField(max_length=TEXT_MAX, allow_blank=True, required=False)
    category = CategorySlugField()
    campaign = serializers.PrimaryKeyRelatedField(
        queryset=Campaign.objects.all(), allow_null=True, required=False, pk_field=_id_field()
    )
    region = serializers.PrimaryKeyRelatedField(
        queryset=Region.objects.all(), allow_null=True, required=False, pk_field=_id_field()
    )
    co_authors = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.filter(is_active=True),
        many=True,
        required=False,
        pk_field=_id_field(),
    )
    draft = serializers.BooleanField(required=False, default=False)


class IdeaUpdateSerializer(IdeaWriteSerializer):
    """PATCH: the campaign is fixed once the idea exists."""

    campaign = None
    draft = serializers.BooleanField(required=False)


class IdeaStatusChangeSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=Idea.Status.choices)
    note = serializers.CharField(max_length=COMMENT_MAX, allow_blank=True, required=False)
    merged_into = serializers.IntegerField(
        required=False, allow_null=True, min_value=1, max_value=ID_MAX
    )


class IdeaStatusOptionsSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=Idea.Status.choices)
    allowed = serializers.ListField(child=serializers.ChoiceField(choices=Idea.Status.choices))


class IdeaStatusHistorySerializer(serializers.ModelSerializer):
    changed_by = UserBriefSerializer(read_only=True)

    class Meta:
        model = IdeaStatusChange
        fields = ["from_status", "to_status", "changed_by", "note", "created_at"]


class CommentSerializer(serializers.ModelSerializer):
    """A comment as the request's reader may see it (ideas.visibility.comment_shown_to).
    The fields are the schema; the body comes from ideas.payloads, as the live frames do."""

    author = UserBriefSerializer(read_only=True, allow_null=True)
    author_label = serializers.CharField(
        read_only=True, required=False, help_text="Shown instead of a hidden author's name."
    )

    edited_at = serializers.DateTimeField(
        read_only=True, allow_null=True, help_text="When its author last changed the text."
    )
    editable_until = serializers.DateTimeField(
        read_only=True, help_text="Until when its author may edit or delete it."
    )
    withdrawn = serializers.ChoiceField(
        choices=["author", "moderation"],
        read_only=True,
        allow_null=True,
        help_text="Set on a comment no longer shown, kept in a thread for its replies: who "
        "took it back. Its body and author are then empty.",
    )

    class Meta:
        model = Comment
        fields = [
            "id",
            "idea",
            "parent",
            "author",
            "author_label",
            "body",
            "kind",
            "created_at",
            "edited_at",
            "editable_until",
            "withdrawn",
        ]

    def to_representation(self, comment):
        # The idea as the view read it (annotated, co-authors prefetched), when it has one.
        idea = self.context.get("idea")
        if idea is None or idea.pk != comment.idea_id:
            idea = comment.idea
        viewer = self.context["request"].user
        # Asked once per idea, not per comment (a list's comments share the context).
        rules = self.context.setdefault("_idea_rules", {})
        if idea.pk not in rules:
            rules[idea.pk] = (author_hidden_from(viewer=viewer, idea=idea), idea_author_ids(idea))
        hidden, author_ids = rules[idea.pk]
        return comment_shown_to(
            comment_payload(comment),
            viewer=viewer,
            campaign=idea.campaign,
            authorship_hidden=hidden,
            author_ids=author_ids,
        )


class CommentWriteSerializer(serializers.Serializer):
    body = serializers.CharField(max_length=COMMENT_MAX)
    parent = serializers.PrimaryKeyRelatedField(
        queryset=Comment.objects.filter(is_published=True),
        allow_null=True,
        required=False,
        pk_field=_id_field(),
    )
    kind = serializers.ChoiceField(
        choices=Comment.Kind.choices,
        default=Comment.Kind.STAFF,
        required=False,
    )


class CommentModerationSerializer(serializers.Serializer):
    reason = serializers.CharField(
        max_length=services.COMMENT_MODERATION_REASON_MAX, help_text="Told to the comment's author."
    )


class CommentModeratedSerializer(serializers.Serializer):
    comment = serializers.IntegerField()
    idea = serializers.IntegerField()
    hidden = serializers.BooleanField()


class CommentThreadSerializer(CommentSerializer):
    """A top-level comment with its published replies, oldest first (replies go one level
    deep), as GET /api/ideas/{id}/comments/ lists threads."""

    replies = CommentSerializer(many=True, read_only=True)
    reply_count = serializers.IntegerField(read_only=True)

    class Meta(CommentSerializer.Meta):
        fields = [*CommentSerializer.Meta.fields, "replies", "reply_count"]

    def to_representation(self, comment):
        data = super().to_representation(comment)
        replies = getattr(comment, "replies_shown", [])
        reply = CommentSerializer(context=self.context)
        data["replies"] = [reply.to_representation(r) for r in replies]
        data["reply_count"] = len(replies)
        return data


class CommentEditSerializer(serializers.Serializer):
    body = serializers.CharField(max_length=COMMENT_MAX)


class ReportWriteSerializer(serializers.Serializer):
    reason = serializers.ChoiceField(choices=Report.Reason.choices)
    note = serializers.CharField(
        max_length=comments.REPORT_NOTE_MAX, allow_blank=True, required=False, default=""
    )


class ReportSerializer(serializers.ModelSerializer):
    """A report as its reporter sees it: nothing about anyone else's."""

    class Meta:
        model = Report
        fields = ["id", "idea", "comment", "reason", "note", "status", "created_at"]


class ReportTargetSerializer(serializers.Serializer):
    type = serializers.ChoiceField(choices=["idea", "comment"])
    idea = serializers.IntegerField()
    idea_title = serializers.CharField()
    comment = serializers.IntegerField(allow_null=True)
    body = serializers.CharField(help_text="The comment's text, kept even once taken down.")
    author = UserBriefSerializer(allow_null=True)
    shown = serializers.BooleanField(help_text="Whether it is still shown to readers.")


class ReportQueueSerializer(serializers.ModelSerializer):
    """A report in the moderators' queue (admins only)."""

    reporter = UserBriefSerializer(read_only=True)
    resolved_by = UserBriefSerializer(read_only=True, allow_null=True)
    target = serializers.SerializerMethodField()
    open_reports = serializers.IntegerField(
        read_only=True, help_text="Open reports on the same idea or comment, this one included."
    )

    class Meta:
        model = Report
        fields = [
            "id",
            "reason",
            "note",
            "status",
            "created_at",
            "reporter",
            "target",
            "open_reports",
            "resolved_by",
            "resolved_at",
            "resolution_note",
        ]

    @extend_schema_field(ReportTargetSerializer)
    def get_target(self, report) -> dict:
        # Everything here comes with the queue's one query (ideas.selectors.report_queue).
        comment = report.comment
        if comment is None:
            idea = report.idea
            return {
                "type": "idea",
                "idea": idea.pk,
                "idea_title": idea.title,
                "comment": None,
                "body": idea.problem,
                "author": None,
                "shown": idea.status not in Idea.PRIVATE_STATUSES,
            }
        return {
            # The idea the comment is on now (a merge moves comments to the original).
            "type": "comment",
            "idea": comment.idea_id,
            "idea_title": comment.idea.title,
            "comment": comment.pk,
            "body": comment.body,
            "author": UserBriefSerializer(comment.author).data,
            "shown": comment.is_published,
        }


class ReportResolveSerializer(serializers.Serializer):
    action = serializers.ChoiceField(choices=list(comments.ReportAction.ALL))
    note = serializers.CharField(
        max_length=services.COMMENT_MODERATION_REASON_MAX,
        allow_blank=True,
        required=False,
        default="",
        help_text="Told to the author when hiding (required then).",
    )


class ReportQueueFilterSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=Report.Status.choices, required=False)


class InvitationIdeaSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    status = serializers.ChoiceField(choices=Idea.Status.choices)


class InvitationSerializer(serializers.Serializer):
    """A co-author invitation as its invitee sees it (GET /api/invitations/)."""

    id = serializers.IntegerField()
    idea = InvitationIdeaSerializer()
    invited_by = UserBriefSerializer()
    status = serializers.ChoiceField(choices=CoAuthorInvitation.Status.choices)
    created_at = serializers.DateTimeField()
    answered_at = serializers.DateTimeField(allow_null=True)
