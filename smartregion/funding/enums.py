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
    UNKNOWN = "unbekannt", _("Status unbekannt")


class Applicant(models.TextChoices):
    """The controlled vocabulary of the compiled programme list, version 2 (column antragsberechtigt).

    A Landkreis may apply only where "Landkreis" is named; "Stadt" alone no longer exists.
    """

    GEMEINDE = "Gemeinde (kreisangehörig)", _("Gemeinde (kreisangehörig)")
    STADT = "Stadt (kreisangehörig)", _("Stadt (kreisangehörig)")
    KREISFREIE_STADT = "kreisfreie Stadt", _("kreisfreie Stadt")
    LANDKREIS = "Landkreis", _("Landkreis")
    ZWECKVERBAND = "Zweckverband", _("Zweckverband")
    KOOPERATION = "interkommunale Kooperation", _("interkommunale Kooperation")
    KOMMUNALES_UNTERNEHMEN = "kommunales Unternehmen", _("kommunales Unternehmen")
    VEREIN = "Verein", _("Verein")
    UNTERNEHMEN = "Unternehmen", _("Unternehmen")
    HOCHSCHULE = "Hochschule", _("Hochschule")


# The first list's words (v1) in the second list's: "Stadt" meant every city, "Gemeinde" the kreisangehörige one.
# Files in the old layout are read with them, and a stored old value (from a backup) is read the same way.
LEGACY_APPLICANTS = {
    "Gemeinde": [Applicant.GEMEINDE],
    "Stadt": [Applicant.STADT, Applicant.KREISFREIE_STADT],
}


def applicant_groups(values) -> list[str]:
    """The applicant groups of `values` in the current vocabulary (old words translated), in order, once each."""
    groups = []
    for value in values or ():
        for group in LEGACY_APPLICANTS.get(value, [value]):
            if group not in groups:
                groups.append(group)
    return groups


class FundingKind(models.TextChoices):
    """What the money is (column foerderart_typ): a loan is paid back, a prize is won, advice is no money."""

    GRANT = "Zuschuss", _("Zuschuss")
    LOAN = "Darlehen", _("Darlehen")
    GRANT_OR_LOAN = "Zuschuss+Darlehen", _("Zuschuss oder Darlehen")
    PRIZE = "Wettbewerb/Preis", _("Wettbewerb/Preis")
    VOUCHER = "Gutschein", _("Gutschein")
    ADVICE = "Beratung/Sachleistung", _("Beratung/Sachleistung")


# How the percentage column reads for each kind: for a loan it is the share of the costs the loan may
# finance, never a Förderquote.
RATE_LABELS = {
    FundingKind.LOAN: _("Finanzierungsanteil bis"),
    FundingKind.GRANT_OR_LOAN: _("Förderquote bzw. Finanzierungsanteil bis"),
}
RATE_LABEL = _("Förderquote bis")
AMOUNT_LABELS = {
    FundingKind.LOAN: _("Kreditbetrag bis"),
    FundingKind.PRIZE: _("Preisgeld oder Förderung bis"),
}
AMOUNT_LABEL = _("Förderbetrag bis")


class Stacking(models.TextChoices):
    YES = "ja", _("kombinierbar")
    NO = "nein", _("nicht kombinierbar")
    UNKNOWN = "unbekannt", _("unbekannt")
