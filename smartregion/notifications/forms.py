from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .enums import Delivery, Kind


class SettingsForm(forms.Form):
    """The person's language and, per kind, how notifications are mailed."""

    language = forms.ChoiceField(label=_("Sprache der E-Mails"), choices=settings.LANGUAGES, widget=forms.RadioSelect)

    def __init__(self, *args, current: dict[str, str], language: str, **kwargs):
        kwargs.setdefault("initial", {})
        kwargs["initial"].update({"language": language, **current})
        super().__init__(*args, **kwargs)
        for kind in Kind:
            self.fields[kind.value] = forms.ChoiceField(
                label=kind.label, choices=Delivery.choices, widget=forms.RadioSelect, initial=Delivery.IMMEDIATELY
            )

    def kind_choices(self) -> dict[str, str]:
        return {kind.value: self.cleaned_data[kind.value] for kind in Kind}
