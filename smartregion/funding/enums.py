from django.db import models
from django.utils.translation import gettext_lazy as _

STALE_AFTER_DAYS = 365  # entries whose source is older than this are flagged "bitte prüfen"
DEADLINE_WINDOW_DAYS = 60


class Level(models.TextChoices):
    EU = "EU", _("EU")
    BUND = "Bund", _("Bund")
    LAND = "Land", _("Land")


class ProgrammeStatus(models.TextChoices):
    OPEN = "offen", _("offen")
    CLOSED = "geschlossen", _("geschlossen")
    UNKNOWN = "unbekannt", _("unbekannt")


class Applicant(models.TextChoices):
    """The controlled vocabulary of the compiled programme list (column antragsberechtigt)."""

    GEMEINDE = "Gemeinde", _("Gemeinde")
    STADT = "Stadt", _("Stadt")
    LANDKREIS = "Landkreis", _("Landkreis")
    ZWECKVERBAND = "Zweckverband", _("Zweckverband")
    KOOPERATION = "interkommunale Kooperation", _("interkommunale Kooperation")
    KOMMUNALES_UNTERNEHMEN = "kommunales Unternehmen", _("kommunales Unternehmen")
    VEREIN = "Verein", _("Verein")
    UNTERNEHMEN = "Unternehmen", _("Unternehmen")
    HOCHSCHULE = "Hochschule", _("Hochschule")


class Stacking(models.TextChoices):
    YES = "ja", _("kombinierbar")
    NO = "nein", _("nicht kombinierbar")
    UNKNOWN = "unbekannt", _("unbekannt")
