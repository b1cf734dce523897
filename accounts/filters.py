import django_filters

from accounts.models import Agency, Region


class AgencyFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=Agency.Kind.choices)

    class Meta:
        model = Agency
        fields = ["kind"]


class RegionFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=Region.Kind.choices)
    parent = django_filters.NumberFilter(field_name="parent_id")

    class Meta:
        model = Region
        fields = ["kind", "parent"]
