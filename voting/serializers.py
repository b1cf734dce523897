from rest_framework import serializers

from voting.models import Criterion


class CriterionSerializer(serializers.ModelSerializer):
    weight = serializers.FloatField()
    min = serializers.IntegerField(source="min_value")
    max = serializers.IntegerField(source="max_value")

    class Meta:
        model = Criterion
        fields = ["id", "name", "description", "weight", "min", "max"]


class VoteResultSerializer(serializers.Serializer):
    vote_count = serializers.IntegerField()
    has_voted = serializers.BooleanField()


class LeaderboardQuerySerializer(serializers.Serializer):
    campaign = serializers.IntegerField(min_value=1)
    by = serializers.ChoiceField(choices=["votes"], default="votes", required=False)
    limit = serializers.IntegerField(min_value=1, max_value=200, default=50, required=False)


class LeaderboardIdeaSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    agency = serializers.DictField()
    category = serializers.DictField()


class LeaderboardEntrySerializer(serializers.Serializer):
    rank = serializers.IntegerField()
    idea = LeaderboardIdeaSerializer()
    vote_count = serializers.IntegerField()
    panel_score = serializers.FloatField(allow_null=True)
    combined_score = serializers.FloatField(allow_null=True)


class LeaderboardSerializer(serializers.Serializer):
    campaign = serializers.IntegerField()
    by = serializers.CharField()
    seq = serializers.IntegerField()
    generated_at = serializers.DateTimeField()
    entries = LeaderboardEntrySerializer(many=True)
