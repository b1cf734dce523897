from django.db.models import Q, QuerySet

from accounts.models import Agency, Region, User


def agency_list() -> QuerySet[Agency]:
    return Agency.objects.order_by("name")


def region_list() -> QuerySet[Region]:
    return Region.objects.order_by("code")


def region_with_descendants_ids(*, region_id: int) -> list[int]:
    """The region and every region below it (kota -> kecamatan -> kelurahan: three levels)."""
    return list(
        Region.objects.filter(
            Q(pk=region_id) | Q(parent_id=region_id) | Q(parent__parent_id=region_id)
        ).values_list("pk", flat=True)
    )


def user_search(*, query: str) -> QuerySet[User]:
    """Active people by name, username or NIP (for choosing co-authors)."""
    users = User.objects.filter(is_active=True).select_related("agency")
    if query:
        users = users.filter(
            Q(full_name__icontains=query) | Q(username__icontains=query) | Q(nip__startswith=query)
        )
    return users.order_by("full_name", "id")
