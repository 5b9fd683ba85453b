"""Widgets for long choice lists."""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

SELECTED = mark_safe(" selected")


class LongSelectMultiple(forms.SelectMultiple):
    """A multiple select rendered in one pass. Django renders one template per option, which for
    the 500 funding programmes of a Germany-scale installation costs tens of milliseconds a page."""

    def render(self, name, value, attrs=None, renderer=None):
        selected = {str(item) for item in self.format_value(value)}
        final_attrs = self.build_attrs(self.attrs, attrs)
        final_attrs["multiple"] = True
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            ((str(key), SELECTED if str(key) in selected else "", label) for key, label in self.choices),
        )
        return format_html('<select name="{}"{}>{}</select>', name, flatatt(final_attrs), options)
