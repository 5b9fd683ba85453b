"""Is a territory eligible for a programme? A hard filter with the reason in words.

Checks, in order (the first that fails is the reason given):
1. Land: a Land programme is only for territories in that Land.
2. Applicant kind: what the territory is in law (territories' LegalForm, read from the register's types)
   against the programme's `antragsberechtigt`. A kreisfreie Stadt applies only where "kreisfreie Stadt" is
   named, a Landkreis only where "Landkreis" is; a Gemeindeverband (Amt, Verbandsgemeinde …) and an
   alliance act as an "interkommunale Kooperation", an alliance of the type Zweckverband as a "Zweckverband".
3. Population limits.
4. An open call, from the status and the deadline rule: an ended validity or the status "geschlossen" close
   it; the status "unbekannt" is never taken as open; with "offen" a yearly deadline gives its next date,
   one-off and call deadlines must lie ahead (unless the source, dated after the last of them, still said
   open), a running programme is open.

A source older than a year (or undated) does not change the verdict: it adds "bitte prüfen" (`caution`).
"""

from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext as _

from smartregion.territories.enums import LegalForm

from . import deadline_rules
from .enums import Applicant, Level, ProgrammeStatus, applicant_groups

# The applicant groups a territory of each legal form applies as.
APPLICANTS_OF_FORM = {
    LegalForm.GEMEINDE: {Applicant.GEMEINDE},
    LegalForm.STADT: {Applicant.STADT},
    LegalForm.KREISFREIE_STADT: {Applicant.KREISFREIE_STADT},
    LegalForm.LANDKREIS: {Applicant.LANDKREIS},
    LegalForm.GEMEINDEVERBAND: {Applicant.KOOPERATION},
    LegalForm.ZWECKVERBAND: {Applicant.ZWECKVERBAND},
    LegalForm.KOOPERATION: {Applicant.KOOPERATION},
}


@dataclass
class Verdict:
    eligible: bool
    reasons: list[str] = field(default_factory=list)  # why not, or what makes it fit (the call last)
    caution: str = ""  # "bitte prüfen" when the source is old

    @property
    def sentence(self) -> str:
        return "; ".join(self.reasons + ([self.caution] if self.eligible and self.caution else []))


def _thousands(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def _day(value: date) -> str:
    return value.strftime("%d.%m.%Y")


def _land_id(territory):
    return territory.land_id or (territory.pk if territory.kind == "land" else None)


def applicant_kinds(territory) -> set[str]:
    """The applicant groups (enums.Applicant) the territory can apply as."""
    return APPLICANTS_OF_FORM.get(territory.legal_form, set())


def caution(programme, today: date) -> str:
    """ "bitte prüfen" with the date of the source, when it is older than a year or undated; else ""."""
    if not programme.is_stale(today):
        return ""
    if programme.as_of is None:
        return _("Quelle ohne Datum – bitte prüfen")
    return _("Angaben vom %(date)s – bitte prüfen") % {"date": _day(programme.as_of)}


def next_deadline(programme, deadlines, today: date) -> date | None:
    """The next deadline on or after today: the yearly date of the rule, else the next stored one."""
    rule = deadline_rules.parse_or_empty(programme.deadline_rule)
    if rule.kind == deadline_rules.YEARLY:
        return rule.next_yearly(today)
    upcoming = [deadline.closes_on for deadline in deadlines if deadline.closes_on >= today]
    return min(upcoming) if upcoming else None


def _as_of(programme) -> str:
    return _day(programme.as_of) if programme.as_of else ""


def call_is_open(programme, deadlines, today: date) -> tuple[bool, str]:
    """(open?, the call in words) from the validity, the status and the deadline rule."""
    dated = sorted(deadline.closes_on for deadline in deadlines)
    rule = deadline_rules.parse_or_empty(programme.deadline_rule)
    if programme.valid_until and programme.valid_until < today:
        return False, _("Programm ausgelaufen am %(date)s") % {"date": _day(programme.valid_until)}
    if programme.status == ProgrammeStatus.CLOSED:
        text = (
            _("laut Stand %(date)s geschlossen") % {"date": _as_of(programme)}
            if programme.as_of
            else _("als geschlossen gemeldet")
        )
        passed = [day for day in dated if day < today]
        if passed:
            text += "; " + _("letzte Frist %(date)s") % {"date": _day(passed[-1])}
        return False, text
    if programme.status != ProgrammeStatus.OPEN:
        text = _("Status unbekannt: nicht belegt, ob Anträge möglich sind")
        upcoming = next_deadline(programme, deadlines, today)
        if upcoming:
            text += "; " + _("nächste bekannte Frist wäre der %(date)s") % {"date": _day(upcoming)}
        return False, text
    if rule.kind == deadline_rules.YEARLY:
        upcoming = rule.next_yearly(today)
        if programme.valid_until and upcoming > programme.valid_until:
            return False, _("nächste jährliche Frist %(date)s liegt nach dem Programmende %(end)s") % {
                "date": _day(upcoming),
                "end": _day(programme.valid_until),
            }
        return True, _("nächste Frist %(date)s (%(rule)s)") % {"date": _day(upcoming), "rule": rule.describe()}
    upcoming = [day for day in dated if day >= today]
    if upcoming:
        return True, _("Frist %(date)s") % {"date": _day(upcoming[0])}
    if rule.kind == deadline_rules.RUNNING:
        if programme.as_of:
            return True, _("laufende Antragstellung (laut Stand %(date)s)") % {"date": _as_of(programme)}
        return True, _("laufende Antragstellung (Quelle ohne Datum)")
    last = dated[-1] if dated else None
    # A one-off call is over with its deadline; after documented call deadlines, an "offen" dated later
    # than the last of them (a rolling phase, a new call) still counts.
    said_open_later = rule.kind != deadline_rules.ONCE and (
        last is None or (programme.as_of is not None and programme.as_of > last)
    )
    if said_open_later:
        if programme.as_of is None:
            return True, _("als offen gemeldet (Quelle ohne Datum)")
        return True, _("laut Stand %(date)s offen") % {"date": _as_of(programme)}
    if last is not None:
        return False, _("letzte Frist %(date)s verstrichen") % {"date": _day(last)}
    return False, _("kein offener Aufruf bekannt")


def check(programme, territory, *, today: date, deadlines=None) -> Verdict:
    deadlines = sorted(deadlines if deadlines is not None else programme.deadlines.all(), key=lambda d: d.closes_on)
    if programme.level == Level.LAND and programme.land_id != _land_id(territory):
        return Verdict(False, [_("nur für Antragsteller in %(land)s") % {"land": programme.land}])
    groups = applicant_groups(programme.applicants)
    matching = [group for group in groups if group in applicant_kinds(territory)]
    if not matching:
        allowed = ", ".join(groups) or _("keine kommunalen Antragsteller genannt")
        return Verdict(False, [_("antragsberechtigt: %(allowed)s") % {"allowed": allowed}])
    population = territory.population
    if programme.population_max and population and population > programme.population_max:
        return Verdict(False, [_("nur bis %(max)s Einwohner") % {"max": _thousands(programme.population_max)}])
    if programme.population_min and population is not None and population < programme.population_min:
        return Verdict(False, [_("erst ab %(min)s Einwohnern") % {"min": _thousands(programme.population_min)}])
    is_open, call = call_is_open(programme, deadlines, today)
    if not is_open:
        return Verdict(False, [call])
    reasons = [_("antragsberechtigt als %(kind)s") % {"kind": ", ".join(matching)}]
    if programme.population_max:
        reasons.append(_("bis %(max)s Einwohner") % {"max": _thousands(programme.population_max)})
    reasons.append(call)
    return Verdict(True, reasons, caution(programme, today))
