from django.db import models
from django.utils.translation import gettext_lazy as _


class GuideKind(models.TextChoices):
    LEITFADEN = "leitfaden", _("Leitfaden")
    HANDREICHUNG = "handreichung", _("Handreichung")
    CHECKLISTE = "checkliste", _("Checkliste")


class Phase(models.TextChoices):
    """The phases of the loop a guide or recommendation helps with."""

    BESTANDSAUFNAHME = "bestandsaufnahme", _("Bestandsaufnahme")
    SELBSTEINSCHAETZUNG = "selbsteinschaetzung", _("Selbsteinschätzung")
    KONZEPT = "konzept", _("Konzept")
    UMSETZUNG = "umsetzung", _("Umsetzung")
    VERSTETIGUNG = "verstetigung", _("Verstetigung")
    EVALUATION = "evaluation", _("Evaluation")


class AgendaPart(models.TextChoices):
    """The parts of a Digitalisierungskonzept a guide can be shown on (keys as in the agendas app)."""

    AUSGANGSLAGE = "ausgangslage", _("Ausgangslage")
    AKTEURE = "akteure", _("Akteure")
    VISION = "vision", _("Vision und Ziele")
    MASSNAHMEN = "massnahmen", _("Maßnahmen")
    BETEILIGUNG = "beteiligung", _("Beteiligung")
    MONITORING = "monitoring", _("Monitoring")


class AttachmentKind(models.TextChoices):
    IMAGE = "image", _("Bild")
    DOCUMENT = "document", _("Vorlage oder Dokument")


class StocktakeKind(models.TextChoices):
    PROJECT = "project", _("Projekt")
    DATASET = "dataset", _("Datenbestand")
    ACTOR = "actor", _("Akteur")
