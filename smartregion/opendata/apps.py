from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpendataConfig(AppConfig):
    name = "smartregion.opendata"
    verbose_name = _("Datenlandkarte")

    def ready(self):
        from . import rules  # noqa: F401
