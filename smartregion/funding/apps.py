from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FundingConfig(AppConfig):
    name = "smartregion.funding"
    verbose_name = _("Förderprogramme")

    def ready(self):
        from . import rules  # noqa: F401
