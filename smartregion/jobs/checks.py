"""A deployment check of the task queue's configuration (ADR 0026, addendum)."""

from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.compatibility, deploy=True)
def eager_beside_a_broker(app_configs, **kwargs):
    """CELERY_TASK_ALWAYS_EAGER with a broker is `make test-production`'s setting: in production every task
    would run inside the web request again."""
    if settings.CELERY_BROKER_URL and settings.CELERY_TASK_ALWAYS_EAGER:
        return [
            checks.Warning(
                "CELERY_TASK_ALWAYS_EAGER is on although CELERY_BROKER_URL names a broker: every task runs in the "
                "process that asks for it, none reaches a worker.",
                hint="Unset CELERY_TASK_ALWAYS_EAGER (it is for the test suite only).",
                id="jobs.W001",
            )
        ]
    return []
