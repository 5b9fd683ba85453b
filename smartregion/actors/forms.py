import re

from django import forms
from django.utils.translation import gettext_lazy as _

from smartregion.projects.queries import published
from smartregion.taxonomy.models import Domain
from smartregion.territories import queries as territory_queries
from smartregion.territories.forms import TerritoryKeysField

from .enums import CONTACT_FIELDS, ContactVisibility
from .models import Actor
from .services import (
    EDITABLE_FIELDS,
    RELEASE_REASON_MAX_LENGTH,
    VISIBILITY_REACH,
    contact_state,
    may_widen_alone,
    widened_fields,
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
    reason = forms.CharField(
        label=_("Begründung der Freigabe"),
        required=False,
        max_length=RELEASE_REASON_MAX_LENGTH,
        help_text=_(
            "Nur nötig, wenn Sie Kontaktdaten an Stelle der Person freigeben oder ihre Einwilligung eintragen "
            "(z. B. „schriftliche Einwilligung vom 3. März“). Die Begründung steht im Verlauf."
        ),
    )
    revision = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Actor
        fields = [name for name in EDITABLE_FIELDS if name != "home_territory"]
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, user, own_profile: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self._before = contact_state(self.instance)
        self.decides_reach = own_profile or may_widen_alone(user, self.instance)
        self.releases_with_reason = not self.decides_reach and bool(user and user.is_platform_admin)
        if not self.decides_reach and not self.releases_with_reason:
            self._curate_only()
        if not self.releases_with_reason:
            del self.fields["reason"]
        if self.instance.pk:
            actor = self.instance
            self.fields["home_territory"].initial = actor.home_territory.ars if actor.home_territory_id else ""
            self.fields["domains"].initial = list(actor.domains.values_list("pk", flat=True))
            self.fields["keyword_text"].initial = ", ".join(actor.keywords.values_list("label", flat=True))
            self.fields["region_keys"].initial = list(actor.regions.all())
            self.fields["project_refs"].initial = list(actor.reference_projects.all())
            self.fields["revision"].initial = actor.revision
            if "consent" in self.fields:
                self.fields["consent"].initial = actor.consent_at is not None

    def _curate_only(self) -> None:
        """Coordinators curate content: a visibility may stay or narrow, never widen; a contact value that
        others can read stays as the person released it; consent is not theirs to give."""
        del self.fields["consent"]
        for name, visibility_field in CONTACT_FIELDS.items():
            current = getattr(self.instance, visibility_field)
            field = self.fields[visibility_field]
            field.choices = [
                (value, label)
                for value, label in ContactVisibility.choices
                if VISIBILITY_REACH[value] <= VISIBILITY_REACH[current]
            ]
            field.help_text = _("Sichtbarer machen kann nur die Person selbst.")
            if current != ContactVisibility.HIDDEN and getattr(self.instance, name):
                self.fields[name].disabled = True
                self.fields[name].help_text = _("Freigegeben von der Person; ändern kann nur sie selbst.")

    def clean_home_territory(self):
        text = self.cleaned_data["home_territory"].strip()
        if not text:
            return None
        territory = territory_queries.find_one(text)
        if territory is None:
            raise forms.ValidationError(_("Keine Gebietskörperschaft mit diesem Namen oder Schlüssel gefunden."))
        return territory

    def clean(self):
        data = super().clean()
        if "reason" in self.fields and not data.get("reason", "").strip():
            after = {
                name: (data.get(name) or "", data.get(visibility) or ContactVisibility.HIDDEN)
                for name, visibility in CONTACT_FIELDS.items()
            }
            published = any(value and visibility != ContactVisibility.HIDDEN for value, visibility in after.values())
            consent_given = data.get("consent") and self.instance.consent_at is None and published
            if widened_fields(self._before, after) or consent_given:
                self.add_error(
                    "reason",
                    _("Bitte begründen Sie die Freigabe an Stelle der Person; die Begründung steht im Verlauf."),
                )
        return data

    def clean_keyword_text(self):
        return [part.strip() for part in self.cleaned_data["keyword_text"].split(",") if part.strip()]

    def values(self) -> dict:
        data = self.cleaned_data
        return {
            **{name: data[name] for name in EDITABLE_FIELDS},
            "consent": data.get("consent", False),
            "reason": data.get("reason", ""),
            "domains": list(data["domains"]),
            "keywords": data["keyword_text"],
            "regions": data["region_keys"],
            "reference_projects": data["project_refs"],
        }
