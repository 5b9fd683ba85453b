"""The upload half of a spreadsheet import page (programmes, offerings): the form and the run.

The importer validates every row and writes nothing on any error; it raises an exception whose `errors` are
the row errors to show. Permission checks stay in the view, before this is called.
"""

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


def run_import(request, *, importer, refused) -> dict:
    """The page's context: the form, the row errors of a refused file, or the importer's result.
    `importer(content, by=…, file_name=…)` raises `refused` (with `.errors`) when any row is wrong."""
    form = SpreadsheetImportForm(request.POST or None, request.FILES or None)
    errors, result = [], None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = importer(upload.read(), by=request.user, file_name=upload.name)
        except refused as error:
            errors = error.errors
    return {"form": form, "errors": errors, "result": result}
