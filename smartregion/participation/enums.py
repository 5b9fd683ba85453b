from django.db import models
from django.utils.translation import gettext_lazy as _

MAX_COMMENT_LENGTH = 3000
MAX_IDEA_LENGTH = 3000
TOP_IDEAS = 10


class ConsultationKind(models.TextChoices):
    PUBLIC = "public", _("öffentliche Beteiligung")
    TEAM = "team", _("Abstimmung im Team")


class Phase(models.TextChoices):
    UPCOMING = "upcoming", _("beginnt bald")
    OPEN = "open", _("läuft")
    CLOSED = "closed", _("beendet")


class IdeaHandling(models.TextChoices):
    """How the owners of the process dealt with an idea (shown in the results summary)."""

    OPEN = "offen", _("noch nicht bearbeitet")
    ADOPTED = "uebernommen", _("übernommen")
    PARTLY = "teilweise", _("teilweise übernommen")
    REJECTED = "abgelehnt", _("nicht übernommen")
