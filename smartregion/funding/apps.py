from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FundingConfig(AppConfig):
    name = "smartregion.funding"
    verbose_name = _("Förderprogramme")

    def ready(self):
        from smartregion.core import history
        from smartregion.core.sections import register
        from smartregion.notifications import daily, watching

        from . import rules  # noqa: F401
        from .reminders import watched_deadlines
        from .sections import offerings_link

        daily.register(watched_deadlines)
        watching.register("funding.fundingprogramme", _("Fristen des Programms"))
        history.register("funding.FundingProgramme", "funding.change_programme")
        register("offerings", offerings_link)
