from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentsConfig(AppConfig):
    name = "smartregion.assessments"
    verbose_name = _("Smart-Region-Matrix und Selbsteinschätzung")

    def ready(self):
        from smartregion.core import history
        from smartregion.core.sections import register

        from . import rules  # noqa: F401
        from .sections import network_dashboard_link, territory_assessment
        from .warmups import rewarm_dashboards_after_changes

        register("territory", territory_assessment)
        register("network", network_dashboard_link)
        history.register("assessments.Assessment", "assessments.view_assessment_history")
        history.register("assessments.Answer", "assessments.view_answer_history")
        rewarm_dashboards_after_changes()
