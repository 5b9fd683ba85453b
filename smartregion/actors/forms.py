import re

from django import forms
from django.utils.translation import gettext_lazy as _

from smartregion.projects.queries import published
from smartregion.taxonomy.models import Domain
from smartregion.territories import queries as territory_queries
from smartregion.territories.forms import TerritoryKeysField
from smartregion.territories.models import Territory

from .enums import ActorKind, Sector
from .models import Actor
from .services import EDITABLE_FIELDS


class DirectoryFilterForm(forms.Form):
    q = forms.CharField(label=_("Name, Organisation oder Stichwort"), required=False, max_length=200)
    sektor = forms.ChoiceField(label=_("Sektor"), required=False, choices=[("", _("alle")), *Sector.choices])
    art = forms.ChoiceField(label=_("Art"), required=False, choices=[("", _("alle")), *ActorKind.choices])
    feld = forms.ChoiceField(label=_("Handlungsfeld"), required=False)
    land = forms.ChoiceField(label=_("tätig in"), required=False)
    forum = forms.BooleanField(label=_("im Experten-Forum ansprechbar"), required=False)
    review = forms.BooleanField(label=_("für Peer-Reviews verfügbar"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["feld"].choices = [("", _("alle"))] + [(d.key, d.label) for d in Domain.objects.active()]
        self.fields["land"].choices = [("", _("alle Länder"))] + list(
            Territory.objects.filter(kind="land").order_by("name").values_list("ars", "name")
        )


class NearForm(forms.Form):
    gebiet = forms.CharField(label=_("Ihre Kommune (Name oder Schlüssel)"), max_length=200)
    feld = forms.ChoiceField(label=_("Handlungsfeld"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["feld"].choices = [("", _("alle"))] + [(d.key, d.label) for d in Domain.objects.active()]


class ProjectRefsField(forms.CharField):
    """Catalog projects by number or address (…/projekte/123/), one per line."""

    widget = forms.Textarea(attrs={"rows": 3})

    def to_python(self, value):
        numbers = [int(number) for number in re.findall(r"(\d+)/?\s*$", value or "", flags=re.MULTILINE)]
        numbers = list(dict.fromkeys(numbers))
        found = published().in_bulk(numbers)
        missing = [str(number) for number in numbers if number not in found]
        if missing:
            raise forms.ValidationError(
                _("Diese Projekte gibt es nicht oder sie sind nicht veröffentlicht: %(numbers)s")
                % {"numbers": ", ".join(missing)}
            )
        return [found[number] for number in numbers]

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return "\n".join(f"{project.pk} {project.title}" for project in value)
        return value


class ActorForm(forms.ModelForm):
    home_territory = forms.CharField(label=_("Sitz (Name oder Schlüssel)"), required=False, max_length=200)
    domains = forms.ModelMultipleChoiceField(
        label=_("Kompetenzen (Handlungsfelder)"),
        queryset=Domain.objects.active(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    keyword_text = forms.CharField(
        label=_("Kompetenzen (Stichworte)"),
        required=False,
        help_text=_("Durch Kommas getrennt, z. B. LoRaWAN, Open Data, Vergaberecht."),
    )
    region_keys = TerritoryKeysField(
        label=_("betreute Regionen"),
        required=False,
        help_text=_("Je Zeile ein Schlüssel: Land (2 Ziffern), Kreis (5) oder Gemeinde (8)."),
    )
    project_refs = ProjectRefsField(
        label=_("Referenzprojekte"),
        required=False,
        help_text=_("Je Zeile die Nummer eines Projekts im Katalog (steht in seiner Adresse)."),
    )
    consent = forms.BooleanField(
        label=_("Die Person oder Organisation hat eingewilligt, dass die freigegebenen Kontaktdaten angezeigt werden."),
        required=False,
    )
    revision = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Actor
        fields = [name for name in EDITABLE_FIELDS if name != "home_territory"]
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            actor = self.instance
            self.fields["home_territory"].initial = actor.home_territory.ars if actor.home_territory_id else ""
            self.fields["domains"].initial = list(actor.domains.values_list("pk", flat=True))
            self.fields["keyword_text"].initial = ", ".join(actor.keywords.values_list("label", flat=True))
            self.fields["region_keys"].initial = list(actor.regions.all())
            self.fields["project_refs"].initial = list(actor.reference_projects.all())
            self.fields["revision"].initial = actor.revision
            self.fields["consent"].initial = actor.consent_at is not None

    def clean_home_territory(self):
        text = self.cleaned_data["home_territory"].strip()
        if not text:
            return None
        territory = territory_queries.find_one(text)
        if territory is None:
            raise forms.ValidationError(_("Keine Gebietskörperschaft mit diesem Namen oder Schlüssel gefunden."))
        return territory

    def clean_keyword_text(self):
        return [part.strip() for part in self.cleaned_data["keyword_text"].split(",") if part.strip()]

    def values(self) -> dict:
        data = self.cleaned_data
        return {
            **{name: data[name] for name in EDITABLE_FIELDS},
            "consent": data["consent"],
            "domains": list(data["domains"]),
            "keywords": data["keyword_text"],
            "regions": data["region_keys"],
            "reference_projects": data["project_refs"],
        }
