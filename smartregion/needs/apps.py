from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NeedsConfig(AppConfig):
    name = "smartregion.needs"
    verbose_name = _("Bedarfe")

    def ready(self):
        from smartregion.core import history
        from smartregion.core.sections import register

        from . import rules  # noqa: F401
        from .sections import territory_needs

        register("territory", territory_needs)
        history.register("needs.Need", "needs.view_need_history")
