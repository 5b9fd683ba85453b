"""What territories add to pages of lower apps (registered in apps.py)."""

from django.utils.translation import gettext as _

from smartregion.accounts.rules import has_no_role
from smartregion.core.sections import Section


def access_help(request, user) -> Section | None:
    """A person without any role learns on their profile how to get rights: through a territory's page."""
    if not has_no_role(user):
        return None
    return Section(
        key="access_help",
        title=_("So bekommen Sie Rechte für Ihre Kommune"),
        template="territories/includes/how_access_works.html",
    )
