"""The controlled vocabularies of the offerings list (data/angebote.csv, see its README)."""

import re

from django.db import models
from django.utils.translation import gettext_lazy as _

STALE_AFTER_DAYS = 365  # the same rule as for programmes: a source older than this is flagged "bitte prüfen"
PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")  # 2025, 2024-01, 2024-01-12


class Level(models.TextChoices):
    BUND = "Bund", _("Bund")
    LAND = "Land", _("Land")
    # Municipal IT providers owned by the municipalities (AKDB, KIV Thüringen, Komm.ONE): they serve one Land.
    KOMMUNAL = "kommunal-gemeinsam", _("kommunal-gemeinsam")


class Land(models.TextChoices):
    """The Länder by their key (AGS-Landesschlüssel): an offering of a Land serves the territories in it."""

    SCHLESWIG_HOLSTEIN = "01", _("Schleswig-Holstein")
    HAMBURG = "02", _("Hamburg")
    NIEDERSACHSEN = "03", _("Niedersachsen")
    BREMEN = "04", _("Bremen")
    NORDRHEIN_WESTFALEN = "05", _("Nordrhein-Westfalen")
    HESSEN = "06", _("Hessen")
    RHEINLAND_PFALZ = "07", _("Rheinland-Pfalz")
    BADEN_WUERTTEMBERG = "08", _("Baden-Württemberg")
    BAYERN = "09", _("Bayern")
    SAARLAND = "10", _("Saarland")
    BERLIN = "11", _("Berlin")
    BRANDENBURG = "12", _("Brandenburg")
    MECKLENBURG_VORPOMMERN = "13", _("Mecklenburg-Vorpommern")
    SACHSEN = "14", _("Sachsen")
    SACHSEN_ANHALT = "15", _("Sachsen-Anhalt")
    THUERINGEN = "16", _("Thüringen")


class Kind(models.TextChoices):
    """What the offering mainly is (column art; one per offering)."""

    ADVICE = "Beratung", _("Beratung")
    SERVICE = "Plattform/Dienst", _("Plattform/Dienst")
    TRAINING = "Schulung", _("Schulung")
    COMPETENCE_CENTRE = "Kompetenzzentrum", _("Kompetenzzentrum")
    NETWORK = "Netzwerk", _("Netzwerk")
    LAB = "Labor/Erlebnisort", _("Labor/Erlebnisort")
    GUIDE = "Leitfaden/Muster", _("Leitfaden/Muster")
    DATA_PORTAL = "Datenportal", _("Datenportal")
    AWARD = "Wettbewerb/Auszeichnung", _("Wettbewerb/Auszeichnung")


class TargetGroup(models.TextChoices):
    """Who the offering is for (column zielgruppe)."""

    GEMEINDE = "Gemeinde", _("Gemeinde")
    STADT = "Stadt", _("Stadt")
    LANDKREIS = "Landkreis", _("Landkreis")
    ZWECKVERBAND = "Zweckverband", _("Zweckverband")
    KOOPERATION = "interkommunale Kooperation", _("interkommunale Kooperation")
    KOMMUNALES_UNTERNEHMEN = "kommunales Unternehmen", _("kommunales Unternehmen")
    STAFF = "Verwaltungsmitarbeitende", _("Verwaltungsmitarbeitende")
    CITIZENS = "Bürgerinnen und Bürger", _("Bürgerinnen und Bürger")


def ordered_groups(groups) -> list[str]:
    """Target groups once each, in the vocabulary's order (file, form and export agree on it)."""
    return [group for group in TargetGroup.values if group in set(groups)]


# The municipal target groups in the plural, as the matching's reason names them ("für Landkreise").
TARGET_PLURALS = {
    TargetGroup.GEMEINDE: _("Gemeinden"),
    TargetGroup.STADT: _("Städte"),
    TargetGroup.LANDKREIS: _("Landkreise"),
    TargetGroup.ZWECKVERBAND: _("Zweckverbände"),
    TargetGroup.KOOPERATION: _("interkommunale Kooperationen"),
    TargetGroup.KOMMUNALES_UNTERNEHMEN: _("kommunale Unternehmen"),
    TargetGroup.STAFF: _("Verwaltungsmitarbeitende"),
    TargetGroup.CITIZENS: _("Bürgerinnen und Bürger"),
}


class Cost(models.TextChoices):
    """What using it costs a municipality, as far as a source says (column kosten)."""

    FREE = "kostenfrei", _("kostenfrei")
    PAID = "kostenpflichtig", _("kostenpflichtig")
    PARTLY = "teilweise", _("teilweise kostenfrei")
    UNKNOWN = "unbekannt", _("Kosten unbekannt")


class OfferingStatus(models.TextChoices):
    """As of the date in `as_of` (column status)."""

    ACTIVE = "aktiv", _("aktiv")
    DISCONTINUED = "eingestellt", _("eingestellt")
    UNKNOWN = "unbekannt", _("Status unbekannt")
