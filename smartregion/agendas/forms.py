from datetime import date

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from smartregion.actors.models import Actor
from smartregion.actors.queries import serving
from smartregion.assessments.matrix import current_matrix
from smartregion.assessments.models import Cell
from smartregion.core.fields import AmountField
from smartregion.core.widgets import DateInput
from smartregion.funding.models import FundingProgramme
from smartregion.projects.enums import Publication
from smartregion.projects.models import Project
from smartregion.taxonomy.models import Domain
from smartregion.territories.models import Territory
from smartregion.toolkit.models import Recommendation

from . import document, financing, queries
from .enums import BUDGET_YEARS_AFTER_SCHEDULE, SCHEDULE_YEARS, BudgetSource, MeasureStatus
from .models import Agenda, AgendaActor, ExistingConcept, Goal, Measure
from .rules import adoptable_condition
from .services import ACTOR_FIELDS, AGENDA_FIELDS, CONCEPT_FIELDS, GOAL_FIELDS, MEASURE_FIELDS, MeasurePlan

DATE_WIDGET = DateInput()
ACTOR_CHOICES_LIMIT = 300


class RevisionMixin:
    """Edit forms carry the revision they were rendered with (optimistic locking)."""

    def _init_revision(self):
        self.fields["revision"] = forms.IntegerField(widget=forms.HiddenInput, required=False)
        if self.instance.pk:
            self.fields["revision"].initial = self.instance.revision

    def values(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class AgendaCreateForm(forms.ModelForm):
    territory = forms.ModelChoiceField(label=_("Gebietskörperschaft oder Verbund"), queryset=Territory.objects.none())

    class Meta:
        model = Agenda
        fields = ["title", "start_year", "target_year"]

    def __init__(self, *args, territories=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["territory"].queryset = territories if territories is not None else Territory.objects.none()
        self.order_fields(["territory", "title", "start_year", "target_year"])
        year = timezone.localdate().year + 1
        self.fields["start_year"].initial = year
        self.fields["target_year"].initial = year + 4
        self.fields["title"].initial = _("Digitalisierungskonzept")


def _same_text(first: str, second: str) -> bool:
    return " ".join((first or "").split()) == " ".join((second or "").split())


class AgendaForm(RevisionMixin, forms.ModelForm):
    """The agenda's basics, challenges, vision and Beschlussvorschlag. An empty Beschlussvorschlag shows the
    generated one to start from; saved unchanged, it stays generated (and follows the measures)."""

    class Meta:
        model = Agenda
        fields = AGENDA_FIELDS
        widgets = {
            "challenges": forms.Textarea(attrs={"rows": 6}),
            "vision": forms.Textarea(attrs={"rows": 6}),
            "resolution": forms.Textarea(attrs={"rows": 8}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.generated_resolution = document.generated_resolution(self.instance)
        if not self.instance.resolution.strip():
            self.initial["resolution"] = self.generated_resolution
        self.fields["resolution"].help_text = _(
            "Der Text, über den der Rat abstimmt. Vorgeschlagen aus den Maßnahmen und ihrer Finanzierung: "
            "unverändert gespeichert, folgt er jeder Änderung der Maßnahmen; geändert, gilt Ihr Text."
        )
        self._init_revision()

    def clean_resolution(self) -> str:
        text = self.cleaned_data["resolution"].strip()
        return "" if _same_text(text, self.generated_resolution) else text


class ConceptForm(RevisionMixin, forms.ModelForm):
    upload = forms.FileField(
        label=_("Dokument"),
        required=False,
        help_text=_("PDF, Word, Excel, PowerPoint oder OpenDocument, höchstens 10 MB."),
    )

    class Meta:
        model = ExistingConcept
        fields = CONCEPT_FIELDS
        widgets = {"summary": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._init_revision()


class ActorForm(RevisionMixin, forms.ModelForm):
    actor = forms.ModelChoiceField(
        label=_("aus dem Experten-Forum"),
        queryset=Actor.objects.none(),
        required=False,
        help_text=_("Fachleute und Organisationen, die in Ihrer Region tätig sind. Oder unten einen Namen eingeben."),
    )

    class Meta:
        model = AgendaActor
        fields = ACTOR_FIELDS

    def __init__(self, *args, agenda: Agenda, **kwargs):
        super().__init__(*args, **kwargs)
        nearby = Actor.objects.filter(serving(agenda.territory)).distinct().order_by("name")
        ids = list(nearby.values_list("pk", flat=True)[:ACTOR_CHOICES_LIMIT])
        if self.instance.actor_id:
            ids.append(self.instance.actor_id)
        self.fields["actor"].queryset = Actor.objects.filter(pk__in=ids).order_by("name")
        self._init_revision()


class GoalForm(RevisionMixin, forms.ModelForm):
    class Meta:
        model = Goal
        fields = GOAL_FIELDS
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, agenda: Agenda, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk:
            self.fields["target_year"].initial = agenda.target_year
        self._init_revision()


class GoalTargetForm(forms.Form):
    cell = forms.ModelChoiceField(label=_("Zelle der Smart-Region-Matrix"), queryset=Cell.objects.none())
    target_level = forms.TypedChoiceField(
        label=_("Zielstufe"), coerce=int, choices=[(level, str(level)) for level in range(5)]
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        matrix = current_matrix()
        cells = (
            Cell.objects.filter(matrix=matrix)
            .select_related("domain", "dimension")
            .defer("descriptors_de", "descriptors_en")
            .order_by("domain__position", "dimension__position")
        )
        self.fields["cell"].queryset = cells
        self.fields["cell"].label_from_instance = lambda cell: f"{cell.domain.label} · {cell.dimension.label}"
        if matrix is not None:
            self.fields["target_level"].choices = [
                (level, f"{level} – {matrix.level_label(level)}") for level in range(5)
            ]


class MeasureForm(RevisionMixin, forms.ModelForm):
    goals = forms.ModelMultipleChoiceField(
        label=_("trägt bei zu"), queryset=Goal.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )
    domains = forms.ModelMultipleChoiceField(
        label=_("Handlungsfelder"),
        queryset=Domain.objects.active(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    depends_on = forms.ModelMultipleChoiceField(
        label=_("hängt ab von"), queryset=Measure.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )
    recommendations = forms.ModelMultipleChoiceField(
        label=_("folgt den Empfehlungen"),
        queryset=Recommendation.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Empfehlungen für Projekte aus dem Werkzeugkasten, an denen sich die Maßnahme orientiert."),
    )
    responsible_actor = forms.ModelChoiceField(
        label=_("verantwortlich (Akteur)"), queryset=AgendaActor.objects.none(), required=False
    )
    responsible_territory = forms.ModelChoiceField(
        label=_("verantwortliche Kommune"), queryset=Territory.objects.none(), required=False
    )
    funding_programme = forms.ModelChoiceField(
        label=_("Förderprogramm"),
        queryset=FundingProgramme.objects.all(),
        required=False,
        empty_label=_("– kein Förderprogramm –"),
    )
    adopted_query = forms.CharField(
        label=_("Katalogprojekt suchen"),
        required=False,
        max_length=200,
        help_text=_("Titel, Stichwort oder Kommune (auch die Nummer des Projekts); die Treffer erscheinen darunter."),
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    adopted_from = forms.ModelChoiceField(
        label=_("Gewähltes Katalogprojekt"),
        queryset=Project.objects.none(),
        required=False,
        widget=forms.RadioSelect,
    )

    class Meta:
        model = Measure
        fields = MEASURE_FIELDS
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "starts_on": DATE_WIDGET,
            "ends_on": DATE_WIDGET,
        }

    # The groups the template shows, each through the shared form_fields include (FieldGroup).
    MAIN_FIELDS = [
        "title", "description", "goals", "domains", "responsible_actor", "responsible_territory", "partners",
        "starts_on", "ends_on", "depends_on", "recommendations",
    ]  # fmt: skip
    GROUPS = {
        "funding": ["funding_programme"],
        "funding_note": ["funding_note"],
        "adoption_query": ["adopted_query"],
        "adoption": ["adopted_from"],
    }
    MAX_SPAN_YEARS = 10

    def __init__(
        self, *args, agenda: Agenda, territories, user, show_all_programmes=False, search_url="", today=None, **kwargs
    ):
        super().__init__(*args, **kwargs)
        self.agenda = agenda
        self.today = today or timezone.localdate()
        self.fields["goals"].queryset = agenda.goals.order_by("position")
        self.fields["depends_on"].queryset = Measure.objects.filter(agenda=agenda).exclude(pk=self.instance.pk)
        self.fields["responsible_actor"].queryset = agenda.actors.select_related("actor").order_by("name")
        self.fields["responsible_territory"].queryset = Territory.objects.filter(pk__in=[t.pk for t in territories])
        self._init_programmes(territories, show_all_programmes)
        self._init_budgets()
        self._init_adoption(user, search_url)
        if self.instance.pk:
            self.fields["goals"].initial = [goal.pk for goal in self.instance.goals.all()]
            self.fields["domains"].initial = [domain.pk for domain in self.instance.domains.all()]
            self.fields["depends_on"].initial = [other.pk for other in self.instance.depends_on.all()]
            self.fields["recommendations"].initial = [item.pk for item in self.instance.recommendations.all()]
        else:
            self.fields["starts_on"].initial = date(agenda.start_year, 1, 1)
            self.fields["ends_on"].initial = date(agenda.start_year, 12, 31)
        self._init_revision()

    # --- Förderprogramm: eligible first, the others behind "auch andere zeigen" with their reason ---

    def _init_programmes(self, territories, show_all: bool) -> None:
        programmes, deadlines = queries.funding_programmes()
        options = financing.programme_options(programmes, deadlines, territories, today=self.today)
        eligible = [option for option in options if option.eligible]
        others = [option for option in options if not option.eligible]
        chosen = str(self["funding_programme"].value() or "")
        self.showing_all = show_all or any(str(option.programme.pk) == chosen for option in others)
        self.other_programme_count = len(others)
        territory = territories[0].name
        field = self.fields["funding_programme"]
        field.queryset = FundingProgramme.objects.all()
        choices = [
            ("", field.empty_label),
            (
                _("Passend für %(territory)s") % {"territory": territory},
                [(option.programme.pk, option.label) for option in eligible],
            ),
        ]
        if self.showing_all and others:
            choices.append(
                (
                    _("Weitere Programme, nicht passend für %(territory)s") % {"territory": territory},
                    [(option.programme.pk, option.label) for option in others],
                )
            )
        field.choices = choices
        field.help_text = _(
            "Zuerst die Programme, für die %(territory)s antragsberechtigt ist und deren Aufruf offen ist "
            "(geprüft: Land, Antragsteller, Einwohnerzahl, Frist). Sonst unten in Worten."
        ) % {"territory": territory}

    # --- Budget: per year Fördermittel, Eigenanteil, Folgekosten ---

    def _stored_budgets(self) -> dict:
        if not self.instance.pk:
            return {}
        if not hasattr(self, "_budgets"):
            self._budgets = {(row.year, row.source): row.amount_eur for row in self.instance.budgets.all()}
        return self._budgets

    def _budget_years(self) -> list[int]:
        """The schedule and the year after it (Folgekosten), the measure's own years and the year after its
        end, and every year that already has money."""
        first = self.agenda.start_year
        years = set(range(first, first + SCHEDULE_YEARS + BUDGET_YEARS_AFTER_SCHEDULE))
        if self.instance.pk:
            span = range(self.instance.starts_on.year, self.instance.ends_on.year + 2)
            years |= set(list(span)[: self.MAX_SPAN_YEARS])
        years |= {year for year, _source in self._stored_budgets()}
        return sorted(years)

    def _init_budgets(self) -> None:
        self.years = self._budget_years()
        stored = self._stored_budgets()
        for year in self.years:
            for source in BudgetSource:
                self.fields[f"budget_{year}_{source.value}"] = AmountField(
                    label=source.label,
                    required=False,
                    min_value=0,
                    max_digits=12,
                    decimal_places=2,
                    initial=stored.get((year, source.value)),
                )

    def budget_values(self) -> dict:
        return {
            (year, source.value): self.cleaned_data.get(f"budget_{year}_{source.value}")
            for year in self.years
            for source in BudgetSource
        }

    def budget_rows(self) -> list[tuple[int, list]]:
        """(year, [bound field per source]) for the template's table of amounts."""
        return [(year, [self[f"budget_{year}_{source.value}"] for source in BudgetSource]) for year in self.years]

    # --- Nachnutzung: search the catalog, choose one of the results ---

    def _init_adoption(self, user, search_url: str) -> None:
        field = self.fields["adopted_from"]
        current = self.instance.adopted_from if self.instance.pk and self.instance.adopted_from_id else None
        condition = adoptable_condition(user)
        if current is not None:
            condition |= Q(pk=current.pk)
        field.queryset = Project.objects.filter(condition)
        self.adoption_query = (self["adopted_query"].value() or "").strip()
        self.adoption_results = queries.search_adoptable(user, self.adoption_query)
        shown = [current] if current is not None else []
        shown += [project for project in self.adoption_results if current is None or project.pk != current.pk]
        field.choices = [("", _("keine Nachnutzung"))] + [(project.pk, _project_label(project)) for project in shown]
        if search_url:  # live results while typing (htmx asks the form page itself); without JavaScript on saving
            self.fields["adopted_query"].widget.attrs.update(
                {
                    "hx-get": search_url,
                    "hx-trigger": "input changed delay:400ms, search",
                    "hx-select": "#adopted-results",
                    "hx-target": "#adopted-results",
                    "hx-swap": "outerHTML",
                }
            )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("starts_on") and cleaned.get("ends_on") and cleaned["ends_on"] < cleaned["starts_on"]:
            self.add_error("ends_on", _("Das Ende liegt vor dem Beginn."))
        if self.adoption_query and "adopted_from" not in self.errors:
            found = {project.pk for project in self.adoption_results}
            chosen = cleaned.get("adopted_from")
            if not found:
                self.add_error(
                    "adopted_query",
                    _("Im Katalog ist kein Projekt zu „%(query)s“ zu finden.") % {"query": self.adoption_query},
                )
            elif chosen is None or chosen.pk not in found:
                self.add_error(
                    "adopted_from",
                    _(
                        "Wählen Sie eines der gefundenen Projekte – oder leeren Sie das Suchfeld, um die bisherige "
                        "Auswahl zu behalten."
                    ),
                )
        return cleaned

    def group(self, name: str) -> "FieldGroup":
        if name == "main":
            return FieldGroup(self, self.MAIN_FIELDS, with_form_parts=True)
        return FieldGroup(self, self.GROUPS[name], with_form_parts=False)

    @property
    def groups(self) -> dict:
        """Each group of fields for the template: {{ form.groups.funding }} …"""
        return {name: self.group(name) for name in ["main", *self.GROUPS]}


def _project_label(project) -> str:
    territory = project.lead_territory.name if project.lead_territory_id else project.lead_label
    draft = "" if project.publication == Publication.PUBLISHED else " " + str(_("(Entwurf)"))
    return f"{project.title} – {territory or _('ohne Kommune')} (Nr. {project.pk}){draft}"


class FieldGroup:
    """Some fields of a form in the shape the shared include (includes/form_fields.html) reads: the form's
    non-field errors and hidden fields come with the main group only."""

    def __init__(self, form, names, *, with_form_parts: bool):
        self.form, self.names, self.with_form_parts = form, names, with_form_parts

    def non_field_errors(self):
        return self.form.non_field_errors() if self.with_form_parts else []

    def hidden_fields(self):
        return self.form.hidden_fields() if self.with_form_parts else []

    def visible_fields(self):
        return [self.form[name] for name in self.names]


class MilestoneForm(forms.Form):
    id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    title = forms.CharField(label=_("Meilenstein"), max_length=200, required=False)
    due_on = forms.DateField(label=_("geplant bis"), required=False, widget=DATE_WIDGET)


class KpiForm(forms.Form):
    id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    name = forms.CharField(label=_("Kennzahl"), max_length=200, required=False)
    unit = forms.CharField(label=_("Einheit"), max_length=40, required=False)
    baseline = AmountField(label=_("Ausgangswert"), required=False, max_digits=14, decimal_places=2)
    target = AmountField(label=_("Zielwert"), required=False, max_digits=14, decimal_places=2)


MilestoneFormSet = forms.formset_factory(MilestoneForm, extra=2, can_delete=True, max_num=30)
KpiFormSet = forms.formset_factory(KpiForm, extra=2, can_delete=True, max_num=20)


def milestone_initial(measure) -> list[dict]:
    if measure is None or not measure.pk:
        return []
    return [{"id": m.pk, "title": m.title, "due_on": m.due_on} for m in measure.milestones.all()]


def kpi_initial(measure) -> list[dict]:
    if measure is None or not measure.pk:
        return []
    return [
        {"id": k.pk, "name": k.name, "unit": k.unit, "baseline": k.baseline, "target": k.target}
        for k in measure.kpis.all()
    ]


def rows_of(formset, required: str) -> list[dict]:
    """Formset rows as the service's plain dicts: empty extra rows are skipped, deleted rows marked."""
    rows = []
    for form in formset.forms:
        data = form.cleaned_data
        if not data or (not data.get(required) and not data.get("id")):
            continue
        rows.append({**data, "delete": bool(data.get("DELETE")) or not data.get(required)})
    return rows


def measure_plan(form: MeasureForm, milestones, kpis) -> MeasurePlan:
    return MeasurePlan(
        goals=list(form.cleaned_data["goals"]),
        domains=list(form.cleaned_data["domains"]),
        depends_on=list(form.cleaned_data["depends_on"]),
        budgets=form.budget_values(),
        milestones=rows_of(milestones, "title"),
        kpis=rows_of(kpis, "name"),
        recommendations=list(form.cleaned_data["recommendations"]),
    )


class ProgressForm(forms.Form):
    reported_on = forms.DateField(label=_("Stand vom"), widget=DATE_WIDGET)
    status = forms.ChoiceField(label=_("Status"), choices=MeasureStatus.choices)
    progress = forms.IntegerField(label=_("Fortschritt in %"), min_value=0, max_value=100)
    note = forms.CharField(label=_("Notiz"), required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)

    def __init__(self, *args, measure: Measure, **kwargs):
        super().__init__(*args, **kwargs)
        self.measure = measure
        self.fields["reported_on"].initial = timezone.localdate()
        self.fields["status"].initial = measure.status
        self.fields["progress"].initial = measure.progress
        self.milestones = [m for m in measure.milestone_list if m.met_on is None]
        for milestone in self.milestones:
            self.fields[f"milestone_{milestone.pk}"] = forms.DateField(
                label=_("„%(title)s“ erreicht am") % {"title": milestone.title},
                required=False,
                widget=DATE_WIDGET,
            )
        self.kpis = list(measure.kpi_list)
        for kpi in self.kpis:
            unit = f" ({kpi.unit})" if kpi.unit else ""
            self.fields[f"kpi_{kpi.pk}"] = AmountField(
                label=_("Wert: %(name)s") % {"name": f"{kpi.name}{unit}"},
                required=False,
                max_digits=14,
                decimal_places=2,
            )

    def milestones_met(self) -> dict:
        return {
            m.pk: self.cleaned_data[f"milestone_{m.pk}"]
            for m in self.milestones
            if self.cleaned_data[f"milestone_{m.pk}"]
        }

    def kpi_values(self) -> dict:
        return {
            k.pk: self.cleaned_data[f"kpi_{k.pk}"] for k in self.kpis if self.cleaned_data[f"kpi_{k.pk}"] is not None
        }


class ConsultationPeriodForm(forms.Form):
    starts_on = forms.DateField(label=_("Beginn der Beteiligung"), widget=DATE_WIDGET)
    ends_on = forms.DateField(label=_("Ende der Beteiligung"), widget=DATE_WIDGET)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        self.fields["starts_on"].initial = today
        self.fields["ends_on"].initial = date.fromordinal(today.toordinal() + 28)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("starts_on") and cleaned.get("ends_on") and cleaned["ends_on"] < cleaned["starts_on"]:
            self.add_error("ends_on", _("Das Ende liegt vor dem Beginn."))
        return cleaned


class DecisionForm(forms.Form):
    decision_date = forms.DateField(label=_("Ratsbeschluss am"), widget=DATE_WIDGET)
    decision_reference = forms.CharField(label=_("Beschluss-Nr. / Vorlage"), max_length=100, required=False)

    def __init__(self, *args, consultation=None, **kwargs):
        super().__init__(*args, **kwargs)
        if consultation is not None and consultation.ends_on:
            # The council decides after the consultation's (real) end; the service refuses an earlier date.
            self.fields["decision_date"].widget.attrs["min"] = consultation.ends_on.isoformat()
