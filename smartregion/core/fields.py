"""Form fields for numbers as people type them in German and English administrations."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import get_language

from .csvio import parse_decimal

ENGLISH_THOUSANDS = re.compile(r"-?\d{1,3}(,\d{3})+(\.\d+)?")


class AmountField(forms.DecimalField):
    """'15.000,50', '15000,50' or '15000.50' in German; '15,000.50' in English; shown localised.

    Django's own localised parsing reads the German '95.000' as 95: this field reads it as 95000.
    """

    widget = forms.TextInput

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("localize", True)
        super().__init__(*args, **kwargs)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs["inputmode"] = "decimal"
        return attrs

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, str):
            text = value.strip().replace("€", "").strip()
            german = (get_language() or "de").startswith("de")
            if not german and ENGLISH_THOUSANDS.fullmatch(text.replace(" ", "")):
                text = text.replace(",", "")
            try:
                value = parse_decimal(text, german=german)
            except ValueError:
                raise ValidationError(self.error_messages["invalid"], code="invalid") from None
        return super().to_python(value)
