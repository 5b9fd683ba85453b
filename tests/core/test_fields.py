from decimal import Decimal

import pytest
from django.utils import translation

from smartregion.core.fields import AmountField


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("de", "95.000", Decimal("95000")),
        ("de", "15.000,50", Decimal("15000.50")),
        ("de", "15000,5", Decimal("15000.5")),
        ("de", "1500.25", Decimal("1500.25")),
        ("de", "2.500 €", Decimal("2500")),
        ("en", "15,000.50", Decimal("15000.50")),
        ("en", "95000", Decimal("95000")),
    ],
)
def test_amounts_are_read_as_people_type_them(language, text, expected):
    with translation.override(language):
        assert AmountField(max_digits=14, decimal_places=2).clean(text) == expected


def test_text_that_is_no_number_is_refused():
    from django.core.exceptions import ValidationError

    with translation.override("de"), pytest.raises(ValidationError):
        AmountField().clean("zehn Euro")


@pytest.mark.parametrize("language", ["de", "en"])
@pytest.mark.parametrize("value", [Decimal("15000.50"), Decimal("1234567.89"), Decimal("0.00"), Decimal("95000")])
def test_an_amount_shown_in_a_form_reads_back_as_the_same_amount(language, value):
    """What the edit page shows is what comes back on an unchanged save: the same amount, and unchanged."""
    from django import forms

    class AmountForm(forms.Form):
        amount = AmountField(max_digits=14, decimal_places=2)

    with translation.override(language):
        shown = AmountForm(initial={"amount": value})["amount"]
        text = shown.field.widget.format_value(shown.value())
        sent = AmountForm(data={"amount": text}, initial={"amount": value})
        assert sent.is_valid() and sent.cleaned_data["amount"] == value and not sent.has_changed(), text
