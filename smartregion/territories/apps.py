from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TerritoriesConfig(AppConfig):
    name = "smartregion.territories"
    verbose_name = _("Gebietskörperschaften")

    def ready(self):
        from smartregion.core import history
        from smartregion.core.sections import register

        from .sections import access_help

        history.register("territories.Territory", "territories.view_territory_history")
        register("profile", access_help)
