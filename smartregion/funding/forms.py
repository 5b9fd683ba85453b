from django import forms
from django.core.validators import FileExtensionValidator
from django.utils.translation import gettext_lazy as _

from smartregion.taxonomy.models import Domain
from smartregion.territories.models import Territory

from .enums import Level, ProgrammeStatus

MAX_IMPORT_BYTES = 5 * 1024 * 1024


class ProgrammeFilterForm(forms.Form):
    q = forms.CharField(label=_("Suchbegriff"), required=False, max_length=200)
    ebene = forms.ChoiceField(label=_("Ebene"), required=False, choices=[("", _("alle")), *Level.choices])
    land = forms.ChoiceField(label=_("Land"), required=False)
    feld = forms.ChoiceField(label=_("Handlungsfeld"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("alle")), *ProgrammeStatus.choices])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["land"].choices = [("", _("alle"))] + list(
            Territory.objects.filter(kind="land").order_by("name").values_list("ars", "name")
        )
        self.fields["feld"].choices = [("", _("alle"))] + [
            (domain.key, domain.label) for domain in Domain.objects.active()
        ]


class EligibilityForm(forms.Form):
    gebiet = forms.CharField(label=_("Für welche Kommune? (Name oder Schlüssel)"), max_length=200)


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Datei (CSV oder XLSX, Spalten wie im Export)"),
        validators=[FileExtensionValidator(["csv", "xlsx"])],
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(_("Die Datei ist größer als 5 MB."))
        return upload
