from django.db import models
from django.utils.translation import gettext_lazy as _

EU_THEME = "http://publications.europa.eu/resource/authority/data-theme/"
EU_FREQUENCY = "http://publications.europa.eu/resource/authority/frequency/"
EU_FILE_TYPE = "http://publications.europa.eu/resource/authority/file-type/"
DCATDE_LICENCES = "http://dcat-ap.de/def/licenses"


class Access(models.TextChoices):
    OPEN = "open", _("offen (für alle)")
    RESTRICTED = "restricted", _("eingeschränkt (auf Anfrage, mit Vereinbarung)")
    INTERNAL = "internal", _("intern (nur die eigene Verwaltung)")


class Theme(models.TextChoices):
    """The EU data themes (Named Authority List data-theme), as DCAT-AP asks for dcat:theme."""

    AGRI = "AGRI", _("Landwirtschaft, Fischerei, Forstwirtschaft und Nahrungsmittel")
    ECON = "ECON", _("Wirtschaft und Finanzen")
    EDUC = "EDUC", _("Bildung, Kultur und Sport")
    ENER = "ENER", _("Energie")
    ENVI = "ENVI", _("Umwelt")
    GOVE = "GOVE", _("Regierung und öffentlicher Sektor")
    HEAL = "HEAL", _("Gesundheit")
    INTR = "INTR", _("Internationale Themen")
    JUST = "JUST", _("Justiz, Rechtssystem und öffentliche Sicherheit")
    REGI = "REGI", _("Regionen und Städte")
    SOCI = "SOCI", _("Bevölkerung und Gesellschaft")
    TECH = "TECH", _("Wissenschaft und Technologie")
    TRAN = "TRAN", _("Verkehr")


class Frequency(models.TextChoices):
    CONT = "CONT", _("laufend")
    DAILY = "DAILY", _("täglich")
    WEEKLY = "WEEKLY", _("wöchentlich")
    MONTHLY = "MONTHLY", _("monatlich")
    QUARTERLY = "QUARTERLY", _("vierteljährlich")
    ANNUAL = "ANNUAL", _("jährlich")
    IRREG = "IRREG", _("unregelmäßig")
    NEVER = "NEVER", _("nie")
    UNKNOWN = "UNKNOWN", _("unbekannt")


class Licence(models.TextChoices):
    """Licences of the dcat-ap.de vocabulary (http://dcat-ap.de/def/licenses)."""

    DL_BY = "dl-by-de/2.0", _("Datenlizenz Deutschland – Namensnennung – 2.0")
    DL_ZERO = "dl-zero-de/2.0", _("Datenlizenz Deutschland – Zero – 2.0")
    CC_BY = "cc-by/4.0", _("Creative Commons Namensnennung 4.0 International")
    CC_BY_SA = "cc-by-sa/4.0", _("Creative Commons Namensnennung – Weitergabe unter gleichen Bedingungen 4.0")
    CC_ZERO = "cc-zero", _("Creative Commons Zero 1.0")
    CLOSED = "other-closed", _("andere geschlossene Lizenz")


class FileType(models.TextChoices):
    """File types of the EU Named Authority List file-type."""

    CSV = "CSV", "CSV"
    JSON = "JSON", "JSON"
    GEOJSON = "GEOJSON", "GeoJSON"
    XML = "XML", "XML"
    XLSX = "XLSX", "XLSX"
    PDF = "PDF", "PDF"
    ZIP = "ZIP", "ZIP"
    SHP = "SHP", "Shapefile"
    GML = "GML", "GML"
    KML = "KML", "KML"
    HTML = "HTML", "HTML"
    RDF_TURTLE = "RDF_TURTLE", "Turtle"
