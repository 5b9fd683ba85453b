from datetime import date

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from smartregion.actors.models import Actor
from smartregion.actors.queries import serving
from smartregion.assessments.matrix import current_matrix
from smartregion.assessments.models import Cell
from smartregion.core.fields import AmountField
from smartregion.core.widgets import DateInput
from smartregion.territories.models import Territory

from . import document
from .enums import MeasureStatus
from .models import Agenda, AgendaActor, ExistingConcept, Goal, Measure
from .services import ACTOR_FIELDS, AGENDA_FIELDS, CONCEPT_FIELDS, GOAL_FIELDS

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
