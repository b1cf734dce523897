"""Roles change through accounts.services.user_roles_set, from the console, the API and the
Django admin alike."""

import pytest
from django.core.exceptions import ValidationError

from accounts.models import User
from accounts.roles import user_roles
from accounts.services import user_roles_set
from core.errors import RuleConflict, RuleForbidden
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_an_admin_grants_and_takes_away_roles():
    office, person = UserFactory(roles=["admin"]), UserFactory()
    user_roles_set(user_id=person.pk, roles=["reviewer", "leadership"], by=office)
    assert user_roles(User.objects.get(pk=person.pk)) == ["staff", "reviewer", "leadership"]
    user_roles_set(user_id=person.pk, roles=["leadership"], by=office)
    assert user_roles(User.objects.get(pk=person.pk)) == ["staff", "leadership"]


def test_refusals_change_nothing():
    office, person, staff = (
        UserFactory(roles=["admin"]),
        UserFactory(roles=["reviewer"]),
        UserFactory(),
    )
    with pytest.raises(RuleForbidden):
        user_roles_set(user_id=person.pk, roles=["admin"], by=staff)
    with pytest.raises(ValidationError):
        user_roles_set(user_id=person.pk, roles=["admin", "governor"], by=office)
    with pytest.raises(RuleConflict) as own:
        user_roles_set(user_id=office.pk, roles=["reviewer"], by=office)
    assert own.value.code == "own_admin_role"
    assert user_roles(User.objects.get(pk=person.pk)) == ["staff", "reviewer"]
    assert user_roles(User.objects.get(pk=office.pk)) == ["staff", "admin"]
