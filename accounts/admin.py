from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import UserChangeForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from accounts import services
from accounts.models import Agency, Region, User
from accounts.roles import GROUP_ROLES
from core.admin import RequestFormMixin
from core.errors import RuleError


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind", "parent"]
    list_filter = ["kind"]
    search_fields = ["code", "name"]
    autocomplete_fields = ["parent"]


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind", "region"]
    list_filter = ["kind"]
    search_fields = ["code", "name"]
    autocomplete_fields = ["region"]


class UserRolesForm(UserChangeForm):
    """The account with its roles as checkboxes; the roles are saved by accounts.services, never
    by editing the groups directly."""

    roles = forms.MultipleChoiceField(
        label=_("Roles"),
        choices=[(role, role) for role in GROUP_ROLES],
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Every account is staff; these roles come on top."),
    )

    request = None  # set by RequestFormMixin

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["roles"].initial = list(
                self.instance.groups.filter(name__in=GROUP_ROLES).values_list("name", flat=True)
            )

    def clean_roles(self):
        roles = set(self.cleaned_data["roles"])
        if self.instance.pk and self.request is not None:
            try:
                services.user_roles_check(user=self.instance, roles=roles, by=self.request.user)
            except RuleError as refusal:
                raise ValidationError(str(refusal.message), code=refusal.code) from refusal
        return roles


@admin.register(User)
class UserAdmin(RequestFormMixin, DjangoUserAdmin):
    form = UserRolesForm
    list_display = ["username", "full_name", "nip", "agency", "is_active"]
    list_filter = ["is_active", "groups", "agency"]
    search_fields = ["username", "full_name", "nip", "email"]
    autocomplete_fields = ["agency"]
    fieldsets = [
        (None, {"fields": ["username", "password"]}),
        ("ASN", {"fields": ["full_name", "nip", "agency", "email"]}),
        (_("Roles"), {"fields": ["is_active", "roles", "is_superuser"]}),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"fields": ["username", "full_name", "nip", "agency", "password1", "password2"]}),
    ]
    readonly_fields = ["last_login", "date_joined"]

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            fields.append("is_superuser")
        return fields

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "roles" in form.cleaned_data:
            services.user_roles_set(
                user_id=obj.pk, roles=form.cleaned_data["roles"], by=request.user
            )
