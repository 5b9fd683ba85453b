from django import forms
from django.utils.translation import gettext_lazy as _

from smartregion.core.widgets import LongSelectMultiple
from smartregion.funding.models import FundingProgramme
from smartregion.taxonomy.models import Domain

from .programmes import programme_catalogue


class FundingUsedForm(forms.Form):
    genutzt = forms.ModelMultipleChoiceField(
        label=_("Bereits genutzte Förderung"),
        queryset=FundingProgramme.objects.only("code", "name", "short_name").order_by("name"),
        to_field_name="code",
        required=False,
        widget=LongSelectMultiple,
        help_text=_("Programme, die für dieses Vorhaben schon eingesetzt werden: nicht kombinierbare fallen heraus."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The 500 options from the programme catalogue that every match reads anyway (kept per process
        # until a programme changes), not from a query and 500 model instances of their own.
        self.fields["genutzt"].choices = programme_catalogue().choices


class FreeQueryForm(FundingUsedForm):
    text = forms.CharField(label=_("Was suchen Sie? (Stichworte oder Beschreibung)"), max_length=500)
    feld = forms.ModelMultipleChoiceField(
        label=_("Handlungsfelder"),
        queryset=Domain.objects.active(),
        to_field_name="key",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    gebiet = forms.CharField(label=_("Für welche Kommune? (Name oder Schlüssel)"), max_length=200, required=False)

    field_order = ["text", "feld", "gebiet", "genutzt"]


class RecommendationForm(forms.Form):
    """A coordinator's recommendation for one group of funding gaps (the revision it was shown with)."""

    text = forms.CharField(
        label=_("Empfehlung der Koordination"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Was fehlt in der Förderkulisse für diese Bedarfe, und was sollten Land oder Bund anbieten? "
            "Erscheint auf der Seite der Förderlücken und im Weißbuch."
        ),
    )
    revision = forms.IntegerField(widget=forms.HiddenInput, required=False)
