"""Rendering helpers of the catalog page.

A Kreis facet of a large Land has about a hundred values; rendering their options through the
template engine (four variables each) was a third of the page's time at 100,000 projects.
"""

from django import template
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe

register = template.Library()
SELECTED = mark_safe(" selected")


@register.filter
def facet_options(facet) -> str:
    """The `<option>`s of a select facet: value, label with its count, the chosen one selected."""
    return format_html_join(
        "",
        '<option value="{}"{}>{} ({})</option>',
        ((value.value, SELECTED if value.selected else "", value.label, value.count) for value in facet.values),
    )
