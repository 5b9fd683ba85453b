from django.db import models
from django.utils.translation import gettext_lazy as _


class TerritoryKind(models.TextChoices):
    LAND = "land", _("Land")
    REGBEZ = "regbez", _("Regierungsbezirk")
    KREIS = "kreis", _("Kreis")
    VERBAND = "verband", _("Gemeindeverband")
    GEMEINDE = "gemeinde", _("Gemeinde")
    GEMEINDEFREI = "gemeindefrei", _("Gemeindefreies Gebiet")
    ALLIANCE = "alliance", _("Verbund")


# Kinds that come from the official Destatis register (everything but alliances).
REGISTER_KINDS = [kind for kind in TerritoryKind if kind != TerritoryKind.ALLIANCE]
# Kinds that can carry their own projects, assessments and agendas.
ACTING_KINDS = [TerritoryKind.GEMEINDE, TerritoryKind.KREIS, TerritoryKind.VERBAND, TerritoryKind.ALLIANCE]


class SizeClass(models.TextChoices):
    """BBSR-style size classes of Gemeinden, by population."""

    GROSSSTADT = "grossstadt", _("Großstadt (ab 100.000 Einw.)")
    MITTELSTADT = "mittelstadt", _("Mittelstadt (20.000–99.999 Einw.)")
    KLEINSTADT = "kleinstadt", _("Kleinstadt (5.000–19.999 Einw.)")
    LANDGEMEINDE = "landgemeinde", _("Landgemeinde (unter 5.000 Einw.)")

    @classmethod
    def for_population(cls, population: int | None):
        if population is None:
            return None
        if population >= 100_000:
            return cls.GROSSSTADT
        if population >= 20_000:
            return cls.MITTELSTADT
        if population >= 5_000:
            return cls.KLEINSTADT
        return cls.LANDGEMEINDE


class Urbanisation(models.IntegerChoices):
    """Destatis 'Grad der Verstädterung' (DEGURBA)."""

    DENSE = 1, _("dicht besiedelt")
    INTERMEDIATE = 2, _("mittlere Besiedlungsdichte")
    THIN = 3, _("gering besiedelt")


class AllianceType(models.TextChoices):
    ILE = "ile", _("Integrierte Ländliche Entwicklung (ILE)")
    ZWECKVERBAND = "zweckverband", _("Zweckverband")
    DORFREGION = "dorfregion", _("Dorfregion")
    STAEDTEBUND = "staedtebund", _("Städtebund")
    OTHER = "other", _("Sonstiger Verbund")


class BoundaryLevel(models.TextChoices):
    LAND = "land", _("Länder")
    REGBEZ = "regbez", _("Regierungsbezirke")
    KREIS = "kreis", _("Kreise")
    GEMEINDE = "gemeinde", _("Gemeinden")


BOUNDARY_LEVEL_FOR_KIND = {
    TerritoryKind.LAND: BoundaryLevel.LAND,
    TerritoryKind.REGBEZ: BoundaryLevel.REGBEZ,
    TerritoryKind.KREIS: BoundaryLevel.KREIS,
    TerritoryKind.GEMEINDE: BoundaryLevel.GEMEINDE,
    TerritoryKind.GEMEINDEFREI: BoundaryLevel.GEMEINDE,
}


class LegalForm(models.TextChoices):
    """What a territory is in law, as funding rules name applicants (read from the register's types).

    A kreisfreie Stadt is one legal person that the register lists twice (as Kreis 41/42 and as Gemeinde
    61/62): both are a kreisfreie Stadt, never a Landkreis or a kreisangehörige Stadt. A Gemeindeverband
    (Amt, Verbandsgemeinde, Verwaltungsgemeinschaft …) is not a Gemeinde: it acts for its member Gemeinden.
    """

    GEMEINDE = "gemeinde", _("kreisangehörige Gemeinde")
    STADT = "stadt", _("kreisangehörige Stadt")
    KREISFREIE_STADT = "kreisfreie_stadt", _("kreisfreie Stadt")
    LANDKREIS = "landkreis", _("Landkreis")
    GEMEINDEVERBAND = "gemeindeverband", _("Gemeindeverband")
    ZWECKVERBAND = "zweckverband", _("Zweckverband")
    KOOPERATION = "kooperation", _("interkommunale Kooperation")


# Register type codes (Textkennzeichen) of Gemeinden: 60 Markt, 61 kreisfreie Stadt, 62 Stadtkreis, 63 Stadt,
# 64 kreisangehörige Gemeinde, 65/66 gemeindefreies Gebiet, 67 Große Kreisstadt.
GEMEINDE_LEGAL_FORMS = {
    "60": LegalForm.GEMEINDE,
    "61": LegalForm.KREISFREIE_STADT,
    "62": LegalForm.KREISFREIE_STADT,
    "63": LegalForm.STADT,
    "64": LegalForm.GEMEINDE,
    "67": LegalForm.STADT,
}
# Kreise: 41 kreisfreie Stadt, 42 Stadtkreis, 43 Kreis, 44 Landkreis, 45 Regionalverband (Saarbrücken, a Landkreis).
KREIS_LEGAL_FORMS = {
    "41": LegalForm.KREISFREIE_STADT,
    "42": LegalForm.KREISFREIE_STADT,
    "43": LegalForm.LANDKREIS,
    "44": LegalForm.LANDKREIS,
    "45": LegalForm.LANDKREIS,
}
# City states whose Land is the city itself (Bremen is a Land of two Stadtgemeinden, each its own Gemeinde).
CITY_STATE_LANDS = {"02", "11"}


def legal_form_of(*, kind: str, type_code: str = "", alliance_type: str = "", ars: str = "") -> str | None:
    """The LegalForm of a territory of this kind and register type, or None (a Regierungsbezirk, a Land,
    a gemeindefreies Gebiet: nobody applies as one)."""
    if kind == TerritoryKind.GEMEINDE:
        return GEMEINDE_LEGAL_FORMS.get(type_code)
    if kind == TerritoryKind.KREIS:
        return KREIS_LEGAL_FORMS.get(type_code)
    if kind == TerritoryKind.VERBAND:
        return LegalForm.GEMEINDEVERBAND
    if kind == TerritoryKind.ALLIANCE:
        return LegalForm.ZWECKVERBAND if alliance_type == AllianceType.ZWECKVERBAND else LegalForm.KOOPERATION
    if kind == TerritoryKind.LAND and ars in CITY_STATE_LANDS:
        return LegalForm.KREISFREIE_STADT
    return None
