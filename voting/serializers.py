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
