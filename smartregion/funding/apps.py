from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FundingConfig(AppConfig):
    name = "smartregion.funding"
    verbose_name = _("Förderprogramme")

    def ready(self):
        from smartregion.core import history
        from smartregion.core.sections import register
        from smartregion.jobs import registry as job_kinds
        from smartregion.notifications import daily, watching

        from . import rules  # noqa: F401
        from .importer import import_programmes
        from .reminders import watched_deadlines
        from .sections import offerings_link

        daily.register(watched_deadlines)
        watching.register("funding.fundingprogramme", _("Fristen des Programms"))
        history.register("funding.FundingProgramme", "funding.change_programme")
        register("offerings", offerings_link)
        job_kinds.register(
            job_kinds.platform_import(
                "funding-import",
                _("Förderprogramme importieren"),
                permission="funding.import_programmes",
                importer=import_programmes,
                page="funding:import",
            )
        )
