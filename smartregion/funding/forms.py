from django import forms
from django.utils.translation import gettext_lazy as _

from smartregion.core.weburl import is_web_url
from smartregion.core.widgets import DateInput
from smartregion.taxonomy.models import Domain
from smartregion.territories.models import Territory

from . import deadline_rules
from .enums import Applicant, Level, applicant_groups
from .models import FundingProgramme
from .services import EDITABLE_FIELDS


class EligibilityForm(forms.Form):
    gebiet = forms.CharField(label=_("Für welche Kommune? (Name oder Schlüssel)"), max_length=200)


class ProgrammeForm(forms.ModelForm):
    applicants = forms.MultipleChoiceField(
        label=_("antragsberechtigt"), choices=Applicant.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    land = forms.ModelChoiceField(
        label=_("Land"), queryset=Territory.objects.filter(kind="land").order_by("name"), required=False
    )
    domains = forms.ModelMultipleChoiceField(
        label=_("Handlungsfelder"),
        queryset=Domain.objects.active(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    excludes = forms.ModelMultipleChoiceField(
        label=_("nicht kombinierbar mit"), queryset=FundingProgramme.objects.order_by("name"), required=False
    )
    revision = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = FundingProgramme
        fields = EDITABLE_FIELDS
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "stacking_note": forms.Textarea(attrs={"rows": 2}),
            "deadline_text": forms.Textarea(attrs={"rows": 2}),
            "sources": forms.Textarea(attrs={"rows": 2}),
            "audit_note": forms.Textarea(attrs={"rows": 2}),
            "valid_from": DateInput(),
            "valid_until": DateInput(),
            "as_of": DateInput(),
        }
        help_texts = {
            "deadline_text": _(
                "Die Frist in Worten. Ohne Fristregel wird jedes Datum im Format TT.MM.JJJJ als Frist übernommen "
                "(Kalender, Fristenliste)."
            ),
            "sources": _("Adressen der Quellen, getrennt durch „ | “."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["excludes"].queryset = FundingProgramme.objects.exclude(pk=self.instance.pk).order_by("name")
        self.fields["domains"].initial = list(self.instance.domains.values_list("pk", flat=True))
        self.fields["excludes"].initial = list(self.instance.excludes.values_list("pk", flat=True))
        self.fields["revision"].initial = self.instance.revision
        # Words of the first list (a restored backup) are shown as the groups they mean.
        self.initial["applicants"] = applicant_groups(self.instance.applicants)

    def clean_deadline_rule(self):
        text = self.cleaned_data.get("deadline_rule", "").strip()
        try:
            deadline_rules.parse(text)
        except deadline_rules.InvalidRule as error:
            raise forms.ValidationError(str(error)) from None
        return text

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
        if data.get("level") == Level.LAND and not data.get("land"):
            self.add_error("land", _("Ein Landesprogramm braucht sein Land."))
        low, high = data.get("population_min"), data.get("population_max")
        if low and high and low > high:
            self.add_error("population_max", _("Die Obergrenze liegt unter der Untergrenze."))
        start, end = data.get("valid_from"), data.get("valid_until")
        if start and end and start > end:
            self.add_error("valid_until", _("Das Ende liegt vor dem Beginn."))
        return data

    def values(self) -> dict:
        return {
            **{name: self.cleaned_data[name] for name in EDITABLE_FIELDS},
            "domains": list(self.cleaned_data["domains"]),
            "excludes": list(self.cleaned_data["excludes"]),
        }
