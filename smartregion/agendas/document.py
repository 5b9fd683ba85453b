"""Everything the agenda page and its exports (PDF, DOCX, JSON) show, assembled once.

The IST-assessment is read live from the territory's latest submitted self-assessment that the
reader may see; a private assessment stays private (the agenda then says so).
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cached_property

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from smartregion.actors.enums import Sector
from smartregion.assessments import results as assessment_results
from smartregion.core.freshness import Kept
from smartregion.participation import queries as participation_queries

from . import charts, financing, monitoring, queries
from .enums import AgendaPart


@dataclass
class TargetView:
    target: object
    current_level: int | None = None
    current_cycle: int | None = None

    @property
    def moved(self) -> int | None:
        """Levels gained since the baseline (negative: lost), when a later cycle is known."""
        if self.current_level is None or self.target.baseline_level is None:
            return None
        if self.current_cycle is None or self.current_cycle == self.target.baseline_cycle:
            return None
        return self.current_level - self.target.baseline_level

    @property
    def reached(self) -> bool:
        return self.current_level is not None and self.current_level >= self.target.target_level


@dataclass
class GoalView:
    goal: object
    targets: list[TargetView]
    measures: list


@dataclass
class MeasureView:
    measure: object
    financing: financing.FinancingTable  # per year and source
    signal: monitoring.Signal
    latest_kpis: list  # (kpi, latest value or None)
    warnings: list = field(default_factory=list)  # about its funding programme (financing.funding_warnings)
    funding_label: str = ""
    responsible: str = ""

    @property
    def budgets(self) -> dict:
        """Year → all its money (every source), for the years with money."""
        return {row.year: row.sums.total for row in self.financing.rows if row.sums.total}

    @property
    def sums(self) -> financing.SourceAmounts:
        return self.financing.totals

    @property
    def total(self) -> Decimal:
        return self.financing.totals.total

    def __post_init__(self):
        measure = self.measure
        self.goal_ids = {goal.pk for goal in measure.goal_list}
        if measure.funding_programme_id:
            name = measure.funding_programme.name
            self.funding_label = f"{name} ({measure.funding_note})" if measure.funding_note else name
        else:
            self.funding_label = measure.funding_note or _("nicht angegeben")
        names = [measure.responsible_actor.display_name if measure.responsible_actor_id else ""]
        names.append(measure.responsible_territory.name if measure.responsible_territory_id else "")
        self.responsible = ", ".join(name for name in names if name)


@dataclass
class BudgetRow:
    source: str  # BudgetSource
    label: str
    amounts: list  # per year of `BudgetSummary.columns`
    total: Decimal


@dataclass
class BudgetSummary:
    """The financing table turned around: rows = sources, columns = years (the JSON export's `budget`)."""

    columns: list[str]
    rows: list[BudgetRow]
    totals: list
    total: Decimal


@dataclass
class Resolution:
    """The Beschlussvorschlag: the agenda's own text, or the one generated from its measures."""

    text: str
    generated: bool

    @property
    def paragraphs(self) -> list[str]:
        return [line.strip() for line in self.text.splitlines() if line.strip()]


@dataclass
class AgendaDocument:
    agenda: object
    members: list
    concepts: list
    ist: object | None
    ist_note: str
    actors_by_sector: list
    goals: list[GoalView]
    measures: list[MeasureView]
    financing: financing.FinancingTable  # all measures, rows = years (the schedule's and any with money)
    resolution: Resolution
    participation: object | None
    today: date
    lights: list = field(default_factory=list)
    parts: list = field(default_factory=list)

    @property
    def measure_count(self) -> int:
        return len(self.measures)

    @cached_property
    def budget(self) -> BudgetSummary:
        table = self.financing
        rows = [BudgetRow(*row) for row in table.by_source()] if not table.is_empty else []
        return BudgetSummary(
            [str(year) for year in table.years],
            rows,
            [row.sums.total for row in table.rows],
            table.totals.total,
        )

    @property
    def source_labels(self) -> list[str]:
        return financing.source_labels()

    @property
    def funding_warnings(self) -> list[tuple]:
        """(measure, warnings) of the measures whose funding needs a look before the council decides."""
        return [(view.measure, view.warnings) for view in self.measures if view.warnings]

    @cached_property
    def gantts(self) -> list:
        """The schedule of the first three years (the plan)."""
        return charts.gantt(
            [view.measure for view in self.measures],
            first_year=self.agenda.start_year,
            title=_("Zeitplan der Maßnahmen %(first)s–%(last)s") % self._years,
        )

    @cached_property
    def progress_gantts(self) -> list:
        """The plan with progress, status colours and today (monitoring)."""
        return charts.gantt(
            [view.measure for view in self.measures],
            first_year=self.agenda.start_year,
            title=_("Zeitplan der Maßnahmen %(first)s–%(last)s mit Fortschritt") % self._years,
            today=self.today,
            with_progress=True,
        )

    @property
    def _years(self) -> dict:
        return {"first": self.agenda.start_year, "last": self.agenda.start_year + 2}


# The most gaps of the IST-assessment any view of an agenda lists (the JSON export; the page 5, PDF and DOCX 8).
IST_GAPS_SHOWN = 10


def _ist_choice(agenda, user) -> tuple:
    """(assessment, note): the latest submitted self-assessment the reader may see (the assessments' own
    permission rule), or None and the note the agenda shows instead."""
    submitted = queries.submitted_assessments(agenda.territory)
    assessment = next((item for item in submitted if user.has_perm("assessments.view_assessment", item)), None)
    if assessment is None:
        if submitted:
            return None, _("Die Selbsteinschätzung dieser Kommune ist nicht öffentlich.")
        return None, _("Es liegt noch keine abgeschlossene Selbsteinschätzung vor.")
    return assessment, ""


def _current_levels(ist) -> tuple[dict, int | None]:
    """Levels of the IST cycle by (Handlungsfeld, dimension key): the same cell across matrix versions."""
    if ist is None:
        return {}, None
    levels = {
        (answer.cell.domain_id, answer.cell.dimension.key): None if answer.not_relevant else answer.current_level
        for answer in ist.answers
    }
    return levels, ist.assessment.cycle


def resolution_of(agenda, measures: list, totals: financing.SourceAmounts) -> Resolution:
    if agenda.resolution.strip():
        return Resolution(agenda.resolution.strip(), generated=False)
    return Resolution(financing.default_resolution(agenda, measures, totals), generated=True)


def generated_resolution(agenda) -> str:
    """The generated Beschlussvorschlag without building the whole document (the agenda's edit form)."""
    if agenda.pk is None:
        return ""
    totals = financing.financing_table(queries.budget_rows(agenda)).totals
    return financing.default_resolution(agenda, list(queries.measure_titles(agenda)), totals)


def measure_warnings(agenda, measure, table: financing.FinancingTable, today: date) -> list[str]:
    return financing.funding_warnings(
        programme=measure.funding_programme if measure.funding_programme_id else None,
        starts_on=measure.starts_on,
        ends_on=measure.ends_on,
        sums=table.totals,
        agenda_status=agenda.status,
        today=today,
    )


def build(agenda, user, *, today: date | None = None) -> AgendaDocument:
    """The agenda as `user` may read it: the document is the same for every reader but for the IST-assessment
    they may see, so it is kept per agenda, IST-assessment, day and language (see _kept_documents)."""
    assessment, ist_note = _ist_choice(agenda, user)
    return _kept_documents.get(agenda, assessment, ist_note, today or timezone.localdate())


def _build(agenda, assessment, ist_note: str, today: date) -> AgendaDocument:
    # The agenda shows the territory's own state; the comparison with peers is on the results page (and without
    # it, the results read nothing of the person who asks).
    ist = assessment_results.build(assessment, None, benchmark=False) if assessment is not None else None
    levels, current_cycle = _current_levels(ist)
    if ist is not None:  # kept: only what the page and the exports show (every answer would triple its size)
        ist.answers, ist.gaps = [], ist.gaps[:IST_GAPS_SHOWN]
    measures = queries.measures_of(agenda)
    # One reverse() for all measure links (a page of 60 measures links each of them twice).
    sentinel = 987654321
    url_template = reverse("agendas:measure", args=[agenda.pk, sentinel])
    for measure in measures:
        measure.url = url_template.replace(str(sentinel), str(measure.pk))
    measure_views = []
    for measure in measures:
        table = financing.financing_table(measure.budget_list)
        latest_kpis = []
        for kpi in measure.kpi_list:
            latest_kpis.append((kpi, kpi.value_list[-1].value if kpi.value_list else None))
        measure_views.append(
            MeasureView(
                measure=measure,
                financing=table,
                signal=monitoring.signal(measure, today, measure.milestone_list),
                latest_kpis=latest_kpis,
                warnings=measure_warnings(agenda, measure, table, today),
            )
        )
    all_budgets = financing.financing_table(
        [row for measure in measures for row in measure.budget_list], years=agenda.schedule_years
    )
    goals = []
    for goal in queries.goals_of(agenda):
        targets = [
            TargetView(
                target,
                levels.get((target.cell.domain_id, target.cell.dimension.key)),
                current_cycle,
            )
            for target in goal.targets.all()
        ]
        contributing = [view.measure for view in measure_views if goal.pk in view.goal_ids]
        goals.append(GoalView(goal, targets, contributing))
    actors = queries.actors_of(agenda)
    actors_by_sector = [
        (label, [actor for actor in actors if actor.sector == value])
        for value, label in Sector.choices
        if any(actor.sector == value for actor in actors)
    ]
    return AgendaDocument(
        agenda=agenda,
        members=queries.member_territories(agenda),
        concepts=queries.concepts_of(agenda),
        ist=ist,
        ist_note=ist_note,
        actors_by_sector=actors_by_sector,
        goals=goals,
        measures=measure_views,
        financing=all_budgets,
        resolution=resolution_of(agenda, measures, all_budgets.totals),
        participation=participation_queries.summary(agenda.consultation),
        today=today,
        lights=monitoring.light_counts(view.signal for view in measure_views),
        parts=list(AgendaPart.choices),
    )


# Everything a document reads (a test checks the list against the tables its build reads): the agenda's own
# rows, the actors, territories and re-used projects they name, funding programmes (warnings, labels), the
# IST-assessment with its matrix and the consultation's counts.
DOCUMENT_DEPENDS_ON = (
    "agendas.agenda", "agendas.existingconcept", "agendas.agendaactor", "agendas.goal", "agendas.goaltarget",
    "agendas.measure", "agendas.measurebudget", "agendas.milestone", "agendas.kpi", "agendas.progressupdate",
    "agendas.kpivalue", "actors.actor", "territories.territory", "funding.fundingprogramme", "funding.deadline",
    "assessments.assessment", "assessments.answer", "assessments.matrixversion", "assessments.cell",
    "assessments.dimension", "taxonomy.domain", "projects.project", "participation.consultation",
    "participation.comment", "participation.idea", "participation.support", "participation.flag",
)  # fmt: skip
# Building one takes 25 to 40 ms (60 measures with budgets, milestones, KPIs and goals); the page, its
# monitoring and its exports are read far more often than an agenda changes.
_kept_documents = Kept("agenda-document", _build, depends_on=DOCUMENT_DEPENDS_ON)
