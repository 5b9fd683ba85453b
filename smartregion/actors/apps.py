from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActorsConfig(AppConfig):
    name = "smartregion.actors"
    verbose_name = _("Expertinnen, Experten und Organisationen")

    def ready(self):
        from smartregion.core import history

        from . import rules  # noqa: F401

        history.register("actors.Actor", "actors.change_actor")
