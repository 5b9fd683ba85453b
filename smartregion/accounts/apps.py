from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "smartregion.accounts"
    verbose_name = _("Konten")

    def ready(self):
        from smartregion.core.sections import register

        from . import checks  # noqa: F401  (registers the identity-provider checks)
        from .sections import easy_read_sign_up

        register("easy_read", easy_read_sign_up)
