# The Celery app is loaded with Django, so that `shared_task`s use it (ADR 0026).
from .celery import app as celery_app

__all__ = ["celery_app"]
