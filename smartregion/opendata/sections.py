"""What the data inventory adds to pages of lower apps (registered in apps.py)."""

from django.utils.translation import gettext_lazy as _

from smartregion.core.sections import Section


def network_data_map(request, network) -> Section:
    """The network page links to the network's data map (everyone may see its open part)."""
    return Section(
        key="data_map",
        title=_("Datenlandkarte des Netzwerks"),
        template="opendata/includes/network_section.html",
        context={"network": network},
    )
