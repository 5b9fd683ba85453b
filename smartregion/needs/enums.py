from django.db import models
from django.utils.translation import gettext_lazy as _

# How many of a submitted assessment's largest gaps become needs automatically.
NEEDS_PER_ASSESSMENT = 5


class NeedOrigin(models.TextChoices):
    ASSESSMENT = "assessment", _("Lücke aus der Selbsteinschätzung")
    WORKSHOP = "workshop", _("Workshop")
    ENTERED = "entered", _("eingegeben")


class NeedStatus(models.TextChoices):
    OPEN = "open", _("offen")
    IN_PROGRESS = "in_progress", _("in Bearbeitung")
    ADDRESSED = "addressed", _("gelöst")
    DROPPED = "dropped", _("verworfen")
