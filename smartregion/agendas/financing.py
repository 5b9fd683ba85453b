"""How measures are financed: the financing table (per year and source, per measure and source), the
funding select's programmes (eligible for the agenda's territory first, the others with their reason),
warnings about a programme's period, and the generated Beschlussvorschlag.

Pure functions over rows the queries have read; no database access here.

Alliance agendas: a programme counts as eligible when the alliance itself may apply (as interkommunale
Kooperation or Zweckverband) or at least one member may (the member then applies and leads the measure);
the option says which member. A programme nobody in the alliance may use shows the alliance's own reason.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from smartregion.funding import eligibility
from smartregion.funding.enums import ProgrammeStatus
from smartregion.territories.enums import TerritoryKind

from .enums import AgendaStatus, BudgetSource

SOURCES = list(BudgetSource)
ZERO = Decimal("0")
# Sources that make up a project's costs (Folgekosten come after the project): the base of a funding rate.
PROJECT_COST_SOURCES = (BudgetSource.FUNDING, BudgetSource.OWN_SHARE)


def whole_euros(value) -> Decimal:
    """Rounded to whole euros half up, as the templates' floatformat does: text and tables show the same."""
    return Decimal(value or 0).quantize(Decimal(1), rounding=ROUND_HALF_UP)


def euro(value) -> str:
    """An amount in whole euros with the locale's grouping: 1.250.000 €."""
    return f"{number_format(whole_euros(value), decimal_pos=0, force_grouping=True)} €"


# --- The financing table ------------------------------------------------------------------------------


@dataclass
class SourceAmounts:
    """Amounts by source (BudgetSource values) and their sum."""

    amounts: dict = field(default_factory=lambda: {source.value: ZERO for source in SOURCES})

    def add(self, source: str, amount) -> None:
        self.amounts[source] += amount

    @property
    def total(self) -> Decimal:
        return sum(self.amounts.values(), ZERO)

    @property
    def cells(self) -> list:
        """The amounts in the order of the table's columns (Fördermittel, Eigenanteil, Folgekosten)."""
        return [self.amounts[source.value] for source in SOURCES]

    @property
    def labelled(self) -> list[tuple[str, Decimal]]:
        """(label, amount) per source, in the table's order."""
        return [(str(source.label), self.amounts[source.value]) for source in SOURCES]

    @property
    def funding(self) -> Decimal:
        return self.amounts[BudgetSource.FUNDING]

    @property
    def own_share(self) -> Decimal:
        return self.amounts[BudgetSource.OWN_SHARE]

    @property
    def follow_up(self) -> Decimal:
        return self.amounts[BudgetSource.FOLLOW_UP]

    @property
    def project_costs(self) -> Decimal:
        return sum((self.amounts[source] for source in PROJECT_COST_SOURCES), ZERO)


@dataclass
class YearRow:
    year: int
    sums: SourceAmounts


@dataclass
class FinancingTable:
    """Rows = years, columns = sources, with the totals per source (`totals`) and per year (each row's total)."""

    rows: list[YearRow]
    totals: SourceAmounts

    @property
    def years(self) -> list[int]:
        return [row.year for row in self.rows]

    @property
    def is_empty(self) -> bool:
        return not self.totals.total

    @property
    def source_labels(self) -> list[str]:
        return source_labels()

    def by_source(self) -> list[tuple[str, str, list, Decimal]]:
        """The same numbers turned around: (source, label, amounts per year, total) — rows = sources."""
        rows = []
        for source in SOURCES:
            amounts = [row.sums.amounts[source] for row in self.rows]
            rows.append((source.value, str(source.label), amounts, self.totals.amounts[source]))
        return rows


def financing_table(budget_rows, *, years=()) -> FinancingTable:
    """Budget rows (each with .year, .source, .amount_eur) as a table per year; `years` are shown even when empty."""
    by_year: dict[int, SourceAmounts] = defaultdict(SourceAmounts)
    for year in years:
        by_year.setdefault(year, SourceAmounts())
    totals = SourceAmounts()
    for row in budget_rows:
        by_year[row.year].add(row.source, row.amount_eur)
        totals.add(row.source, row.amount_eur)
    return FinancingTable([YearRow(year, by_year[year]) for year in sorted(by_year)], totals)


def source_labels() -> list[str]:
    return [str(source.label) for source in SOURCES]


# --- Warnings -------------------------------------------------------------------------------------------


def _day(value: date) -> str:
    return date_format(value, "SHORT_DATE_FORMAT")


def funding_warnings(*, programme, starts_on: date, ends_on: date, sums: SourceAmounts, agenda_status: str,
                     today: date) -> list[str]:  # fmt: skip
    """What a council should know before it passes a measure with this programme (warnings, not refusals):
    the measure runs past the programme's period or starts before it; the programme is closed (only
    while the agenda is still being written: once adopted, the grant was applied for under the old call);
    the Fördermittel exceed the programme's rate or maximum amount."""
    if programme is None:
        if sums.funding:
            return [_("Fördermittel sind eingetragen, aber kein Förderprogramm ist gewählt.")]
        return []
    name = str(programme)
    warnings = []
    if programme.valid_until and ends_on > programme.valid_until:
        warnings.append(
            _("Die Maßnahme endet am %(end)s, das Förderprogramm „%(name)s“ gilt nur bis %(until)s.")
            % {"end": _day(ends_on), "name": name, "until": _day(programme.valid_until)}
        )
    if programme.valid_from and starts_on < programme.valid_from:
        warnings.append(
            _("Die Maßnahme beginnt am %(start)s, das Förderprogramm „%(name)s“ erst am %(from)s.")
            % {"start": _day(starts_on), "name": name, "from": _day(programme.valid_from)}
        )
    if agenda_status in (AgendaStatus.DRAFT, AgendaStatus.CONSULTATION):
        if programme.valid_until and programme.valid_until < today:
            warnings.append(
                _("Das Förderprogramm „%(name)s“ ist am %(until)s ausgelaufen.")
                % {"name": name, "until": _day(programme.valid_until)}
            )
        elif programme.status == ProgrammeStatus.CLOSED:
            warnings.append(_("Das Förderprogramm „%(name)s“ ist als geschlossen gemeldet.") % {"name": name})
    costs = sums.project_costs
    if programme.max_rate_percent and costs and sums.funding * 100 > costs * programme.max_rate_percent:
        warnings.append(
            _(
                "Die Fördermittel sind %(share)s %% der Projektkosten (Fördermittel und Eigenanteil); "
                "„%(name)s“ fördert höchstens %(rate)s %%."
            )
            % {
                "share": number_format(sums.funding * 100 / costs, decimal_pos=0),
                "name": name,
                "rate": programme.max_rate_percent,
            }
        )
    if programme.max_amount_eur and sums.funding > programme.max_amount_eur:
        warnings.append(
            _("Die Fördermittel (%(funding)s) übersteigen den Höchstbetrag von „%(name)s“ (%(max)s).")
            % {"funding": euro(sums.funding), "name": name, "max": euro(programme.max_amount_eur)}
        )
    return warnings


# --- The funding select ---------------------------------------------------------------------------------


@dataclass
class ProgrammeOption:
    programme: object
    eligible: bool
    reason: str  # why it fits (the open call) or why not, in words

    @property
    def label(self) -> str:
        if self.eligible:
            return f"{self.programme} ({self.programme.level} · {self.reason})"
        return _("%(name)s – nicht passend: %(reason)s") % {"name": self.programme, "reason": self.reason}


def programme_options(programmes, deadlines_of: dict, territories: list, *, today: date) -> list[ProgrammeOption]:
    """Every programme with its verdict for the agenda's territory (territories[0]; for an alliance the
    members follow): eligible ones first, then the others, each group by name."""
    applicant, members = territories[0], territories[1:]
    options = []
    for programme in programmes:
        deadlines = deadlines_of.get(programme.pk, [])
        verdict = eligibility.check(programme, applicant, today=today, deadlines=deadlines)
        if verdict.eligible:
            options.append(ProgrammeOption(programme, True, verdict.reasons[-1]))
            continue
        for territory in members:
            member_verdict = eligibility.check(programme, territory, today=today, deadlines=deadlines)
            if member_verdict.eligible:
                reason = _("über %(member)s; %(call)s") % {"member": territory.name, "call": member_verdict.reasons[-1]}
                options.append(ProgrammeOption(programme, True, reason))
                break
        else:
            options.append(ProgrammeOption(programme, False, verdict.sentence))
    options.sort(key=lambda option: (not option.eligible, str(option.programme).lower()))
    return options


# --- The Beschlussvorschlag -----------------------------------------------------------------------------


def _council(territory) -> tuple[str, str]:
    """(subject with its verb, the body in the dative) of the territory's council."""
    label = (territory.type_label or "").lower()
    if territory.kind == TerritoryKind.ALLIANCE:
        return _("Die Räte der Mitglieder des Verbunds beschließen jeweils"), _("ihren Räten")
    if territory.kind == TerritoryKind.VERBAND:
        return _("Die Verbandsversammlung beschließt"), _("der Verbandsversammlung")
    if territory.kind == TerritoryKind.KREIS and "stadt" not in label:
        return _("Der Kreistag beschließt"), _("dem Kreistag")
    if "stadt" in label:
        return _("Der Stadtrat beschließt"), _("dem Stadtrat")
    return _("Der Gemeinderat beschließt"), _("dem Gemeinderat")


def default_resolution(agenda, measures: list, totals: SourceAmounts) -> str:
    """The decision text generated from the agenda, its measures (each with .code and .title) and the
    financing totals. Every amount in it is in the financing table."""
    subject, body = _council(agenda.territory)
    years = agenda.schedule_years
    parts = [
        _("%(subject)s das Digitalisierungskonzept „%(title)s“ für die Jahre %(first)s bis %(last)s")
        % {"subject": subject, "title": agenda.title, "first": years[0], "last": years[-1]}
    ]
    if measures:
        listing = "; ".join(f"{measure.code} {measure.title}" for measure in measures)
        parts[0] += " " + _("mit %(count)s Maßnahmen (%(listing)s).") % {"count": len(measures), "listing": listing}
    else:
        parts[0] += "."
    if totals.total:
        parts.append(
            _(
                "Das Gesamtvolumen beträgt %(total)s, davon %(funding)s Fördermittel, %(own)s Eigenanteil und "
                "%(follow_up)s Folgekosten nach Projektende (siehe Finanzierungstabelle)."
            )
            % {
                "total": euro(totals.total),
                "funding": euro(totals.funding),
                "own": euro(totals.own_share),
                "follow_up": euro(totals.follow_up),
            }
        )
    if totals.funding:
        task = _(
            "Die Verwaltung wird beauftragt, die Fördermittel zu beantragen, Eigenanteil und Folgekosten in der "
            "Haushaltsplanung zu berücksichtigen und %(body)s jährlich über den Stand der Umsetzung zu berichten."
        )
    else:
        task = _(
            "Die Verwaltung wird beauftragt, die Mittel in der Haushaltsplanung zu berücksichtigen und "
            "%(body)s jährlich über den Stand der Umsetzung zu berichten."
        )
    parts.append(task % {"body": body})
    return "\n\n".join(parts)
