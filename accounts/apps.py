from django.apps import AppConfig
from django.db.models.signals import post_migrate


class AccountsConfig(AppConfig):
    name = "accounts"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from accounts.role_groups import role_groups_sync

        post_migrate.connect(role_groups_sync, dispatch_uid="accounts.role_groups_sync")
