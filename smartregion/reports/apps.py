from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "smartregion.reports"
    verbose_name = _("Berichte")

    def ready(self):
        from smartregion.core.sections import register

        from .job_kinds import register_kinds
        from .sections import dashboard_cooperation, network_whitepaper

        register("network", network_whitepaper)
        register("network_dashboard", dashboard_cooperation)
        register_kinds()
