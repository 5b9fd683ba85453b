from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TerritoriesConfig(AppConfig):
    name = "smartregion.territories"
    verbose_name = _("Gebietskörperschaften")

    def ready(self):
        from smartregion.core import history
        from smartregion.core.sections import register
        from smartregion.notifications import watching

        from .sections import access_help

        watching.register("territories.territory", _("neue ähnliche Projekte in der Nähe"))
        history.register("territories.Territory", "territories.view_territory_history")
        register("profile", access_help)
