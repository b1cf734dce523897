from rest_framework import serializers

from accounts.models import User
from accounts.serializers import UserBriefSerializer
from reviews.models import Criterion
from reviews.rubrics import RUBRICS


class CriterionSerializer(serializers.ModelSerializer):
    weight = serializers.FloatField()
    min = serializers.IntegerField(source="min_value")
    max = serializers.IntegerField(source="max_value")

    class Meta:
        model = Criterion
        fields = ["id", "name", "description", "weight", "min", "max"]


class ScoreInputSerializer(serializers.Serializer):
    criterion = serializers.IntegerField(min_value=1, max_value=2**63 - 1)
    value = serializers.IntegerField(min_value=-32768, max_value=32767)


class ReviewInputSerializer(serializers.Serializer):
    scores = ScoreInputSerializer(many=True, allow_empty=False, max_length=50)
    comment = serializers.CharField(max_length=5000, allow_blank=True, required=False, default="")
    private_note = serializers.CharField(
        max_length=5000, allow_blank=True, required=False, default=""
    )


class ScoreSerializer(serializers.Serializer):
    criterion = serializers.IntegerField(source="criterion_id")
    value = serializers.IntegerField()


class ReviewSerializer(serializers.Serializer):
    """A review in full: for its reviewer, admins, and leadership once the review is over."""

    id = serializers.IntegerField()
    idea = serializers.IntegerField(source="idea_id")
    reviewer = UserBriefSerializer()
    scores = ScoreSerializer(many=True)
    weighted_score = serializers.FloatField()
    comment = serializers.CharField()
    private_note = serializers.CharField()
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()


class ReviewFeedbackSerializer(serializers.Serializer):
    """What everyone else sees: the published feedback, the reviewer's name unless blind."""

    id = serializers.IntegerField()
    idea = serializers.IntegerField(source="idea_id")
    reviewer = UserBriefSerializer(allow_null=True)
    comment = serializers.CharField()
    created_at = serializers.DateTimeField()


class AssignmentIdeaSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    campaign = serializers.IntegerField(source="campaign_id")
    category = serializers.DictField()
    author = UserBriefSerializer(allow_null=True)
    agency = serializers.DictField(allow_null=True)


class AssignmentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    idea = AssignmentIdeaSerializer()
    reviewer = UserBriefSerializer()
    due_at = serializers.DateTimeField()
    reviewed = serializers.BooleanField()


class AssignmentCreateSerializer(serializers.Serializer):
    idea = serializers.IntegerField(min_value=1, max_value=2**63 - 1)
    reviewer = serializers.IntegerField(min_value=1, max_value=2**63 - 1)
    due_at = serializers.DateTimeField(required=False)


class AssignRequestSerializer(serializers.Serializer):
    per_idea = serializers.IntegerField(min_value=1, max_value=20)
    due_at = serializers.DateTimeField(required=False)


class RubricRequestSerializer(serializers.Serializer):
    template = serializers.ChoiceField(choices=sorted(RUBRICS))


class RubricTemplateSerializer(serializers.Serializer):
    key = serializers.CharField()
    title = serializers.CharField()
    source = serializers.CharField()
    criteria = serializers.SerializerMethodField()

    def get_criteria(self, template) -> list[str]:
        return [criterion.name for criterion in template.criteria]


class PanelMembersSerializer(serializers.Serializer):
    members = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.filter(is_active=True), many=True, allow_empty=True
    )


class PanelSerializer(serializers.Serializer):
    campaign = serializers.IntegerField()
    members = UserBriefSerializer(many=True)


class PanelResultSerializer(serializers.Serializer):
    review_count = serializers.IntegerField()
    raw_mean = serializers.FloatField()
    normalised = serializers.FloatField()
    spread = serializers.FloatField()


class AssignReportSerializer(serializers.Serializer):
    created = serializers.IntegerField()
    removed = serializers.IntegerField(help_text="conflicted assignments taken back")
    loads = serializers.DictField(child=serializers.IntegerField(), help_text="reviewer id: load")
    short = serializers.DictField(
        child=serializers.IntegerField(), help_text="idea id: reviewers still missing"
    )


class ProgressIdeaSerializer(serializers.Serializer):
    idea = serializers.IntegerField()
    reviewed = serializers.BooleanField()
    due_at = serializers.DateTimeField()


class ReviewerProgressSerializer(serializers.Serializer):
    reviewer = UserBriefSerializer()
    assigned = serializers.IntegerField()
    reviewed = serializers.IntegerField()
    overdue = serializers.IntegerField()
    ideas = ProgressIdeaSerializer(many=True)


class PanelProgressSerializer(serializers.Serializer):
    campaign = serializers.IntegerField()
    reviewers = ReviewerProgressSerializer(many=True)
