from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "smartregion.jobs"
    verbose_name = _("Aufträge")

    def ready(self):
        from . import checks  # noqa: F401  (registers the task-queue deployment check)
