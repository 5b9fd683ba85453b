from django import forms
from django.utils.translation import gettext_lazy as _

from smartregion.actors.enums import Sector
from smartregion.assessments.matrix import current_matrix
from smartregion.core.weburl import WebURLFormField
from smartregion.core.widgets import DateInput
from smartregion.projects.enums import ProjectStatus, Publication
from smartregion.projects.forms import AttachmentForm as ProjectAttachmentForm
from smartregion.projects.models import Project
from smartregion.taxonomy.models import Domain

from .enums import AgendaPart, AttachmentKind, Phase, StocktakeKind
from .models import Guide, Recommendation
from .services import GUIDE_FIELDS, RECOMMENDATION_FIELDS


def _dimension_choices():
    matrix = current_matrix()
    return [(dimension.key, dimension.label) for dimension in matrix.dimensions.all()] if matrix else []


class _RevisionForm(forms.ModelForm):
    """Edit forms carry the revision they were rendered with (optimistic locking)."""

    revision = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["slug"]  # addresses stay stable
            self.fields["revision"].initial = self.instance.revision


class GuideForm(_RevisionForm):
    domains = forms.ModelMultipleChoiceField(
        label=_("Handlungsfelder"),
        queryset=Domain.objects.active(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    dimension_keys = forms.MultipleChoiceField(
        label=_("Dimensionen der Matrix"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Die Zellen der Selbsteinschätzung mit diesen Dimensionen verlinken auf den Leitfaden."),
    )
    phases = forms.MultipleChoiceField(
        label=_("Phasen"), choices=Phase.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    agenda_parts = forms.MultipleChoiceField(
        label=_("Teile des Digitalisierungskonzepts"),
        choices=AgendaPart.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Diese Teile eines Digitalisierungskonzepts verlinken auf den Leitfaden."),
    )
    change_reason = forms.CharField(
        label=_("Was wurde geändert?"), required=False, max_length=100, help_text=_("Erscheint in der Versionsliste.")
    )

    class Meta:
        model = Guide
        fields = ["slug", "title", "kind", "summary", "body", "authors", "as_of", "review_due", "published"]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "body": forms.Textarea(attrs={"rows": 22}),
            "as_of": DateInput(),
            "review_due": DateInput(),
        }

    field_order = [
        "slug", "title", "kind", "summary", "body", "domains", "dimension_keys", "phases", "agenda_parts", "authors",
        "as_of", "review_due", "published", "change_reason",
    ]  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dimension_keys"].choices = _dimension_choices()
        if self.instance.pk:
            self.fields["domains"].initial = list(self.instance.domains.all())
            for name in ("dimension_keys", "phases", "agenda_parts"):
                self.fields[name].initial = getattr(self.instance, name)
        else:
            del self.fields["change_reason"]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("as_of") and cleaned.get("review_due") and cleaned["review_due"] < cleaned["as_of"]:
            self.add_error("review_due", _("Die nächste Prüfung liegt vor dem Stand."))
        return cleaned

    def values(self) -> dict:
        return {name: self.cleaned_data[name] for name in GUIDE_FIELDS}


class RecommendationForm(_RevisionForm):
    domains = forms.ModelMultipleChoiceField(
        label=_("Handlungsfelder"),
        queryset=Domain.objects.active(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    example_projects = forms.CharField(
        label=_("Beispielprojekte"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Nummern von Projekten im Katalog, durch Kommas getrennt (die Zahl in der Adresse /projekte/…/)."),
    )

    class Meta:
        model = Recommendation
        fields = ["slug", "position", "title", "why", "how", "pitfalls", "phase"]
        widgets = {name: forms.Textarea(attrs={"rows": 4}) for name in ("why", "how", "pitfalls")}

    field_order = ["slug", "position", "title", "why", "how", "pitfalls", "phase", "domains", "example_projects"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["domains"].initial = list(self.instance.domains.all())
            self.fields["example_projects"].initial = ", ".join(
                str(pk) for pk in self.instance.example_projects.values_list("pk", flat=True)
            )

    def clean_example_projects(self):
        text = self.cleaned_data["example_projects"]
        parts = [part.strip() for part in text.replace(";", ",").split(",") if part.strip()]
        wrong = [part for part in parts if not part.isdigit()]
        if wrong:
            raise forms.ValidationError(_("Keine Projektnummer: %(values)s") % {"values": ", ".join(wrong)})
        ids = [int(part) for part in parts]
        projects = list(Project.objects.filter(pk__in=ids, publication=Publication.PUBLISHED))
        missing = sorted(set(ids) - {project.pk for project in projects})
        if missing:
            raise forms.ValidationError(
                _("Kein veröffentlichtes Projekt mit der Nummer %(values)s.") % {"values": ", ".join(map(str, missing))}
            )
        return projects

    def values(self) -> dict:
        return {name: self.cleaned_data[name] for name in RECOMMENDATION_FIELDS}


class AttachmentForm(ProjectAttachmentForm):
    """The catalog's upload form (content checks, size limit) with the toolkit's wording."""

    kind = forms.ChoiceField(label=_("Art"), choices=AttachmentKind.choices)
    title = forms.CharField(
        label=_("Titel bzw. Bildbeschreibung"),
        max_length=200,
        help_text=_("Vorlagen: DOCX, XLSX, PDF, OpenDocument bis 10 MB; Bilder: PNG, JPEG, WebP bis 5 MB."),
    )


# The Bestandsaufnahme: one form per kind of entry; every entry keeps its title plus a few fields.
ACCESS_CHOICES = [
    ("open", _("offen (für alle)")),
    ("restricted", _("eingeschränkt (auf Anfrage, mit Vereinbarung)")),
    ("internal", _("intern (nur die eigene Verwaltung)")),
]


def _domain_choices():
    return [("", "–"), *((domain.key, domain.label) for domain in Domain.objects.active())]


class _EntryForm(forms.Form):
    revision = forms.IntegerField(widget=forms.HiddenInput, required=False)
    kind = None
    data_fields: list[str] = []

    def __init__(self, *args, entry=None, **kwargs):
        # The stored values are the initial values, also when the view passes `request.POST or None`:
        # the edit page shows them, and a form sent back unchanged is known to be unchanged.
        if entry is not None:
            kwargs.setdefault("initial", {"title": entry.title, "revision": entry.revision, **entry.data})
        super().__init__(*args, **kwargs)
        if "domain" in self.fields:
            self.fields["domain"].choices = _domain_choices()

    def data_values(self) -> dict:
        return {
            name: self.cleaned_data[name] for name in self.data_fields if self.cleaned_data.get(name) not in (None, "")
        }


class ProjectEntryForm(_EntryForm):
    kind = StocktakeKind.PROJECT
    data_fields = ["summary", "problem", "domain", "status", "start_year", "keywords", "partners", "url"]
    title = forms.CharField(label=_("Name des Projekts"), max_length=200)
    summary = forms.CharField(label=_("Worum geht es? (zwei, drei Sätze)"), widget=forms.Textarea(attrs={"rows": 3}))
    problem = forms.CharField(
        label=_("Welches Problem löst es?"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    domain = forms.ChoiceField(label=_("Handlungsfeld"))
    status = forms.ChoiceField(label=_("Stand"), choices=ProjectStatus.choices)
    start_year = forms.IntegerField(label=_("Startjahr"), required=False, min_value=1990, max_value=2100)
    keywords = forms.CharField(
        label=_("Stichworte"),
        required=False,
        max_length=300,
        help_text=_("Durch Kommas getrennt, z. B. LoRaWAN, Sensorik."),
    )
    partners = forms.CharField(
        label=_("Partner"), required=False, widget=forms.Textarea(attrs={"rows": 2}), help_text=_("Eine pro Zeile.")
    )
    url = WebURLFormField(label=_("Web-Adresse mit mehr Informationen"), required=False)


class DatasetEntryForm(_EntryForm):
    kind = StocktakeKind.DATASET
    data_fields = ["description", "domain", "publisher", "access", "frequency", "formats", "standards", "url"]
    title = forms.CharField(label=_("Name des Datenbestands"), max_length=200)
    description = forms.CharField(label=_("Was steht darin?"), widget=forms.Textarea(attrs={"rows": 3}))
    domain = forms.ChoiceField(label=_("Handlungsfeld"), required=False)
    publisher = forms.CharField(label=_("Wer hält die Daten? (Amt, Stadtwerke, …)"), max_length=200)
    access = forms.ChoiceField(label=_("Zugang"), choices=ACCESS_CHOICES)
    frequency = forms.CharField(
        label=_("Wie oft aktualisiert?"), required=False, max_length=100, help_text=_("z. B. täglich, jährlich, nie")
    )
    formats = forms.CharField(
        label=_("Formate"), required=False, max_length=200, help_text=_("z. B. CSV, Shapefile, PDF")
    )
    standards = forms.CharField(
        label=_("Standards"), required=False, max_length=200, help_text=_("z. B. GTFS, XPlanung, OParl, SensorThings")
    )
    url = WebURLFormField(label=_("Web-Adresse (falls veröffentlicht)"), required=False)


class ActorEntryForm(_EntryForm):
    kind = StocktakeKind.ACTOR
    data_fields = ["organisation", "sector", "role", "contact"]
    title = forms.CharField(label=_("Name (Person oder Stelle)"), max_length=200)
    organisation = forms.CharField(label=_("Organisation"), required=False, max_length=200)
    sector = forms.ChoiceField(label=_("Bereich"), choices=Sector.choices)
    role = forms.CharField(label=_("Rolle bei der Digitalisierung"), max_length=300)
    contact = forms.CharField(
        label=_("Kontakt"),
        required=False,
        max_length=200,
        help_text=_("Nur mit Einverständnis der Person; die Liste bleibt in Ihrer Verwaltung."),
    )


ENTRY_FORMS = {form.kind: form for form in (ProjectEntryForm, DatasetEntryForm, ActorEntryForm)}
