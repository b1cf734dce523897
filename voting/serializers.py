from rest_framework import serializers


class VoteResultSerializer(serializers.Serializer):
    vote_count = serializers.IntegerField()
    has_voted = serializers.BooleanField()
