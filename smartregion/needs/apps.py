from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NeedsConfig(AppConfig):
    name = "smartregion.needs"
    verbose_name = _("Bedarfe")

    def ready(self):
        from . import rules  # noqa: F401
