import re

from django.db.models import Q, QuerySet

from accounts.models import Agency, Region, User
from accounts.roles import user_sees_nips


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


NIP = re.compile(r"[0-9]{18}")


def user_search(*, query: str, viewer: User) -> QuerySet[User]:
    """Active people by name or username (for choosing co-authors), and by NIP only for those
    who may see NIPs and only on all 18 digits: a prefix match let anyone recover a NIP (birth
    date, appointment date, sex) digit by digit."""
    users = User.objects.filter(is_active=True).select_related("agency")
    if query:
        matches = Q(full_name__icontains=query) | Q(username__icontains=query)
        if NIP.fullmatch(query) and user_sees_nips(viewer):
            matches |= Q(nip=query)
        users = users.filter(matches)
    return users.order_by("full_name", "id")


def staff_directory(*, query: str = "", role: str = "", agency: str = "") -> QuerySet[User]:
    """The innovation office's view of people (admins only, asked by the API): by name,
    username or NIP digits, by group role and by agency code."""
    users = User.objects.select_related("agency")
    if query:
        matches = Q(full_name__icontains=query) | Q(username__icontains=query)
        if query.isdigit():
            matches |= Q(nip__startswith=query)
        users = users.filter(matches)
    if role:
        users = users.filter(groups__name=role)
    if agency:
        users = users.filter(agency__code=agency)
    return users.order_by("full_name", "id")
