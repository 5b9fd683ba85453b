from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "smartregion.events"
    verbose_name = _("Veranstaltungen")

    def ready(self):
        from smartregion.core.helplinks import provide
        from smartregion.core.sections import register
        from smartregion.notifications import daily

        from .reminders import follow_ups_due
        from .sections import network_calendar, network_events, network_follow_ups, territory_cooperation

        register("territory", territory_cooperation)
        register("network_events", network_events)
        register("network_actions", network_follow_ups)
        provide("network_calendar", network_calendar)
        daily.register(follow_ups_due)
