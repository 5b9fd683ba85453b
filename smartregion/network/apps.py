from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "smartregion.network"
    verbose_name = _("Netzwerke")

    def ready(self):
        from smartregion.core import history
        from smartregion.core.sections import register
        from smartregion.notifications import daily

        from .reminders import follow_ups_due
        from .sections import territory_cooperation

        register("territory", territory_cooperation)
        daily.register(follow_ups_due)
        history.register("network.Network", "network.view_network_history")
