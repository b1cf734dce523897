from rest_framework import serializers

from accounts.models import Agency, Region, User


class AgencyBriefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Agency
        fields = ["id", "code", "name"]


class AgencySerializer(serializers.ModelSerializer):
    class Meta:
        model = Agency
        fields = ["id", "code", "name", "kind"]


class RegionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Region
        fields = ["id", "code", "name", "kind", "parent"]


class UserBriefSerializer(serializers.ModelSerializer):
    """A person as shown beside their work: name and agency, nothing private."""

    agency = AgencyBriefSerializer(read_only=True)

    class Meta:
        model = User
        fields = ["id", "full_name", "agency"]


class MeSerializer(serializers.ModelSerializer):
    agency = AgencyBriefSerializer(read_only=True)
    roles = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = User
        fields = ["id", "username", "full_name", "nip", "agency", "roles"]


class LoginSerializer(serializers.Serializer):
    username = serializers.CharField(max_length=150)
    password = serializers.CharField(max_length=128, trim_whitespace=False, write_only=True)


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField(read_only=True)
