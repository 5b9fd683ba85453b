from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    name = "smartregion.matching"
    verbose_name = _("Passende Lösungen (Matching)")

    def ready(self):
        from smartregion.core.helplinks import provide
        from smartregion.core.sections import register

        from .sections import gap_solution_links, need_matches, network_funding_gaps
        from .tasks import rewarm_funding_gaps_after_changes

        register("need", need_matches)
        register("network", network_funding_gaps)
        provide("gap_solutions", gap_solution_links)
        rewarm_funding_gaps_after_changes()
