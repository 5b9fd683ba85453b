from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "smartregion.network"
    verbose_name = _("Netzwerke")

    def ready(self):
        from smartregion.core import history
        from smartregion.core.sections import register
        from smartregion.territories import inviting

        from . import invitations, roles
        from .sections import roles_on_profile

        roles.register()  # the role predicates in accounts.rules read coordinators and members through it
        inviting.register(invite=invitations.invite, open_invitations=invitations.open_territory_invitations)
        register("profile_roles", roles_on_profile)
        history.register("network.Network", "network.view_network_history")
