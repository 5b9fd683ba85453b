from django.db import models
from django.utils.translation import gettext_lazy as _

LEVELS = (0, 1, 2, 3, 4)
MAX_LEVEL = 4
MIN_PEERS = 5  # a peer statistic is shown only when at least this many peers contribute


class AssessmentStatus(models.TextChoices):
    DRAFT = "draft", _("in Bearbeitung")
    SUBMITTED = "submitted", _("abgeschlossen")


class Visibility(models.TextChoices):
    PRIVATE = "private", _("privat (nur die eigene Verwaltung)")
    NETWORKS = "networks", _("für die Netzwerke der Kommune")
    PUBLIC = "public", _("öffentlich")


class Priority(models.IntegerChoices):
    LOW = 1, _("niedrig")
    MEDIUM = 2, _("mittel")
    HIGH = 3, _("hoch")


# Weight of a gap by its priority (see docs/adr/0010-smart-region-matrix-scores.md).
PRIORITY_WEIGHT = {Priority.LOW: 0.5, Priority.MEDIUM: 1.0, Priority.HIGH: 1.5}


class PeerGroup(models.TextChoices):
    SIZE = "groesse", _("gleiche Größenklasse")
    KREIS = "kreis", _("gleicher Kreis")
    REGBEZ = "bezirk", _("gleicher Regierungsbezirk")
    LAND = "land", _("gleiches Land")
    NETWORK = "netzwerk", _("ganzes Netzwerk")
    SIMILAR = "aehnlich", _("strukturell ähnlich")


class ReviewStatus(models.TextChoices):
    INVITED = "invited", _("eingeladen")
    DONE = "done", _("abgeschlossen")
