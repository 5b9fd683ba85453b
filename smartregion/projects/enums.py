from django.db import models
from django.utils.translation import gettext_lazy as _


class ProjectStatus(models.TextChoices):
    IDEA = "idee", _("Idee")
    PLANNING = "planung", _("Planung")
    IMPLEMENTATION = "umsetzung", _("Umsetzung")
    OPERATION = "betrieb", _("Betrieb")
    COMPLETED = "abgeschlossen", _("abgeschlossen")
    DISCONTINUED = "eingestellt", _("eingestellt")
    UNKNOWN = "unbekannt", _("unbekannt")


# Projects a copier can look at: running or finished.
PROVEN_STATUSES = [ProjectStatus.OPERATION, ProjectStatus.COMPLETED]
# Projects that can still be joined: "avoid duplicates, cooperate".
PLANNED_STATUSES = [ProjectStatus.IDEA, ProjectStatus.PLANNING, ProjectStatus.IMPLEMENTATION]


class Publication(models.TextChoices):
    DRAFT = "draft", _("Entwurf")
    PUBLISHED = "published", _("veröffentlicht")


class Origin(models.TextChoices):
    ENTERED = "entered", _("von der Kommune erfasst")
    IMPORTED = "imported", _("aus öffentlichen Quellen zusammengetragen")
    EXAMPLE = "example", _("Beispieldaten")


class OpenSource(models.TextChoices):
    YES = "ja", _("ja")
    NO = "nein", _("nein")
    UNKNOWN = "unbekannt", _("unbekannt")


# Ids of the entries the shipped programme lists bring (Modellprojekte Smart Cities des Bundes, the Bavarian
# Smart-City programme): one entry per funded municipality, with the programme's text, not a project's own.
PROGRAMME_LIST_ID_PREFIXES = ("MPSC-", "BY-")
