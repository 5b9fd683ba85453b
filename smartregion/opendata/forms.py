from django import forms
from django.utils.translation import gettext_lazy as _

from smartregion.core.weburl import WebURLFormField
from smartregion.core.widgets import DateInput
from smartregion.taxonomy.models import Domain

from .enums import FileType
from .models import Dataset
from .services import DATASET_FIELDS

DATE_WIDGET = DateInput()
DISTRIBUTION_ROWS = 3


class DatasetForm(forms.ModelForm):
    revision = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Dataset
        fields = DATASET_FIELDS
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "temporal_start": DATE_WIDGET,
            "temporal_end": DATE_WIDGET,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["domain"].queryset = Domain.objects.active()
        existing = list(self.instance.distributions.all()) if self.instance.pk else []
        for index in range(DISTRIBUTION_ROWS):
            row = existing[index] if index < len(existing) else None
            self.fields[f"url_{index}"] = WebURLFormField(
                label=_("Adresse der Distribution %(n)s") % {"n": index + 1},
                required=False,
                max_length=500,
                initial=row.access_url if row else "",
            )
            self.fields[f"format_{index}"] = forms.ChoiceField(
                label=_("Format der Distribution %(n)s") % {"n": index + 1},
                required=False,
                choices=[("", "–"), *FileType.choices],
                initial=row.file_type if row else "",
            )
        if self.instance.pk:
            self.fields["revision"].initial = self.instance.revision

    def clean(self):
        cleaned = super().clean()
        for index in range(DISTRIBUTION_ROWS):
            if cleaned.get(f"url_{index}") and not cleaned.get(f"format_{index}"):
                self.add_error(f"format_{index}", _("Bitte das Format angeben."))
        if (
            cleaned.get("temporal_start")
            and cleaned.get("temporal_end")
            and cleaned["temporal_end"] < cleaned["temporal_start"]
        ):
            self.add_error("temporal_end", _("Das Ende liegt vor dem Beginn."))
        return cleaned

    def values(self) -> dict:
        return {name: self.cleaned_data[name] for name in DATASET_FIELDS}

    def distributions(self) -> list[dict]:
        return [
            {"access_url": self.cleaned_data[f"url_{i}"], "file_type": self.cleaned_data[f"format_{i}"]}
            for i in range(DISTRIBUTION_ROWS)
            if self.cleaned_data.get(f"url_{i}")
        ]


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Datei (CSV oder XLSX)"), help_text=_("Zum Beispiel die Datei der Bestandsaufnahme.")
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > 5 * 1024 * 1024:
            raise forms.ValidationError(_("Die Datei ist größer als 5 MB."))
        if not upload.name.lower().endswith((".csv", ".xlsx", ".txt")):
            raise forms.ValidationError(_("Erlaubt sind CSV- und XLSX-Dateien."))
        return upload
