import re

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.models import Region, User
from accounts.roles import user_is_admin
from accounts.serializers import AgencyBriefSerializer, RegionSerializer, UserBriefSerializer
from ideas import rules, services
from ideas.models import Campaign, Category, Comment, Idea, IdeaStatusChange
from ideas.payloads import comment_payload
from ideas.visibility import (
    author_hidden_from,
    comment_shown_to,
    idea_author_ids,
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


class IdeaSerializer(serializers.ModelSerializer):
    """An idea as every reader sees it; `panel_score` only for those who may see it yet."""

    category = CategorySerializer(read_only=True)
    agency = AgencyBriefSerializer(read_only=True)
    region = RegionSerializer(read_only=True, allow_null=True)
    author = UserBriefSerializer(read_only=True)
    co_authors = UserBriefSerializer(many=True, read_only=True)
    has_voted = serializers.SerializerMethodField()
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
            "status",
            "merged_into",
            "vote_count",
            "comment_count",
            "has_voted",
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

    @extend_schema_field(serializers.BooleanField())
    def get_has_voted(self, idea) -> bool:
        # Annotated by ideas.selectors (no query per row); False where it was not.
        return bool(getattr(idea, "has_voted", False))

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

    class Meta:
        model = Comment
        fields = ["id", "idea", "parent", "author", "author_label", "body", "kind", "created_at"]

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
