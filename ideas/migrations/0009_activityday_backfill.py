"""Fill the activity rollup from the votes and published comments already stored."""

from collections import Counter

from django.db import migrations
from django.db.models import Count
from django.db.models.functions import TruncDate
from django.utils import timezone


def _per_day(queryset):
    return (
        queryset.annotate(day=TruncDate("created_at", tzinfo=timezone.get_current_timezone()))
        .values_list("idea__campaign_id", "day", "idea__category_id", "idea__agency_id")
        .annotate(n=Count("pk"))
        .order_by()
    )


def backfill(apps, schema_editor):
    Vote = apps.get_model("voting", "Vote")
    Comment = apps.get_model("ideas", "Comment")
    ActivityDay = apps.get_model("ideas", "ActivityDay")
    votes, comments = Counter(), Counter()
    for campaign, day, category, agency, n in _per_day(Vote.objects.all()):
        votes[(campaign or 0, day, category, agency)] += n
    for campaign, day, category, agency, n in _per_day(Comment.objects.filter(is_published=True)):
        comments[(campaign or 0, day, category, agency)] += n
    ActivityDay.objects.bulk_create(
        [
            ActivityDay(
                campaign_key=key[0],
                day=key[1],
                category_id=key[2],
                agency_id=key[3],
                votes=votes[key],
                comments=comments[key],
            )
            for key in votes.keys() | comments.keys()
        ],
        batch_size=2000,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("ideas", "0008_activityday"),
        ("voting", "0001_initial"),
    ]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
