"""The shapes of /api/stats/ (for the OpenAPI schema and the query's validation)."""

from rest_framework import serializers

from accounts.models import Agency, Region
from ideas.models import Campaign, Category


class StatsQuerySerializer(serializers.Serializer):
    campaign = serializers.PrimaryKeyRelatedField(
        queryset=Campaign.objects.all(), required=False, allow_null=True
    )
    category = serializers.SlugRelatedField(
        slug_field="slug", queryset=Category.objects.all(), required=False, allow_null=True
    )
    agency = serializers.PrimaryKeyRelatedField(
        queryset=Agency.objects.all(), required=False, allow_null=True
    )
    region = serializers.PrimaryKeyRelatedField(
        queryset=Region.objects.all(), required=False, allow_null=True
    )


class _Tally(serializers.Serializer):
    ideas = serializers.IntegerField()
    votes = serializers.IntegerField()
    comments = serializers.IntegerField()
    shortlisted = serializers.IntegerField(help_text="now shortlisted or further along")
    accepted = serializers.IntegerField(help_text="now accepted, piloting or implemented")
    implemented = serializers.IntegerField()


class _Ranked(_Tally):
    headcount = serializers.IntegerField(allow_null=True)
    collaborations = serializers.IntegerField(help_text="ideas whose authors span 2+ agencies")
    authors = serializers.IntegerField(help_text="distinct authors and co-authors")
    ideas_per_100 = serializers.FloatField(allow_null=True, help_text="100 × ideas ÷ headcount")
    authors_per_100 = serializers.FloatField(allow_null=True, help_text="100 × authors ÷ headcount")


class StatsAgencySerializer(_Ranked):
    agency = serializers.DictField(help_text="{id, code, name, kind}")
    rank = serializers.IntegerField(
        allow_null=True, help_text="by ideas_per_100, then authors_per_100; null without headcount"
    )
    rank_by_ideas = serializers.IntegerField(help_text="by the raw number of ideas")


class StatsRegionSerializer(_Ranked):
    region = serializers.DictField(help_text="{id, code, name, kind}")
    rank = serializers.IntegerField(help_text="by ideas")


class StatsCategorySerializer(_Tally):
    slug = serializers.CharField()
    name = serializers.CharField()
    rank = serializers.IntegerField()


class StatsFunnelSerializer(serializers.Serializer):
    status = serializers.CharField()
    count = serializers.IntegerField(help_text="ideas in this status now")
    reached = serializers.IntegerField(help_text="ideas in this status or further along")


class StatsDaySerializer(serializers.Serializer):
    date = serializers.DateField()
    ideas = serializers.IntegerField()
    votes = serializers.IntegerField(allow_null=True, help_text="null under a region filter")
    comments = serializers.IntegerField(allow_null=True, help_text="null under a region filter")


class StatsReviewerSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    full_name = serializers.CharField(allow_null=True)
    agency = serializers.CharField(allow_null=True, help_text="agency code")
    assigned = serializers.IntegerField()
    reviewed = serializers.IntegerField()
    on_panel = serializers.BooleanField()


class StatsPanelSerializer(serializers.Serializer):
    campaign = serializers.DictField(help_text="{id, title}")
    members = serializers.IntegerField()
    assigned = serializers.IntegerField()
    reviewed = serializers.IntegerField()
    progress = serializers.FloatField(allow_null=True, help_text="percent reviewed")
    reviewers = StatsReviewerSerializer(many=True)


class StatsTotalsSerializer(serializers.Serializer):
    ideas = serializers.IntegerField()
    authors = serializers.IntegerField()
    votes = serializers.IntegerField()
    comments = serializers.IntegerField()
    collaborations = serializers.IntegerField()
    agencies = serializers.IntegerField()
    agencies_taking_part = serializers.IntegerField()
    headcount = serializers.IntegerField(allow_null=True)
    ideas_per_100 = serializers.FloatField(allow_null=True)
    authors_per_100 = serializers.FloatField(allow_null=True)
    shortlisted = serializers.IntegerField()
    accepted = serializers.IntegerField()
    implemented = serializers.IntegerField()
    reviews_assigned = serializers.IntegerField()
    reviews_done = serializers.IntegerField()


class StatsSerializer(serializers.Serializer):
    filters = serializers.DictField()
    seq = serializers.IntegerField(help_text="milliseconds since the epoch when computed")
    generated_at = serializers.DateTimeField()
    totals = StatsTotalsSerializer()
    funnel = StatsFunnelSerializer(many=True)
    categories = StatsCategorySerializer(many=True)
    agencies = StatsAgencySerializer(many=True)
    regions = StatsRegionSerializer(many=True)
    timeline = StatsDaySerializer(many=True)
    reviewers = StatsPanelSerializer(many=True)
