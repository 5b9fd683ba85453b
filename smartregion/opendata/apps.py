from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpendataConfig(AppConfig):
    name = "smartregion.opendata"
    verbose_name = _("Datenlandkarte")

    def ready(self):
        from smartregion.core.sections import register

        from . import rules  # noqa: F401
        from .job_kinds import register_kinds
        from .sections import network_data_map

        register("network", network_data_map)
        register_kinds()
