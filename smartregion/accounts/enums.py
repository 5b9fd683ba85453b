from django.db import models
from django.utils.translation import gettext_lazy as _


class TerritoryRoleKind(models.TextChoices):
    EDITOR = "editor", _("Redaktion")
    ADMIN = "admin", _("Administration")


class NetworkRoleKind(models.TextChoices):
    COORDINATOR = "coordinator", _("Koordination")
