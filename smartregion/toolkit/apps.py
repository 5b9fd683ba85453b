from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ToolkitConfig(AppConfig):
    name = "smartregion.toolkit"
    verbose_name = _("Werkzeugkasten")

    def ready(self):
        from smartregion.core import history
        from smartregion.core.helplinks import provide

        from . import rules  # noqa: F401
        from .queries import guides_for_cells

        provide("matrix_cells", guides_for_cells)
        history.register("toolkit.Guide", "toolkit.change_guide")
        history.register("toolkit.Recommendation", "toolkit.change_recommendation")
