"""The task queue (Celery, ADR 0026): `celery -A smartregion worker` and `celery -A smartregion beat`.

Configured from the settings (`CELERY_*`, from the environment). Without CELERY_BROKER_URL every task runs
in the process that asks for it (`task_always_eager`): the embedded default needs no broker.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "smartregion.settings")

app = Celery("smartregion")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
