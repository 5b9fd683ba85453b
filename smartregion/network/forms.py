from django import forms
from django.utils.translation import gettext_lazy as _

from smartregion.territories.enums import TerritoryKind
from smartregion.territories.models import Territory

from .models import Network


class NetworkForm(forms.ModelForm):
    revision = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Network
        fields = ["name", "organisation", "description", "website"]
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}


class AddMemberForm(forms.Form):
    key = forms.CharField(
        label=_("Schlüssel der Gebietskörperschaft"),
        help_text=_("AGS (8 Ziffern), ARS (12 Ziffern) oder Kreisschlüssel (5 Ziffern)."),
        max_length=12,
    )

    def clean_key(self):
        key = self.cleaned_data["key"].strip()
        territory = (
            Territory.objects.filter(is_active=True, ars=key).exclude(kind=TerritoryKind.GEMEINDEFREI).first()
            or Territory.objects.filter(is_active=True, kind=TerritoryKind.GEMEINDE, ags=key).first()
        )
        if territory is None:
            raise forms.ValidationError(_("Zu „%(key)s“ gibt es keine Gebietskörperschaft.") % {"key": key})
        return territory


class CoordinatorInviteForm(forms.Form):
    email = forms.EmailField(label=_("E-Mail-Adresse"))
