from rest_framework import serializers


class LeaderboardQuerySerializer(serializers.Serializer):
    campaign = serializers.IntegerField(min_value=1)
    by = serializers.ChoiceField(
        choices=["combined", "votes", "panel"], default="votes", required=False
    )
    limit = serializers.IntegerField(min_value=1, max_value=200, default=50, required=False)
    collaboration = serializers.BooleanField(
        default=False,
        required=False,
        help_text="`true`: only ideas whose accepted authors come from two or more agencies, "
        "ranked among themselves",
    )


class LeaderboardIdeaSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    # null for a viewer who reviews the campaign blind
    agency = serializers.DictField(allow_null=True)
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
