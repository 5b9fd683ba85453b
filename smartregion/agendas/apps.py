from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgendasConfig(AppConfig):
    name = "smartregion.agendas"
    verbose_name = _("Digitalisierungskonzepte")

    def ready(self):
        from smartregion.core import history
        from smartregion.core.sections import register
        from smartregion.core.tallies import provide

        from . import rules  # noqa: F401
        from .job_kinds import register_kinds
        from .queries import agenda_counts
        from .sections import measure_matches, measure_toolkit, network_monitoring_link, territory_agendas

        register("territory", territory_agendas)
        register("network", network_monitoring_link)
        register("measure", measure_toolkit)
        register("measure", measure_matches)
        provide("agendas_per_territory", agenda_counts)
        history.register("agendas.Agenda", "agendas.view_agenda_history")
        history.register("agendas.Measure", "agendas.view_agenda_history")
        register_kinds()
