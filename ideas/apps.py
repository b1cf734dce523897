from django.apps import AppConfig


class IdeasConfig(AppConfig):
    name = "ideas"
    default_auto_field = "django.db.models.BigAutoField"
