"""The Celery app for background work (`celery -A backend worker`), configured from Django's
settings under the CELERY_ prefix; each app's tasks.py is found on its own."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "backend.settings")

app = Celery("gagasan")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
