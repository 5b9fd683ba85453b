from django import forms
from django.utils.translation import gettext_lazy as _

from smartregion.taxonomy.models import Domain
from smartregion.territories.models import Territory

from .models import Need
from .services import EDITABLE_FIELDS


class NeedForm(forms.ModelForm):
    territory = forms.ModelChoiceField(label=_("Gebietskörperschaft"), queryset=Territory.objects.none())
    domains = forms.ModelMultipleChoiceField(
        label=_("Handlungsfelder"), queryset=Domain.objects.active(), widget=forms.CheckboxSelectMultiple
    )
    revision = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Need
        fields = EDITABLE_FIELDS
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, territories=None, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["territory"]
            self.fields["domains"].initial = list(self.instance.domains.values_list("pk", flat=True))
            self.fields["revision"].initial = self.instance.revision
        else:
            self.fields["territory"].queryset = territories if territories is not None else Territory.objects.none()

    def values(self) -> dict:
        return {
            **{name: self.cleaned_data[name] for name in EDITABLE_FIELDS},
            "domains": list(self.cleaned_data["domains"]),
        }
