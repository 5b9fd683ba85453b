from django import forms
from django.utils.translation import gettext_lazy as _

from smartregion.core.weburl import is_web_url
from smartregion.taxonomy.models import Domain

from .enums import Level, TargetGroup, ordered_groups
from .models import Offering
from .services import EDITABLE_FIELDS


class OfferingForm(forms.ModelForm):
    target_groups = forms.MultipleChoiceField(
        label=_("Zielgruppen"), choices=TargetGroup.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    domains = forms.ModelMultipleChoiceField(
        label=_("Handlungsfelder"),
        queryset=Domain.objects.active(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    revision = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Offering
        fields = EDITABLE_FIELDS
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 4}),
            "how_to_use": forms.Textarea(attrs={"rows": 2}),
            "sources": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "sources": _("Adressen der Quellen, getrennt durch „ | “."),
            "how_to_use": _("Ein Satz: wie eine Kommune das Angebot aufgreift."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["domains"].initial = list(self.instance.domains.values_list("pk", flat=True))
        self.fields["revision"].initial = self.instance.revision

    def clean_target_groups(self):
        return ordered_groups(self.cleaned_data.get("target_groups") or [])

    def clean_sources(self):
        """Each address (separated by " | ") is checked like every web address: http, https or mailto."""
        sources = self.cleaned_data.get("sources", "")
        for source in (part.strip() for part in sources.split(" | ")):
            if source and not is_web_url(source):
                raise forms.ValidationError(
                    _("„%(source)s“ ist keine Web-Adresse (http, https, mailto).") % {"source": source[:60]}
                )
        return sources

    def clean(self):
        data = super().clean()
        level, land = data.get("level"), data.get("land_code")
        if level == Level.BUND and land:
            self.add_error("land_code", _("Ein Angebot des Bundes gilt überall und hat kein Land."))
        elif level in (Level.LAND, Level.KOMMUNAL) and not land:
            self.add_error("land_code", _("Ein Angebot eines Landes braucht sein Land."))
        return data

    def values(self) -> dict:
        return {
            **{name: self.cleaned_data[name] for name in EDITABLE_FIELDS},
            "domains": list(self.cleaned_data["domains"]),
        }
