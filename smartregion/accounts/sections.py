"""What accounts add to pages of core (registered in apps.py)."""

from django.utils.translation import gettext as _

from smartregion.core.sections import Section


def easy_read_sign_up(request, page) -> Section | None:
    """The easy-read page on taking part ends with the way to an account."""
    if page != "mitmachen":
        return None
    return Section(key="sign_up", title=_("Ein Konto machen"), template="accounts/includes/easy_read_sign_up.html")
