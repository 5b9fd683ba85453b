from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OfferingsConfig(AppConfig):
    name = "smartregion.offerings"
    verbose_name = _("Angebote")

    def ready(self):
        from smartregion.core import history

        from . import rules  # noqa: F401

        history.register("offerings.Offering", "offerings.change_offering")
