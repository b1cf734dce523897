# Loaded with Django, so that every @shared_task binds to this app (and its settings).
from backend.celery import app as celery_app

__all__ = ("celery_app",)
