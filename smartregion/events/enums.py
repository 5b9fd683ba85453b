from django.db import models
from django.utils.translation import gettext_lazy as _


class EventAudience(models.TextChoices):
    """Who sees an event and may take part: everybody, or only the network (ADR 0015, issue 19)."""

    PUBLIC = "oeffentlich", _("öffentlich")
    MEMBERS = "netzwerk", _("nur für das Netzwerk")


class FollowUpStatus(models.TextChoices):
    """Where a follow-up stands; overdue is not a status but the due date passed while it is not done."""

    OPEN = "offen", _("offen")
    IN_PROGRESS = "in-arbeit", _("in Arbeit")
    DONE = "erledigt", _("erledigt")
