from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TerritoriesConfig(AppConfig):
    name = "smartregion.territories"
    verbose_name = _("Gebietskörperschaften")

    def ready(self):
        from smartregion.core import history
        from smartregion.core.sections import register
        from smartregion.notifications import watching

        from . import roles
        from .sections import access_help, access_on_profile, roles_on_profile

        watching.register("territories.territory", _("neue ähnliche Projekte in der Nähe"))
        history.register("territories.Territory", "territories.view_territory_history")
        roles.register()  # the role predicates in accounts.rules read territory roles through it
        register("profile_roles", roles_on_profile)
        register("profile", access_help)
        register("profile", access_on_profile)
