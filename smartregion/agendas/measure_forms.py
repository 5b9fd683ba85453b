"""The measure form of a Digitalisierungskonzept: schedule, responsibility, Handlungsfelder and goals, the
funding programme (eligible ones first, with warnings), the budget per year and source, a catalog project it
re-uses (by search), milestones and KPIs (formsets), and the plan the service saves from them."""

from datetime import date

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from smartregion.core.fields import AmountField
from smartregion.funding.models import FundingProgramme
from smartregion.projects.enums import Publication
from smartregion.projects.models import Project
from smartregion.taxonomy.models import Domain
from smartregion.territories.models import Territory
from smartregion.toolkit.models import Recommendation

from . import financing, queries
from .enums import BUDGET_YEARS_AFTER_SCHEDULE, SCHEDULE_YEARS, BudgetSource
from .forms import DATE_WIDGET, RevisionMixin
from .models import Agenda, AgendaActor, Goal, Measure
from .rules import adoptable_condition
from .services import MEASURE_FIELDS, MeasurePlan


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
