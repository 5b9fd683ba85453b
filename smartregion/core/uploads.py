"""The upload form of a spreadsheet import page (programmes, offerings); the run is a job
(`smartregion.jobs.uploads.import_page`). The importer validates every row and writes nothing on any error."""

from django import forms
from django.core.validators import FileExtensionValidator
from django.utils.translation import gettext_lazy as _

MAX_IMPORT_BYTES = 5 * 1024 * 1024


class SpreadsheetImportForm(forms.Form):
    file = forms.FileField(
        label=_("Datei (CSV oder XLSX, Spalten wie im Export)"),
        validators=[FileExtensionValidator(["csv", "xlsx"])],
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(_("Die Datei ist größer als 5 MB."))
        return upload
