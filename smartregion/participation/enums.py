from django.db import models
from django.utils.translation import gettext_lazy as _

MAX_COMMENT_LENGTH = 3000
MAX_IDEA_LENGTH = 3000
MAX_FLAG_NOTE_LENGTH = 500
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


class FlagReason(models.TextChoices):
    """Why a participant reports a contribution to the moderation."""

    INSULT = "beleidigung", _("Beleidigung")
    SPAM = "werbung", _("Werbung oder Spam")
    PERSONAL_DATA = "persoenliche_daten", _("persönliche Daten")
    OTHER = "sonstiges", _("Sonstiges")


class FlagOutcome(models.TextChoices):
    """What the moderation did with a report."""

    OPEN = "offen", _("offen")
    HIDDEN = "ausgeblendet", _("Beitrag ausgeblendet")
    DISMISSED = "verworfen", _("verworfen, Beitrag bleibt sichtbar")


class QueueOrder(models.TextChoices):
    """How the moderation queue is sorted."""

    MOST = "meiste", _("meiste Meldungen zuerst")
    NEWEST = "neueste", _("neueste Meldung zuerst")
