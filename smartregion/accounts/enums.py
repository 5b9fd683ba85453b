from django.db import models
from django.utils.translation import gettext_lazy as _


class TerritoryRoleKind(models.TextChoices):
    EDITOR = "editor", _("Redaktion")
    ADMIN = "admin", _("Administration")


class NetworkRoleKind(models.TextChoices):
    COORDINATOR = "coordinator", _("Koordination")


class AccessRequestStatus(models.TextChoices):
    OPEN = "offen", _("offen")
    ACCEPTED = "angenommen", _("angenommen")
    DECLINED = "abgelehnt", _("abgelehnt")
    WITHDRAWN = "zurueckgezogen", _("zurückgezogen")


class AccessDeciders(models.TextChoices):
    """Who decides a request for access to a territory (the first that exists)."""

    TERRITORY_ADMINS = "territory_admins", _("Administration der Gebietskörperschaft")
    COORDINATORS = "coordinators", _("Koordination ihrer Netzwerke")
    PLATFORM_ADMINS = "platform_admins", _("Plattform-Administration")
