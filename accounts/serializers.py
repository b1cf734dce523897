from rest_framework import serializers

from accounts.models import Agency, Region, User
from accounts.roles import GROUP_ROLES, user_roles


class AgencyBriefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Agency
        fields = ["id", "code", "name"]


class AgencySerializer(serializers.ModelSerializer):
    class Meta:
        model = Agency
        fields = ["id", "code", "name", "kind", "headcount"]


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


class StaffMemberSerializer(serializers.ModelSerializer):
    """A person as the innovation office manages them (admins only): NIP and roles included."""

    agency = AgencyBriefSerializer(read_only=True)
    roles = serializers.SerializerMethodField()

    class Meta:
        model = User
        fields = ["id", "username", "full_name", "nip", "email", "agency", "roles", "is_active"]

    def get_roles(self, user) -> list[str]:
        return user_roles(user)


class RolesSerializer(serializers.Serializer):
    roles = serializers.ListField(
        child=serializers.ChoiceField(choices=list(GROUP_ROLES)), allow_empty=True, max_length=3
    )


class StaffImportSerializer(serializers.Serializer):
    file = serializers.FileField(help_text="CSV, UTF-8: nip,full_name,agency_code,email")
    dry_run = serializers.BooleanField(default=False)


class StaffImportErrorSerializer(serializers.Serializer):
    line = serializers.IntegerField()
    column = serializers.CharField()
    message = serializers.CharField()


class StaffImportReportSerializer(serializers.Serializer):
    dry_run = serializers.BooleanField()
    rows = serializers.IntegerField()
    created = serializers.IntegerField()
    updated = serializers.IntegerField()
    unchanged = serializers.IntegerField()
    errors = StaffImportErrorSerializer(many=True)
