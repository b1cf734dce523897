from django.db.models import QuerySet

from voting.models import Criterion


def criterion_list(*, campaign_id: int) -> QuerySet[Criterion]:
    return Criterion.objects.filter(campaign_id=campaign_id).order_by("position", "id")
