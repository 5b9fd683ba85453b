from django.db import models
from django.utils.translation import gettext_lazy as _


class EventAudience(models.TextChoices):
    """Who sees an event and may take part: everybody, or only the network (ADR 0015, issue 19)."""

    PUBLIC = "oeffentlich", _("öffentlich")
    MEMBERS = "netzwerk", _("nur für das Netzwerk")
