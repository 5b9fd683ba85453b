"""Widgets: the browser's own date and time pickers, and long choice lists."""

from html import escape

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import mark_safe


class DateInput(forms.DateInput):
    """The browser's date picker. Its value is always ISO (2021-08-01), whatever the page's language: a
    localised value (01.08.2021) is one the browser cannot read, so it shows an empty field and sends the
    date back empty – an unchanged save would delete it. Use this, never DateInput(attrs={"type": "date"})."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class DateTimeInput(forms.DateTimeInput):
    """The browser's date and time picker (datetime-local), ISO to the minute."""

    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


class TimeInput(forms.TimeInput):
    """The browser's time picker, ISO to the minute."""

    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%H:%M")


class _OnePass:
    """A select rendered in one pass: Django renders one template per option, which for the 500 funding
    programmes of a Germany-scale installation took tens of milliseconds a page (10 ms for format_html per
    option alone). Every value and label is escaped (the standard library's escape, quotes included)."""

    def render(self, name, value, attrs=None, renderer=None):
        selected = {str(item) for item in self.format_value(value)}
        final_attrs = self.build_attrs(self.attrs, attrs)
        if self.allow_multiple_selected:
            final_attrs["multiple"] = True
        options = "".join(
            f'<option value="{escape(str(key))}"{" selected" if str(key) in selected else ""}>{escape(str(label))}'
            "</option>"
            for key, label in self.choices
        )
        return format_html('<select name="{}"{}>{}</select>', name, flatatt(final_attrs), mark_safe(options))  # noqa: S308


class LongSelectMultiple(_OnePass, forms.SelectMultiple):
    """A multiple select of a long list (the funding programmes)."""


class LongSelect(_OnePass, forms.Select):
    """A select of one value from a long list (the territories of an editor who edits for a whole Land:
    thousands of options on every page that offers them)."""
