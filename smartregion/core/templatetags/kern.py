"""Template helpers that render Django form fields with KERN UX classes and ARIA wiring."""

from django import forms, template
from django.urls import translate_url

register = template.Library()


@register.filter
def is_select(bound_field) -> bool:
    return isinstance(bound_field.field.widget, forms.Select)


@register.filter
def is_checkbox(bound_field) -> bool:
    return isinstance(bound_field.field.widget, forms.CheckboxInput)


@register.filter
def kern_widget(bound_field):
    widget = bound_field.field.widget
    if isinstance(widget, forms.Select):
        css_class = "kern-form-input__select"
    elif isinstance(widget, forms.CheckboxInput):
        css_class = "kern-form-check__checkbox"
    else:
        css_class = "kern-form-input__input"
    attrs = {"class": css_class}
    described_by = []
    if bound_field.help_text:
        described_by.append(f"{bound_field.auto_id}_hint")
    if bound_field.errors:
        described_by.append(f"{bound_field.auto_id}_error")
        attrs["aria-invalid"] = "true"
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    return bound_field.as_widget(attrs=attrs)


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current query string with some parameters replaced (for sort links and pagination)."""
    query = context["request"].GET.copy()
    for key, value in changes.items():
        if value in (None, ""):
            query.pop(key, None)
        else:
            query[key] = value
    return "?" + query.urlencode() if query else "?"


@register.simple_tag(takes_context=True)
def language_url(context, code: str) -> str:
    """This page in another language (the address with or without /en/), query string kept.

    A plain link instead of a POST to set_language: the language is in the address, every page
    stays free of per-visitor tokens (so it can be cached for visitors), and it works without forms.
    """
    return translate_url(context["request"].get_full_path(), code)
