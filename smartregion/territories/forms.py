from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from smartregion.accounts.enums import TerritoryRoleKind
from smartregion.core.weburl import WebURLFormField

from .enums import AllianceType, TerritoryKind
from .models import Territory


class TerritorySearchForm(forms.Form):
    q = forms.CharField(label=_("Name, Schlüssel oder Postleitzahl"), required=False, max_length=100)
    kind = forms.ChoiceField(
        label=_("Ebene"), required=False, choices=[("", _("alle Ebenen"))] + list(TerritoryKind.choices)
    )
    land = forms.ChoiceField(label=_("Land"), required=False)

    def __init__(self, *args, lands=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["land"].choices = [("", _("alle Länder"))] + [(land.ars, land.name) for land in lands]


class AllianceForm(forms.Form):
    name = forms.CharField(label=_("Name des Verbunds"), max_length=200)
    alliance_type = forms.ChoiceField(label=_("Art"), choices=AllianceType.choices)
    description = forms.CharField(label=_("Beschreibung"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    website = WebURLFormField(label=_("Website"), required=False)
    member_keys = forms.CharField(
        label=_("Mitglieder"),
        help_text=_(
            "Je Zeile ein Amtlicher Gemeindeschlüssel (8 Ziffern), Regionalschlüssel (12 Ziffern) "
            "oder Kreisschlüssel (5 Ziffern). Schlüssel finden Sie über die Gebietssuche."
        ),
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    revision = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def clean_member_keys(self):
        lines = [line.strip() for line in self.cleaned_data["member_keys"].splitlines()]
        keys = []
        for line in lines:
            key = line.split()[0] if line else ""
            if key and key not in keys:
                keys.append(key)
        if len(keys) < 2:
            raise forms.ValidationError(_("Ein Verbund braucht mindestens zwei Mitglieder."))
        found = {}
        for territory in Territory.objects.filter(
            is_active=True, kind__in=[TerritoryKind.GEMEINDE, TerritoryKind.KREIS, TerritoryKind.VERBAND]
        ).filter(ars__in=keys) | Territory.objects.filter(is_active=True, kind=TerritoryKind.GEMEINDE, ags__in=keys):
            found[territory.ars] = territory
            if territory.ags:
                found[territory.ags] = territory
        missing = [key for key in keys if key not in found]
        if missing:
            raise forms.ValidationError(_("Unbekannte Schlüssel: %(keys)s") % {"keys": ", ".join(missing)})
        members = []
        for key in keys:
            if found[key] not in members:
                members.append(found[key])
        return members


class TerritoryInviteForm(forms.Form):
    email = forms.EmailField(label=_("E-Mail-Adresse"))
    role = forms.ChoiceField(label=_("Rolle"), choices=TerritoryRoleKind.choices, initial=TerritoryRoleKind.EDITOR)


class TerritoryWebsiteForm(forms.Form):
    website = WebURLFormField(
        label=_("Website der Gebietskörperschaft"),
        required=False,
        help_text=_(
            "Zum Beispiel https://www.jena.de. Zugangsanfragen von Adressen dieser Domain werden als "
            "„Adresse aus der Domain der Kommune“ gekennzeichnet."
        ),
    )
    revision = forms.IntegerField(widget=forms.HiddenInput)


class TerritoryKeysField(forms.CharField):
    """One official key per line (Land 2, Regierungsbezirk 3, Kreis 5 digits, AGS 8 or ARS 12 digits);
    anything after the key on the line (a name) is ignored. Cleans to a list of territories in order."""

    widget = forms.Textarea(attrs={"rows": 3})

    def to_python(self, value):
        keys = list(dict.fromkeys(line.split()[0] for line in (value or "").splitlines() if line.strip()))
        if not keys:
            return []
        found = {}
        for territory in Territory.objects.filter(is_active=True).filter(
            models.Q(ars__in=keys) | models.Q(ags__in=keys, kind=TerritoryKind.GEMEINDE)
        ):
            found[territory.ars] = territory
            if territory.ags and territory.kind == TerritoryKind.GEMEINDE:
                found[territory.ags] = territory
        missing = [key for key in keys if key not in found]
        if missing:
            raise forms.ValidationError(_("Unbekannte Schlüssel: %(keys)s") % {"keys": ", ".join(missing)})
        return list(dict.fromkeys(found[key] for key in keys))

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return "\n".join(f"{territory.ags or territory.ars} {territory.short_name}" for territory in value)
        return value
