"""What funding adds to pages of other apps (registered in apps.py)."""

from django.utils.translation import gettext as _

from smartregion.core.sections import Section


def offerings_link(request, _page) -> Section:
    """The offerings list (a sibling app) points to the funding programmes."""
    return Section(key="funding", title=_("Förderprogramme"), template="funding/includes/offerings_link.html")
