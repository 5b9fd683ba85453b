from django import forms
from django.utils.translation import gettext_lazy as _

from smartregion.territories.enums import TerritoryKind
from smartregion.territories.models import Territory

from . import queries
from .models import Network


class NetworkForm(forms.ModelForm):
    revision = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Network
        fields = ["name", "organisation", "description", "website"]
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}


class AddMemberForm(forms.Form):
    """A member by its key or by its name. A name several territories match leaves the candidates in
    `candidates` (cleaned_data["key"] is then None) for the coordinator to choose from; the choice comes back
    as `territory`."""

    key = forms.CharField(
        label=_("Name oder Schlüssel der Gebietskörperschaft"),
        help_text=_("Zum Beispiel „Saalfeld“, oder AGS (8 Ziffern), ARS (12 Ziffern), Kreisschlüssel (5 Ziffern)."),
        max_length=200,
        required=False,
    )
    territory = forms.ModelChoiceField(
        queryset=Territory.objects.filter(is_active=True).exclude(kind=TerritoryKind.GEMEINDEFREI),
        required=False,
        widget=forms.HiddenInput,
    )

    def __init__(self, *args, network, **kwargs):
        super().__init__(*args, **kwargs)
        self.network = network
        self.candidates = []

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        if cleaned.get("territory") is not None:
            cleaned["key"] = cleaned["territory"]
            return cleaned
        text = (cleaned.get("key") or "").strip()
        if not text:
            raise forms.ValidationError(_("Bitte einen Namen oder Schlüssel angeben."))
        cleaned["key"] = self._by_key(text) if text.replace(" ", "").isdigit() else self._by_name(text)
        return cleaned

    def _by_key(self, key):
        key = key.replace(" ", "")
        territory = (
            Territory.objects.filter(is_active=True, ars=key).exclude(kind=TerritoryKind.GEMEINDEFREI).first()
            or Territory.objects.filter(is_active=True, kind=TerritoryKind.GEMEINDE, ags=key).first()
        )
        if territory is None:
            raise forms.ValidationError(_("Zu „%(key)s“ gibt es keine Gebietskörperschaft.") % {"key": key})
        return territory

    def _by_name(self, name):
        candidates = queries.member_candidates(name, self.network)
        if not candidates:
            raise forms.ValidationError(_("Keine Gebietskörperschaft heißt „%(name)s“.") % {"name": name})
        exact = [territory for territory in candidates if territory.rank == 0]
        if len(exact) == 1:
            return exact[0]
        if len(candidates) == 1:
            return candidates[0]
        self.candidates = candidates
        return None


class CoordinatorInviteForm(forms.Form):
    email = forms.EmailField(label=_("E-Mail-Adresse"))
