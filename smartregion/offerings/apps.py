from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OfferingsConfig(AppConfig):
    name = "smartregion.offerings"
    verbose_name = _("Angebote")

    def ready(self):
        from smartregion.core import history
        from smartregion.jobs import registry as job_kinds

        from . import rules  # noqa: F401
        from .importer import import_offerings

        history.register("offerings.Offering", "offerings.change_offering")
        job_kinds.register(
            job_kinds.platform_import(
                "offerings-import",
                _("Angebote importieren"),
                permission="offerings.import_offerings",
                importer=import_offerings,
                page="offerings:import",
            )
        )
