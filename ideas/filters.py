import re

import django_filters
from django.db.models import F
from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import ValidationError

from accounts.models import Agency, Region
from accounts.selectors import region_with_descendants_ids
from ideas import selectors
from ideas.coauthors import idea_is_collaboration
from ideas.models import Campaign, Category, Idea
from ideas.visibility import visible_panel_score_expression

USER_ID = re.compile(r"[1-9][0-9]{0,17}")  # ASCII digits, within a 64-bit id

ORDERINGS = {
    "-created_at": ["-created_at", "-id"],
    "created_at": ["created_at", "id"],
    "-vote_count": ["-vote_count", "-created_at", "-id"],
    "trending": ["-trending_score", "-id"],
    "-score": [F("visible_score").desc(nulls_last=True), "-vote_count", "-id"],
}


# Filters whose answer depends on who reads: `author=me`, `voted`, and `agency` and
# `collaboration` (a blind reviewer does not find the ideas they review by who wrote them).
PERSONAL_FILTERS = ("author", "voted", "agency", "collaboration")


def _hashable(value):
    if isinstance(value, list | tuple):
        return tuple(_hashable(v) for v in value)
    return getattr(value, "pk", value)


class IdeaFilter(django_filters.FilterSet):
    """The filters and orderings of API.md §Ideas. The request (for `me`) comes from the view."""

    campaign = django_filters.ModelChoiceFilter(queryset=Campaign.objects.all())
    category = django_filters.ModelChoiceFilter(
        queryset=Category.objects.all(), to_field_name="slug"
    )
    agency = django_filters.ModelChoiceFilter(queryset=Agency.objects.all())
    region = django_filters.ModelChoiceFilter(queryset=Region.objects.all(), method="filter_region")
    status = django_filters.MultipleChoiceFilter(choices=Idea.Status.choices)
    author = django_filters.CharFilter(method="filter_author", help_text="a user id, or `me`")
    voted = django_filters.BooleanFilter(
        method="filter_voted", help_text="`true`: ideas I voted for"
    )
    collaboration = django_filters.BooleanFilter(
        method="filter_collaboration",
        help_text="`true`: ideas whose accepted authors come from two or more agencies",
    )
    search = django_filters.CharFilter(
        method="filter_search", max_length=200, help_text="full text over title, problem, solution"
    )
    ordering = django_filters.ChoiceFilter(
        choices=[(key, key) for key in ORDERINGS], method="filter_ordering", empty_label=None
    )

    class Meta:
        model = Idea
        fields = ["campaign", "category", "agency", "region", "status", "author", "voted"]

    def filter_region(self, queryset, name, value):
        return queryset.filter(region_id__in=region_with_descendants_ids(region_id=value.pk))

    def filter_author(self, queryset, name, value):
        if value == "me":
            user_id = self.request.user.pk
        elif USER_ID.fullmatch(value):
            user_id = int(value)
        else:
            raise ValidationError({"author": [_("Give a user id or “me”.")]})
        return selectors.idea_filter_by_author(queryset=queryset, user_id=user_id)

    def filter_voted(self, queryset, name, value):
        voted = selectors.idea_filter_voted_by(queryset=queryset, user=self.request.user)
        if value:
            return voted
        return queryset.exclude(pk__in=voted.values("pk"))

    def filter_collaboration(self, queryset, name, value):
        collaboration = idea_is_collaboration()
        return queryset.filter(collaboration if value else ~collaboration)

    def filter_search(self, queryset, name, value):
        return selectors.idea_search(queryset=queryset, text=value)

    def filter_ordering(self, queryset, name, value):
        # Applied in filter_queryset, after search, so that search can rank when no order is given.
        return queryset

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        data = self.form.cleaned_data
        if (
            data.get("agency") or data.get("author") or data.get("collaboration") is not None
        ) and "author_hidden" in queryset.query.annotations:
            # Otherwise a blind reviewer could learn who wrote an idea from which filter finds it.
            queryset = queryset.exclude(author_hidden=True)
        ordering = self.form.cleaned_data.get("ordering")
        if ordering == "-score":
            queryset = queryset.annotate(visible_score=self._visible_score())
        if ordering:
            return queryset.order_by(*ORDERINGS[ordering])
        if self.form.cleaned_data.get("search"):
            return queryset.order_by("-search_rank", "-created_at", "-id")
        return queryset.order_by(*ORDERINGS["-created_at"])

    def count_key(self, user) -> tuple:
        """What names this filter set's answer for counting (not its order): the filters
        given, and the reader where a personal filter is among them."""
        given = {
            name: _hashable(value)
            for name, value in self.form.cleaned_data.items()
            if name != "ordering" and value not in (None, "", [], ())
        }
        personal = user.pk if any(name in given for name in PERSONAL_FILTERS) else None
        return tuple(sorted(given.items())), personal

    def _visible_score(self):
        """Panel scores count for ordering only where the reader may see them (API.md §Panel)."""
        return visible_panel_score_expression(viewer=self.request.user)
