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
