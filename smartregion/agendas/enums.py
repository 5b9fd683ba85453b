from django.db import models
from django.utils.translation import gettext_lazy as _

# The schedule of measures covers the first three years (the seed: "Zeitplan für die ersten 3 Jahre").
SCHEDULE_YEARS = 3
# A measure counts as behind schedule when the share of its time that has passed exceeds its
# progress by more than this many percentage points.
BEHIND_SCHEDULE_POINTS = 25


class AgendaStatus(models.TextChoices):
    DRAFT = "entwurf", _("Entwurf")
    CONSULTATION = "beteiligung", _("Beteiligung")
    ADOPTED = "beschlossen", _("Beschlossen")
    IMPLEMENTING = "umsetzung", _("in Umsetzung")
    COMPLETED = "abgeschlossen", _("abgeschlossen")


# Which status may follow which (forward only; the admin can correct mistakes).
NEXT_STATUS = {
    AgendaStatus.DRAFT: AgendaStatus.CONSULTATION,
    AgendaStatus.CONSULTATION: AgendaStatus.ADOPTED,
    AgendaStatus.ADOPTED: AgendaStatus.IMPLEMENTING,
    AgendaStatus.IMPLEMENTING: AgendaStatus.COMPLETED,
}


class ConceptKind(models.TextChoices):
    URBAN_DEVELOPMENT = "stadtentwicklung", _("Stadt- bzw. Regionalentwicklung")
    CLIMATE = "klimaschutz", _("Klimaschutz")
    MOBILITY = "mobilitaet", _("Mobilität")
    DIGITAL = "digitalisierung", _("Digitalisierung / E-Government")
    ECONOMY = "wirtschaft", _("Wirtschaft und Tourismus")
    SOCIAL = "soziales", _("Soziales, Bildung und Gesundheit")
    OTHER = "sonstiges", _("Sonstiges")


class AgendaPart(models.TextChoices):
    """The four parts of a Digitalisierungskonzept named by the seed, in their order."""

    SITUATION = "ausgangslage", _("Ausgangslage")
    ACTORS = "akteure", _("Akteure")
    VISION = "vision", _("Vision und Ziele")
    MEASURES = "massnahmen", _("Maßnahmen")


class MeasureStatus(models.TextChoices):
    PLANNED = "geplant", _("geplant")
    RUNNING = "laeuft", _("läuft")
    DELAYED = "verzoegert", _("verzögert")
    DONE = "abgeschlossen", _("abgeschlossen")
    STOPPED = "gestoppt", _("gestoppt")


class BudgetSource(models.TextChoices):
    """Where a measure's money comes from, per year: the financing table a council passes."""

    FUNDING = "foerdermittel", _("Fördermittel")
    OWN_SHARE = "eigenanteil", _("Eigenanteil")
    FOLLOW_UP = "folgekosten", _("Folgekosten")


# How many years after the schedule the measure form offers budget fields for (Folgekosten after the project).
BUDGET_YEARS_AFTER_SCHEDULE = 1


class Light(models.TextChoices):
    """The traffic light of a measure in monitoring."""

    GREEN = "gruen", _("im Plan")
    YELLOW = "gelb", _("Achtung")
    RED = "rot", _("kritisch")
    GREY = "grau", _("noch nicht begonnen")
