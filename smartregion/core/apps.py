from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "smartregion.core"
    verbose_name = _("Grundlagen")

    def ready(self):
        from django.db.models import Field, ForeignObject

        from . import freshness
        from .lookups import AnyOf

        freshness.connect_signals()

        Field.register_lookup(AnyOf)
        ForeignObject.register_lookup(AnyOf)  # relations keep a lookup list of their own
