from django import forms

from .models import Term
from .services import EDITABLE_FIELDS


class TermForm(forms.ModelForm):
    revision = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Term
        fields = ["slug", *EDITABLE_FIELDS]
        widgets = {
            "definition_de": forms.Textarea(attrs={"rows": 4}),
            "definition_en": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["slug"]  # addresses of definitions stay stable
            self.fields["revision"].initial = self.instance.revision

    def values(self) -> dict:
        return {name: self.cleaned_data[name] for name in EDITABLE_FIELDS}
