"""Reads of agendas: visibility, the lists, the agenda page's measures with their joins, monitoring overviews."""

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Count, Prefetch, Q
from django.urls import reverse
from django.utils.translation import get_language

from smartregion.accounts.rules import is_authenticated
from smartregion.assessments.enums import AssessmentStatus
from smartregion.assessments.models import Assessment
from smartregion.funding.models import Deadline, FundingProgramme
from smartregion.network.models import NetworkMember
from smartregion.projects import fulltext
from smartregion.projects.models import Project
from smartregion.territories.models import AllianceMember, Territory

from .enums import AgendaStatus
from .models import Agenda, AgendaActor, GoalTarget, Kpi, KpiValue, Measure, MeasureBudget, Milestone
from .rules import adoptable_condition


def writable_territories(user):
    """Territories whose agendas the user writes: own territories and the alliances they belong to."""
    if not is_authenticated(user):
        return Territory.objects.none()
    own = user.territory_roles.values("territory_id")  # a subquery: some editors have thousands
    alliances = AllianceMember.objects.filter(member_id__in=own).values("alliance_id")
    return Territory.objects.filter(Q(pk__in=own) | Q(pk__in=alliances))


def visible_to(user):
    """Public agendas (from the consultation on) for everybody; drafts for their writers and coordinators."""
    queryset = Agenda.objects.all()
    if is_authenticated(user) and user.is_superuser:
        return queryset
    visible = ~Q(status=AgendaStatus.DRAFT)
    if is_authenticated(user):
        visible |= Q(territory__in=writable_territories(user))
        coordinated = NetworkMember.objects.filter(network__roles__user=user).values("territory_id")
        visible |= Q(territory_id__in=coordinated)
    return queryset.filter(visible)


def list_queryset(user):
    return (
        visible_to(user)
        .select_related("territory", "territory__land")
        .annotate(measure_count=Count("measures", filter=Q(measures__deleted_at__isnull=True)))
        .order_by("-start_year", "territory__name", "title")
    )


def filtered(data: dict, queryset):
    """Agendas of `queryset` matching the filter values (agendas.filters.AgendaFilter: q, status, land)."""
    if data.get("q"):
        queryset = queryset.filter(Q(title__icontains=data["q"]) | Q(territory__name__icontains=data["q"]))
    if data.get("status"):
        queryset = queryset.filter(status=data["status"])
    if data.get("land"):
        queryset = queryset.filter(Q(territory__land__ars=data["land"]) | Q(territory__ars=data["land"]))
    return queryset


def of_territory(territory, user):
    """The territory's agendas the user may see, newest first, with what the territory page lists of them."""
    return (
        visible_to(user)
        .filter(territory=territory)
        .only("territory_id", "title", "status", "start_year")
        .order_by("-start_year", "title")
    )


# Time stamps are the slowest columns to read (time zones); pages of an agenda do not show them.
STAMPS = ("created_at", "updated_at")


def detail_queryset():
    return Agenda.objects.select_related("territory", "consultation", "team_discussion").defer(
        *STAMPS, "territory__created_at", "territory__updated_at", "territory__description"
    )


def member_territories(agenda: Agenda) -> list[Territory]:
    """The territories that can be responsible for measures: the agenda's own and its alliance members."""
    if not agenda.territory.is_alliance:
        return [agenda.territory]
    members = Territory.objects.filter(alliance_links__alliance=agenda.territory).order_by("name")
    return [agenda.territory, *members]


def concepts_of(agenda: Agenda):
    return list(agenda.concepts.defer(*STAMPS))


def actors_of(agenda: Agenda) -> list[AgendaActor]:
    return list(
        agenda.actors.select_related("actor")
        .only(
            "agenda_id",
            "actor_id",
            "name",
            "organisation",
            "sector",
            "role",
            "revision",
            "actor__name",
            "actor__organisation",
        )
        .order_by("sector", "name", "id")
    )


def goals_of(agenda: Agenda):
    targets = GoalTarget.objects.select_related("cell__domain", "cell__dimension").only(
        "goal_id", "target_level", "baseline_level", "baseline_cycle", "cell__domain__key", "cell__domain__label_de",
        "cell__domain__label_en", "cell__dimension__key", "cell__dimension__label_de", "cell__dimension__label_en",
    )  # fmt: skip
    goals = agenda.goals.defer(*STAMPS).prefetch_related(Prefetch("targets", queryset=targets))
    return list(goals.order_by("position", "id"))


@dataclass
class BudgetRow:
    year: int
    source: str  # BudgetSource
    amount_eur: Decimal


@dataclass
class MilestoneRow:
    pk: int
    title: str
    due_on: date
    met_on: date | None


@dataclass
class KpiValueRow:
    pk: int
    reported_on: date
    value: Decimal


@dataclass
class KpiRow:
    pk: int
    name: str
    unit: str
    baseline: Decimal | None
    target: Decimal | None
    value_list: list = field(default_factory=list)  # KpiValueRow, oldest report first


@dataclass
class GoalRef:
    pk: int
    position: int
    title: str


@dataclass
class DomainRef:
    pk: int
    key: str
    label_de: str
    label_en: str

    @property
    def label(self) -> str:
        return self.label_en if (get_language() or "de").startswith("en") else self.label_de


@dataclass
class MeasureRef:
    pk: int
    agenda_id: int
    position: int
    title: str

    @property
    def code(self) -> str:
        return f"M{self.position}"

    def get_absolute_url(self) -> str:
        return reverse("agendas:measure", args=[self.agenda_id, self.pk])


def measures_of(agenda: Agenda, *, pk: int | None = None) -> list[Measure]:
    """Every measure (or the one with `pk`) with what the page, the schedule and the exports show, in
    a fixed number of queries. The relations come as plain lists of small read-only rows —
    budget_list, milestone_list, kpi_list (each with value_list), goal_list, domain_list,
    dependency_list: building thousands of model instances for 60 measures cost more than the queries."""
    queryset = measures_queryset(agenda)
    measures = list(queryset if pk is None else queryset.filter(pk=pk))
    ids = [measure.pk for measure in measures]
    lists = {name: defaultdict(list) for name in ("budget", "milestone", "kpi", "goal", "domain", "dependency")}
    budgets = MeasureBudget.objects.filter(measure_id__in=ids).order_by("year", "source")
    for measure_id, *values in budgets.values_list("measure_id", "year", "source", "amount_eur"):
        lists["budget"][measure_id].append(BudgetRow(*values))
    milestones = Milestone.objects.filter(measure_id__in=ids).order_by("due_on", "id")
    for measure_id, *values in milestones.values_list("measure_id", "id", "title", "due_on", "met_on"):
        lists["milestone"][measure_id].append(MilestoneRow(*values))
    kpis = {}
    kpi_rows = Kpi.objects.filter(measure_id__in=ids).order_by("id")
    for measure_id, *values in kpi_rows.values_list("measure_id", "id", "name", "unit", "baseline", "target"):
        kpis[values[0]] = KpiRow(*values)
        lists["kpi"][measure_id].append(kpis[values[0]])
    kpi_values = KpiValue.objects.filter(kpi_id__in=list(kpis)).order_by("update__reported_on", "id")
    for kpi_id, *values in kpi_values.values_list("kpi_id", "id", "update__reported_on", "value"):
        kpis[kpi_id].value_list.append(KpiValueRow(*values))
    goals = Measure.goals.through.objects.filter(measure_id__in=ids).order_by("goal__position")
    for measure_id, *values in goals.values_list("measure_id", "goal_id", "goal__position", "goal__title"):
        lists["goal"][measure_id].append(GoalRef(*values))
    domains = Measure.domains.through.objects.filter(measure_id__in=ids).order_by("domain__position")
    for measure_id, *values in domains.values_list(
        "measure_id", "domain_id", "domain__key", "domain__label_de", "domain__label_en"
    ):
        lists["domain"][measure_id].append(DomainRef(*values))
    dependencies = Measure.depends_on.through.objects.filter(from_measure_id__in=ids).order_by("to_measure__position")
    for measure_id, *values in dependencies.values_list(
        "from_measure_id", "to_measure_id", "to_measure__agenda_id", "to_measure__position", "to_measure__title"
    ):
        lists["dependency"][measure_id].append(MeasureRef(*values))
    for measure in measures:
        for name, rows in lists.items():
            setattr(measure, f"{name}_list", rows.get(measure.pk, []))
    return measures


def measure_titles(agenda: Agenda):
    return (
        Measure.objects.filter(agenda=agenda).only("agenda_id", "position", "title", "description").order_by("position")
    )


def measure_of(agenda: Agenda, pk: int) -> Measure | None:
    found = measures_of(agenda, pk=pk)
    return found[0] if found else None


def measures_queryset(agenda: Agenda):
    """The agenda's measures with exactly the columns of their related rows that pages read."""
    return (
        Measure.objects.filter(agenda=agenda)
        .select_related("responsible_actor__actor", "responsible_territory", "funding_programme", "adopted_from")
        .only(
            *MEASURE_COLUMNS,
            "responsible_actor__name",
            "responsible_actor__organisation",
            "responsible_actor__actor__name",
            "responsible_actor__actor__organisation",
            "responsible_territory__name",
            *(f"funding_programme__{name}" for name in PROGRAMME_COLUMNS),
            "adopted_from__title",
        )
        .order_by("position", "id")
    )


# What the pages and the financing warnings read of a measure's programme.
PROGRAMME_COLUMNS = (
    "name",
    "short_name",
    "code",
    "level",
    "status",
    "valid_from",
    "valid_until",
    "max_rate_percent",
    "max_amount_eur",
)

MEASURE_COLUMNS = (
    "agenda_id",
    "position",
    "title",
    "description",
    "partners",
    "starts_on",
    "ends_on",
    "funding_note",
    "status",
    "progress",
    "progress_reported_on",
    "revision",
    "responsible_actor",
    "responsible_territory",
    "funding_programme",
    "adopted_from",
)


def budget_rows(agenda: Agenda) -> list[BudgetRow]:
    """Every budget cell of the agenda's measures (for the generated Beschlussvorschlag without the whole document)."""
    budgets = MeasureBudget.objects.filter(measure__agenda=agenda, measure__deleted_at__isnull=True)
    return [BudgetRow(*values) for values in budgets.values_list("year", "source", "amount_eur")]


# --- The measure form's choices ------------------------------------------------------------------------


@dataclass(frozen=True)
class DeadlineRow:
    closes_on: date


def funding_programmes() -> tuple[list[FundingProgramme], dict[int, list[DeadlineRow]]]:
    """All programmes with what eligibility reads, and their deadlines by programme (two queries)."""
    programmes = list(FundingProgramme.objects.select_related("land").order_by("name"))
    deadlines: dict[int, list] = defaultdict(list)
    for programme_id, closes_on in Deadline.objects.order_by("closes_on").values_list("programme_id", "closes_on"):
        deadlines[programme_id].append(DeadlineRow(closes_on))
    return programmes, deadlines


def adoptable_projects(user):
    """Catalog projects a measure may adopt (rules.adoptable_condition), with what the choice shows."""
    return Project.objects.filter(adoptable_condition(user)).select_related("lead_territory")


ADOPTION_RESULTS = 10


def search_adoptable(user, text: str, *, limit: int = ADOPTION_RESULTS) -> list[Project]:
    """Adoptable projects for the search text: by number ("42", "/projekte/42/") or full text, best first."""
    text = (text or "").strip()
    if not text:
        return []
    number = re.fullmatch(r"(?:.*/)?(\d+)/?", text)
    if number:
        return list(adoptable_projects(user).filter(pk=int(number.group(1))))
    found = fulltext.search(adoptable_projects(user), text)
    return list(found.order_by("-relevance", "title")[:limit])


def submitted_assessments(territory, *, limit: int = 5) -> list:
    """The territory's latest submitted assessments, newest first, with what an agenda reads of them."""
    return list(
        Assessment.objects.filter(territory=territory, status=AssessmentStatus.SUBMITTED)
        .select_related("territory", "matrix")
        .order_by("-cycle")[:limit]
    )


def network_agendas(network):
    """The current agendas of a network's members (the newest per territory), for the coordinators."""
    members = NetworkMember.objects.filter(network=network).values("territory_id")
    alliances = AllianceMember.objects.filter(member_id__in=members).values("alliance_id")
    return (
        Agenda.objects.filter(Q(territory_id__in=members) | Q(territory_id__in=alliances))
        .select_related("territory")
        .prefetch_related(
            Prefetch(
                "measures", queryset=Measure.objects.prefetch_related(Prefetch("milestones", to_attr="milestone_list"))
            )
        )
        .order_by("territory__name", "-start_year")
    )


def agenda_counts(territory_ids) -> dict[int, int]:
    """Agendas per territory (the network dashboard's and white paper's participation, via core.tallies)."""
    return dict(
        Agenda.objects.filter(territory_id__in=territory_ids)
        .values_list("territory_id")
        .annotate(count=Count("pk"))
        .order_by()
    )
