from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GlossaryConfig(AppConfig):
    name = "smartregion.glossary"
    verbose_name = _("Glossar")

    def ready(self):
        from smartregion.core import history

        from . import rules  # noqa: F401

        history.register("glossary.Term", "glossary.change_term")
