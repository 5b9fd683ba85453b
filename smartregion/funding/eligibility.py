"""Is a territory eligible for a programme? A hard filter with the reason in words.

Checks, in order: Land (a Land programme is only for territories in that Land), applicant kind
(the territory's level against the programme's `antragsberechtigt`), population limits, and an
open call (status "offen", a deadline not yet passed, or a validity that has not ended).
"""

from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext as _

from .enums import Applicant, Level, ProgrammeStatus

# Which applicant groups a territory of a level can act as.
APPLICANTS_OF_KIND = {
    "gemeinde": {Applicant.GEMEINDE, Applicant.STADT},
    "kreis": {Applicant.LANDKREIS, Applicant.STADT},  # kreisfreie Städte are Kreise in the register
    "verband": {Applicant.ZWECKVERBAND, Applicant.KOOPERATION},
    "alliance": {Applicant.KOOPERATION, Applicant.ZWECKVERBAND},
}


@dataclass
class Verdict:
    eligible: bool
    reasons: list[str] = field(default_factory=list)  # why not, or what makes it fit

    @property
    def sentence(self) -> str:
        return "; ".join(self.reasons)


def _thousands(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def _land_id(territory):
    return territory.land_id or (territory.pk if territory.kind == "land" else None)


def call_is_open(programme, deadlines, today: date) -> tuple[bool, str]:
    """Open if a known deadline lies ahead; closed if the validity ended or every known deadline has
    passed (unless the source, dated after the last deadline, still called it open)."""
    upcoming = [deadline for deadline in deadlines if deadline.closes_on >= today]
    if upcoming:
        return True, _("Frist %(date)s") % {"date": upcoming[0].closes_on.strftime("%d.%m.%Y")}
    if programme.valid_until and programme.valid_until < today:
        return False, _("Programm ausgelaufen am %(date)s") % {"date": programme.valid_until.strftime("%d.%m.%Y")}
    last = deadlines[-1].closes_on if deadlines else None
    said_open_later = programme.status == ProgrammeStatus.OPEN and (
        last is None or (programme.as_of is not None and programme.as_of > last)
    )
    if said_open_later:
        if programme.as_of is None:
            return True, _("als offen gemeldet (Quelle ohne Datum)")
        return True, _("laut Stand %(date)s offen") % {"date": programme.as_of.strftime("%d.%m.%Y")}
    if last is not None:
        return False, _("letzte Frist %(date)s verstrichen") % {"date": last.strftime("%d.%m.%Y")}
    return False, _("kein offener Aufruf bekannt")


def check(programme, territory, *, today: date, deadlines=None) -> Verdict:
    deadlines = sorted(deadlines if deadlines is not None else programme.deadlines.all(), key=lambda d: d.closes_on)
    if programme.level == Level.LAND and programme.land_id != _land_id(territory):
        return Verdict(False, [_("nur für Antragsteller in %(land)s") % {"land": programme.land}])
    kinds = APPLICANTS_OF_KIND.get(territory.kind, set())
    if not kinds & set(programme.applicants):
        allowed = ", ".join(programme.applicants) or _("keine kommunalen Antragsteller genannt")
        return Verdict(False, [_("antragsberechtigt: %(allowed)s") % {"allowed": allowed}])
    population = territory.population
    if programme.population_max and population and population > programme.population_max:
        return Verdict(False, [_("nur bis %(max)s Einwohner") % {"max": _thousands(programme.population_max)}])
    if programme.population_min and population is not None and population < programme.population_min:
        return Verdict(False, [_("erst ab %(min)s Einwohnern") % {"min": _thousands(programme.population_min)}])
    is_open, call = call_is_open(programme, deadlines, today)
    if not is_open:
        return Verdict(False, [call])
    reasons = [_("antragsberechtigt als %(kind)s") % {"kind": ", ".join(sorted(kinds & set(programme.applicants)))}]
    if programme.population_max:
        reasons.append(_("bis %(max)s Einwohner") % {"max": _thousands(programme.population_max)})
    reasons.append(call)
    return Verdict(True, reasons)
